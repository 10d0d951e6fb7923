"""Coalition pages: the list for each kind of reader (in constant queries), a coalition's page with
its members and joint actions, and the forms that start or change a coalition and its members."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from organizations.tests.factories import organization_with_admin
from partnerships.models import Coalition, CoalitionMember, CoalitionRole
from partnerships.tests.factories_coalitions import FOUNDED, add_member, make_coalition, make_initiative, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def cso():
    return organization_with_admin(verification_status="verified", is_published=True, governorate="basra")


def _list(client, **params):
    response = client.get(reverse("partnerships:coalition_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_visitors_see_public_coalitions_members_theirs_and_staff_all(cso, client):
    organization, admin = cso
    make_coalition(name="Open water forum")
    make_coalition(name="Closed circle", is_public=False)
    make_coalition(name="Our private network", is_public=False, lead=organization)
    visitor = _list(client)
    assert "Open water forum" in visitor and "Closed circle" not in visitor and "Our private network" not in visitor
    client.force_login(admin)
    member = _list(client)
    assert "Our private network" in member and "Closed circle" not in member
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="mosul"))
    staff = _list(client)
    assert all(name in staff for name in ("Open water forum", "Closed circle", "Our private network"))


def test_a_csos_former_membership_no_longer_shows_a_private_coalition(cso, client):
    organization, admin = cso
    coalition = make_coalition(name="Past alliance", is_public=False, lead=make_partner_lead_cso())
    add_member(coalition, organization=organization, left_on=FOUNDED + timedelta(days=5))
    client.force_login(admin)
    assert "Past alliance" not in _list(client)
    assert client.get(reverse("partnerships:coalition_detail", args=[coalition.pk])).status_code == 404


def make_partner_lead_cso():
    organization, _ = organization_with_admin(verification_status="verified", is_published=True)
    return organization


def test_the_list_searches_by_name_and_type(client):
    make_coalition(name="Basra Water Rights Coalition")
    make_coalition(name="KRD NGO law network", kind="network")
    assert "KRD NGO" not in _list(client, q="water")
    page = _list(client, kind="network")
    assert "KRD NGO law network" in page and "Basra Water" not in page


def test_the_list_takes_the_same_queries_for_5_and_50_coalitions(client):
    partner = make_partner(is_public=True)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            page = _list(client)
        return len(captured), page.count('data-testid="coalition-row"')

    def more(n):
        for _ in range(n):
            coalition = make_coalition(lead=make_partner_lead_cso())
            add_member(coalition, partner=partner)

    more(5)
    few, shown = queries()
    assert shown == 5
    more(45)
    many, shown = queries()
    assert shown == 20 and many == few


def test_a_private_coalition_answers_404_to_a_non_member(cso, client):
    organization, _admin = cso
    coalition = make_coalition(is_public=False, lead=organization)
    url = reverse("partnerships:coalition_detail", args=[coalition.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(staff_member(Role.DONOR))
    assert client.get(url).status_code == 404
    for path in ("coalition_edit", "coalition_member_add"):
        assert client.get(reverse(f"partnerships:{path}", args=[coalition.pk])).status_code == 404


def test_the_page_shows_purpose_members_by_role_past_members_and_joint_actions(cso, client):
    organization, admin = cso
    coalition = make_coalition(lead=organization, name="Basra Water Rights Coalition", purpose="المياه حق للجميع")
    oxfam = make_partner(name="Oxfam", is_public=True)
    add_member(coalition, partner=oxfam, role=CoalitionRole.MEMBER)
    hidden_partner = make_partner(name="Quiet Donor", is_public=False)
    add_member(coalition, partner=hidden_partner, role=CoalitionRole.OBSERVER)
    former, _ = organization_with_admin(is_published=True, name="منظمة سابقة")
    add_member(coalition, organization=former, left_on=FOUNDED + timedelta(days=40))
    published = make_initiative(organization, admin, coalition=coalition, title="Water for Zubair")
    draft = make_initiative(organization, admin, coalition=coalition, published=False, title="Draft letter")
    url = reverse("partnerships:coalition_detail", args=[coalition.pk])
    page = client.get(url).content.decode()
    assert "المياه حق للجميع" in page and "Oxfam" in page and "منظمة سابقة" in page
    assert 'data-testid="past-member"' in page and page.count('data-testid="member"') == 2
    assert "Quiet Donor" not in page and 'data-testid="hidden-members"' in page
    assert published.title in page and published.get_absolute_url() in page and draft.title not in page
    assert 'data-testid="edit"' not in page
    client.force_login(admin)
    page = client.get(url).content.decode()
    assert "Quiet Donor" in page and draft.title in page and 'data-testid="edit"' in page


def test_a_csos_admin_starts_a_coalition_from_the_form(cso, client):
    organization, admin = cso
    client.force_login(admin)
    assert organization.name in client.get(reverse("partnerships:coalition_start")).content.decode()
    response = client.post(
        reverse("partnerships:coalition_start"),
        {
            "lead": organization.pk,
            "name": "تحالف البصرة لحقوق المياه",
            "kind": "coalition",
            "purpose": "Water.",
            "founded_on": "2025-03-01",
            "is_public": "on",
        },
    )
    coalition = Coalition.objects.get()
    assert response.url == reverse("partnerships:coalition_detail", args=[coalition.pk])
    assert coalition.members.get().organization == organization


def test_a_refused_start_keeps_what_was_typed(cso, client):
    organization, admin = cso
    client.force_login(admin)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("partnerships:coalition_start"),
        {
            "lead": organization.pk,
            "name": "Future Alliance",
            "kind": "coalition",
            "purpose": "Later.",
            "founded_on": tomorrow,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Future Alliance" in page and "cannot be in the future" in page
    assert not Coalition.objects.exists()


def test_people_who_cannot_start_a_coalition_are_refused(client):
    client.force_login(UserFactory())
    assert client.get(reverse("partnerships:coalition_start")).status_code == 403
    pending, admin = organization_with_admin(verification_status="pending")
    client.force_login(admin)
    assert client.get(reverse("partnerships:coalition_start")).status_code == 403


def test_the_lead_adds_a_member_and_a_duplicate_is_refused_on_the_form(cso, client):
    organization, admin = cso
    coalition = make_coalition(lead=organization)
    oxfam = make_partner(name="Oxfam", is_public=True)
    client.force_login(admin)
    url = reverse("partnerships:coalition_member_add", args=[coalition.pk])
    posted = {"partner": oxfam.pk, "role": "member", "joined_on": "2025-02-01"}
    assert client.post(url, posted).status_code == 302
    response = client.post(url, posted)
    assert response.status_code == 200 and "already a member" in response.content.decode()
    assert coalition.members.filter(partner=oxfam).count() == 1


def test_a_member_csos_admin_may_not_manage_but_records_her_own_leaving(cso, client):
    organization, _admin = cso
    coalition = make_coalition(lead=organization)
    other, other_admin = organization_with_admin(verification_status="verified")
    member = add_member(coalition, organization=other)
    client.force_login(other_admin)
    assert client.get(reverse("partnerships:coalition_member_add", args=[coalition.pk])).status_code == 403
    role_url = reverse("partnerships:coalition_member_role", args=[coalition.pk, member.pk])
    assert client.post(role_url, {"role": "lead"}).status_code == 403
    leave_url = reverse("partnerships:coalition_member_leave", args=[coalition.pk, member.pk])
    today = timezone.localdate()
    assert client.post(leave_url, {"left_on": today.isoformat()}).status_code == 302
    assert CoalitionMember.objects.get(pk=member.pk).left_on == today


def test_the_last_lead_leaving_is_refused_with_a_message_on_the_form(cso, client):
    organization, admin = cso
    coalition = make_coalition(lead=organization)
    lead = coalition.members.get()
    client.force_login(admin)
    url = reverse("partnerships:coalition_member_leave", args=[coalition.pk, lead.pk])
    response = client.post(url, {"left_on": timezone.localdate().isoformat()})
    assert response.status_code == 200 and "only lead" in response.content.decode()
    assert CoalitionMember.objects.get(pk=lead.pk).left_on is None


def test_a_manager_changes_a_role_and_edits_the_coalition(cso, client):
    organization, _admin = cso
    coalition = make_coalition(lead=organization, centre_slug="basra")
    member = add_member(coalition, partner=make_partner())
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="basra"))
    url = reverse("partnerships:coalition_member_role", args=[coalition.pk, member.pk])
    assert client.post(url, {"role": "observer"}).status_code == 302
    assert CoalitionMember.objects.get(pk=member.pk).role == CoalitionRole.OBSERVER
    edit = reverse("partnerships:coalition_edit", args=[coalition.pk])
    posted = {"name": "Renamed", "kind": "network", "purpose": "P", "founded_on": FOUNDED.isoformat()}
    assert client.post(edit, posted).status_code == 302
    coalition.refresh_from_db()
    assert (coalition.name, coalition.kind, coalition.is_public) == ("Renamed", "network", False)


def test_a_member_of_another_coalition_gets_404_for_its_member_rows(cso, client):
    organization, admin = cso
    mine = make_coalition(lead=organization)
    theirs = make_coalition(lead=make_partner_lead_cso())
    stranger = add_member(theirs, partner=make_partner())
    client.force_login(admin)
    url = reverse("partnerships:coalition_member_role", args=[mine.pk, stranger.pk])
    assert client.get(url).status_code == 404


def test_a_coalitions_page_takes_the_same_queries_for_5_and_50_members(cso, client):
    organization, admin = cso
    coalition = make_coalition(lead=organization)
    client.force_login(admin)
    url = reverse("partnerships:coalition_detail", args=[coalition.pk])

    def grow(n):
        for index in range(n):
            other, _ = organization_with_admin(is_published=True)
            member = add_member(coalition, organization=other)
            if index % 2:
                CoalitionMember.objects.filter(pk=member.pk).update(left_on=FOUNDED + timedelta(days=9))
            add_member(coalition, partner=make_partner())
            make_initiative(other, admin, coalition=coalition)

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        return len(captured), page

    grow(5)
    few, page = queries()
    assert page.count('data-testid="initiative"') == 5
    grow(45)
    many, page = queries()
    assert page.count('data-testid="initiative"') == 50 and page.count('data-testid="past-member"') == 2 + 22
    assert many == few


def test_a_coalitions_page_takes_the_same_queries_for_5_and_50_members_for_its_centres_manager(cso, client):
    organization, _admin = cso
    coalition = make_coalition(lead=organization, centre_slug="erbil")
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="erbil"))
    url = reverse("partnerships:coalition_detail", args=[coalition.pk])

    def grow(n):
        for _ in range(n):
            other, _ = organization_with_admin(is_published=True)
            add_member(coalition, organization=other)

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        return len(captured), page

    grow(5)
    few, page = queries()
    assert page.count('/leave/"') == 6  # the lead and every member: the manager records any leaving
    grow(45)
    many, page = queries()
    assert page.count('/leave/"') == 51
    assert many == few


def test_the_pages_read_right_to_left_in_arabic_and_kurdish(cso, client):
    organization, admin = cso
    coalition = make_coalition(lead=organization, name="تحالف البصرة لحقوق المياه")
    add_member(coalition, partner=make_partner(name="Oxfam", is_public=True))
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="erbil"))
    for language in ("ar", "ckb"):
        for url in (
            f"/{language}/partnerships/coalitions/",
            f"/{language}/partnerships/coalitions/{coalition.pk}/",
            f"/{language}/partnerships/network/basra/",
            f"/{language}/partnerships/network/cso/{organization.pk}/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert 'dir="rtl"' in response.content.decode() and "تحالف البصرة" in response.content.decode()
