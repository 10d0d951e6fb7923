"""The 90-day follow-up of a visiting CSO: recorded by the person it is given to or the centre's
staff, with a reason, the practices taken up and since when; corrected in place and audited; the
reminder reaches the assignee once, in her language."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from notifications.models import Notification
from partnerships import alerts
from partnerships.models import VisitingOrganization
from partnerships.services import visits as services
from partnerships.tests.factories_visits import exchange_event, exchange_visit, last_day, practice, visiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil", preferred_language="ar")
    visit = exchange_visit(event=exchange_event(ended_days_ago=100))
    seen = practice(visit)
    return {"staff": staff, "visit": visit, "practice": seen, "visiting": visiting(visit, assigned_to=staff)}


def adopted(world, **changes) -> dict:
    return {
        "outcome": "adopted",
        "explanation": "نعقد جلسات استماع للموازنة كل فصل.",
        "practices": [world["practice"]],
        "adopted_on": last_day(world["visit"]) + dt.timedelta(days=20),
        **changes,
    }


def snapshot(visiting: VisitingOrganization) -> tuple:
    row = VisitingOrganization.objects.get(pk=visiting.pk)
    return (row.outcome, row.explanation, row.adopted_on, row.recorded_at, list(row.practices.all()))


def test_the_assignee_records_that_the_cso_adopted_a_practice_since_a_date(world):
    recorded = services.follow_up_record(actor=world["staff"], visiting=world["visiting"], data=adopted(world))
    assert recorded.outcome == "adopted" and recorded.recorded_by == world["staff"]
    assert list(recorded.practices.all()) == [world["practice"]]
    assert recorded.adopted_on == last_day(world["visit"]) + dt.timedelta(days=20)


def test_not_adopted_needs_the_reason_and_nothing_else(world):
    data = {"outcome": "not_adopted", "explanation": "No budget for the hall.", "practices": [], "adopted_on": None}
    recorded = services.follow_up_record(actor=world["staff"], visiting=world["visiting"], data=data)
    assert (recorded.outcome, recorded.adopted_on) == ("not_adopted", None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"explanation": "   "}, "explanation"),
        ({"outcome": "perhaps"}, "outcome"),
        ({"adopted_on": None}, "adopted_on"),
        ({"practices": []}, "practices"),
        ({"adopted_on": "before the visit"}, "adopted_on"),
        ({"adopted_on": "tomorrow"}, "adopted_on"),
        ({"outcome": "not_adopted"}, "adopted_on"),
        ({"practices": "of another visit"}, "practices"),
    ],
)
def test_a_follow_up_that_does_not_hold_together_is_refused_and_nothing_changes(world, changes, field):
    dates = {
        "before the visit": world["visit"].event.sessions.order_by("date").first().date - dt.timedelta(days=1),
        "tomorrow": timezone.localdate() + dt.timedelta(days=1),
    }
    if changes.get("adopted_on") in dates:
        changes = {**changes, "adopted_on": dates[changes["adopted_on"]]}
    if changes.get("practices") == "of another visit":
        changes = {"practices": [practice(exchange_visit())]}
    before = snapshot(world["visiting"])
    with pytest.raises(ValidationError) as refused:
        services.follow_up_record(actor=world["staff"], visiting=world["visiting"], data=adopted(world, **changes))
    assert field in refused.value.message_dict
    assert snapshot(world["visiting"]) == before


def test_a_follow_up_waits_for_the_end_of_the_visit(world):
    ahead = exchange_visit(event=exchange_event(ended_days_ago=-5))
    open_one = visiting(ahead, assigned_to=world["staff"])
    with pytest.raises(ValidationError) as refused:
        services.follow_up_record(
            actor=world["staff"], visiting=open_one, data={"outcome": "not_adopted", "explanation": "Too early."}
        )
    assert "outcome" in refused.value.message_dict
    assert not VisitingOrganization.objects.get(pk=open_one.pk).outcome


def test_staff_of_another_centre_may_not_record_it(world):
    mosul = staff_member(Role.CENTRE_STAFF, centre_slug="mosul")
    with pytest.raises(PermissionDenied):
        services.follow_up_record(actor=mosul, visiting=world["visiting"], data=adopted(world))
    assert not VisitingOrganization.objects.get(pk=world["visiting"].pk).outcome


def test_a_correction_changes_the_same_row_and_the_history_keeps_both_with_the_actor(world):
    services.follow_up_record(actor=world["staff"], visiting=world["visiting"], data=adopted(world))
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    changed = adopted(world, outcome="adapted", explanation="They hold them twice a year, with the council.")
    services.follow_up_record(actor=manager, visiting=world["visiting"], data=changed)
    assert VisitingOrganization.objects.filter(visit=world["visit"]).count() == 1
    history = apps.get_model("partnerships", "VisitingOrganizationEvent").objects.filter(pgh_obj=world["visiting"])
    written = list(history.filter(pgh_label="update").order_by("pgh_id").values_list("outcome", flat=True))
    assert written == ["adopted", "adapted"]
    actions = [event.pgh_context.metadata.get("action") for event in history.filter(pgh_label="update")]
    assert actions == ["partnerships.follow_up_record", "partnerships.follow_up_correct"]


def test_the_reminder_reaches_the_assignee_once_in_her_language_when_the_follow_up_falls_due(world):
    not_yet = visiting(exchange_visit(event=exchange_event(ended_days_ago=30)), assigned_to=world["staff"])
    done = visiting(world["visit"], assigned_to=world["staff"], outcome="adopted")
    assert alerts.visit_follow_ups_due() == 1
    assert alerts.visit_follow_ups_due() == 0
    (told,) = Notification.objects.filter(kind="partnerships_visit_follow_up")
    assert told.recipient == world["staff"]
    assert told.url == f"/ar/partnerships/follow-ups/{world['visiting'].pk}/"
    assert world["visiting"].organization.name in told.subject
    assert not VisitingOrganization.objects.get(pk=not_yet.pk).reminded_at
    assert not VisitingOrganization.objects.get(pk=done.pk).reminded_at


def test_a_follow_up_given_to_someone_else_after_the_reminder_is_told_to_her_too(world):
    alerts.visit_follow_ups_due()
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    other = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    services.visitor_assign(actor=manager, visiting=world["visiting"], assigned_to=other)
    assert alerts.visit_follow_ups_due() == 1
    recipients = set(
        Notification.objects.filter(kind="partnerships_visit_follow_up").values_list("recipient", flat=True)
    )
    assert recipients == {world["staff"].pk, other.pk}


def test_a_follow_up_whose_assignee_is_inactive_is_not_marked_reminded_and_is_told_once_she_is_back(world):
    staff = world["staff"]
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    assert alerts.visit_follow_ups_due() == 0
    assert VisitingOrganization.objects.get(pk=world["visiting"].pk).reminded_at is None
    staff.is_active = True
    staff.save(update_fields=["is_active"])
    assert alerts.visit_follow_ups_due() == 1
    assert VisitingOrganization.objects.get(pk=world["visiting"].pk).reminded_at is not None
    assert Notification.objects.filter(kind="partnerships_visit_follow_up", recipient=staff).count() == 1
