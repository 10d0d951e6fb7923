"""Each role's dashboard opens on that person's own work (issue 17): the panels a role sees, in which
order, and that what they list is theirs and one tap from where the work is done."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from core import charts
from grants.models import ReviewAssignment
from grants.tests.test_payments import requested_first_tranche
from grants.tests.test_reviews import assign, eligible_application  # noqa: F401 (a fixture)
from legal_aid.tests.test_cases import assigned, request_help
from organizations.tests.factories import organization_with_admin
from trainings.tests.factories import held_until_yesterday, published_event

pytestmark = pytest.mark.django_db
PANEL = re.compile(r'data-testid="panel-([a-z_]+)"')


def dashboard(client, person) -> tuple[str, list[str]]:
    client.force_login(person)
    html = client.get(reverse("core:dashboard")).content.decode()
    return html, PANEL.findall(html)


def test_the_trainer_opens_on_todays_sessions_each_one_tap_from_its_roll_call(client):
    trainer = staff_member(Role.TRAINER)
    mine = published_event(days_ahead=0, title="Proposal writing")
    mine.trainers.add(trainer)
    other = published_event(days_ahead=0, title="Somebody else's training")
    html, keys = dashboard(client, trainer)
    assert keys[0] == "my_sessions"
    assert {"grant_officer", "finance", "verification", "my_organizations", "headline_indicators"}.isdisjoint(keys)
    roll_call = reverse("trainings:roll_call", args=[mine.pk, mine.sessions.get().pk])
    assert f'href="{roll_call}"' in html
    assert reverse("trainings:roll_call", args=[other.pk, other.sessions.get().pk]) not in html
    assert client.get(roll_call).status_code == 200  # the second tap is the roll-call itself


def test_a_held_session_without_attendance_waits_on_the_trainers_dashboard(client):
    trainer = staff_member(Role.TRAINER)
    event = held_until_yesterday(published_event(title="Budgeting basics", sessions=2))
    event.trainers.add(trainer)
    html, _keys = dashboard(client, trainer)
    assert "Attendance still to record" in html
    assert html.count("Budgeting basics") >= 2  # both held sessions are listed with their roll-calls
    for session in event.sessions.all():
        assert reverse("trainings:roll_call", args=[event.pk, session.pk]) in html


def test_the_trainers_dashboard_costs_the_same_queries_for_many_sessions(client):
    trainer = staff_member(Role.TRAINER)
    published_event(days_ahead=0, sessions=1).trainers.add(trainer)
    client.force_login(trainer)
    url = reverse("core:dashboard")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        published_event(days_ahead=0, sessions=6).trainers.add(trainer)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_centre_staff_see_their_centres_week_and_the_upcoming_events_of_their_centre_first(client):
    mosul_staff = staff_member(Role.CENTRE_STAFF, centre_slug="mosul")
    published_event(centre_slug="erbil", days_ahead=1, title="Erbil event soonest")
    published_event(centre_slug="mosul", days_ahead=3, title="Mosul workshop")
    html, keys = dashboard(client, mosul_staff)
    assert keys.index("centre_week") < keys.index("events")
    events = html[html.index('data-testid="panel-events"') :]
    assert events.index("Mosul workshop") < events.index("Erbil event soonest")  # her centre first


def test_the_reviewer_sees_her_assigned_applications_and_not_the_applicants_name(client, eligible_application):  # noqa: F811
    reviewer = staff_member(Role.REVIEWER)
    assign(client, eligible_application, reviewer)
    html, keys = dashboard(client, reviewer)
    assert keys[0] == "reviews"
    assignment = ReviewAssignment.objects.get(reviewer=reviewer)
    assert reverse("grants:review", args=[assignment.pk]) in html
    assert "0 of 2 criteria scored" in html
    assert "Hidden CSO name" not in html and "Peace circles" not in html  # nothing before the declaration


def test_the_grant_officer_sees_the_pipeline_and_finance_the_payments_to_make(client, exchange_rates):
    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement, _first = requested_first_tranche(officer)
    html, keys = dashboard(client, officer)
    assert keys[0] == "grant_officer" and "finance" not in keys
    assert "Calls by phase" in html and "Tranches waiting for payment" in html
    html, keys = dashboard(client, finance)
    assert keys[0] == "finance" and "grant_officer" not in keys and "verification" not in keys
    assert reverse("grants:agreement", args=[agreement.pk]) in html


def test_lawyers_see_their_own_cases_and_the_coordinator_the_new_requests(client):
    coordinator, lawyer = staff_member(Role.LEGAL_COORDINATOR), staff_member(Role.LAWYER)
    other_lawyer = staff_member(Role.LAWYER, centre_slug="basra")
    new, _admin = request_help()
    html, keys = dashboard(client, coordinator)
    assert keys[0] == "legal" and "New requests" in html and new.reference in html
    case, _admin = request_help()
    assigned(case, coordinator, lawyer)
    html, keys = dashboard(client, lawyer)
    assert keys[0] == "legal" and case.reference in html and new.reference not in html
    html, _keys = dashboard(client, other_lawyer)
    assert case.reference not in html


def test_a_cso_member_sees_her_organisations_grants_and_legal_requests(client):
    _organization, admin = organization_with_admin(name="Basra Women Forum", verification_status="verified")
    html, keys = dashboard(client, admin)
    assert {"my_organizations", "cso_grants"} <= set(keys)
    assert {"verification", "centre_week", "my_sessions", "reviews", "my_centres"}.isdisjoint(keys)
    assert "Basra Women Forum" in html and "Open calls" in html


def test_the_donor_is_not_greeted_with_centres_or_verification_work(client):
    html, keys = dashboard(client, staff_member(Role.DONOR))
    assert "my_centres" not in keys and "verification" not in keys and "my_organizations" not in keys
    assert "not bound to a centre" not in html
    assert keys[0] == "headline_indicators"


def test_a_sparkline_runs_in_the_reading_direction():
    ltr, rtl = charts.sparkline([1, 2, 4]), charts.sparkline([1, 2, 4], rtl=True)
    assert ltr.last_x > 100 and rtl.last_x < 20  # the newest value at the end of the line as one reads
    assert ltr.last_y == rtl.last_y < charts.HEIGHT / 2
    assert charts.sparkline([3]) is None
    assert (charts.share(1, 4), charts.share(5, 4), charts.share(1, 0)) == (25, 100, 0)
