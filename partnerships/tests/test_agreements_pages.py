"""The agreement pages: who sees which agreements, the list's filters and its queries, the page
of an agreement (parties, expiry badge, overdue marks, the steps offered, the signed copy only for
those who may download it), the menu entry and the dashboard panel."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from core import navigation
from organizations.models import Membership, MembershipRole
from organizations.tests.factories import OrganizationFactory, organization_with_admin
from partnerships.models import AgreementKind, AgreementStatus
from partnerships.tests.factories_agreements import agreement_in, obligation_for
from partnerships.workflows import AGREEMENT

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LIST = reverse("partnerships:agreement_list")


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.TATWEER_REQUIRE_STAFF_MFA = False


@pytest.fixture
def manager():
    return staff_member(Role.CENTRE_MANAGER, mfa=False)


def rows(html: str) -> int:
    return html.count('data-testid="agreement-row"')


def test_staff_see_every_agreement_and_a_cso_member_only_her_csos(client):
    organization, admin = organization_with_admin()
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, role=MembershipRole.MEMBER)
    ours = agreement_in(AgreementStatus.ACTIVE, organizations=[organization], title="Ours")
    agreement_in(AgreementStatus.DRAFT, title="Theirs", centre_slug="basra")
    client.force_login(staff_member(Role.CENTRE_STAFF, mfa=False))
    assert rows(client.get(LIST).content.decode()) == 2
    client.force_login(member)
    page = client.get(LIST).content.decode()
    assert rows(page) == 1 and "Ours" in page and "Theirs" not in page
    assert client.get(reverse("partnerships:agreement_detail", args=[ours.pk])).status_code == 200
    other = agreement_in(AgreementStatus.DRAFT)
    assert client.get(reverse("partnerships:agreement_detail", args=[other.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 403


def test_the_list_filters_by_status_kind_centre_and_expiry(client, manager):
    agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=30), title="Soon")
    agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=200), title="Later")
    agreement_in(AgreementStatus.DRAFT, kind=AgreementKind.DATA_SHARING, centre_slug="mosul", title="Data")
    client.force_login(manager)
    assert rows(client.get(LIST, {"status": "active"}).content.decode()) == 2
    assert rows(client.get(LIST, {"kind": "data_sharing"}).content.decode()) == 1
    assert rows(client.get(LIST, {"centre": centre("mosul").pk}).content.decode()) == 1
    soon = client.get(LIST, {"expiring": "on"}).content.decode()
    assert rows(soon) == 1 and "Soon" in soon and "expires in 30 days" in soon
    assert client.get(LIST, {"status": "nonsense", "centre": "x"}).status_code == 200


def test_the_list_makes_the_same_number_of_queries_for_5_and_50_agreements(client, manager):
    owner = UserFactory()

    def make(n):
        for _ in range(n):
            agreement = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=20))
            obligation_for(agreement, owner=owner, due_in_days=-2)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(captured), rows(response.content.decode())

    client.force_login(manager)
    make(5)
    few, shown = queries()
    assert shown == 5
    make(45)
    many, shown = queries()
    assert shown == 20 and many == few  # one page of 20


def test_the_agreement_page_shows_parties_expiry_badge_and_overdue_obligations(client, manager):
    agreement = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=30))
    late = obligation_for(agreement, due_in_days=-4, description="Send the attendance lists")
    obligation_for(agreement, due_in_days=10, description="Co-host the closing workshop")
    client.force_login(manager)
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="expiry-badge"' in page and "expires in 30 days" in page
    assert page.count('data-testid="party-row"') == 2 and "Hana Saleh" in page
    assert page.count('data-testid="overdue"') == 1 and late.description in page


def test_the_agreement_page_makes_the_same_number_of_queries_for_5_and_50_obligations(client, manager):
    agreement = agreement_in(AgreementStatus.ACTIVE)
    url = reverse("partnerships:agreement_detail", args=[agreement.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode().count('data-testid="obligation-update"')

    client.force_login(manager)
    for _ in range(5):
        obligation_for(agreement, due_in_days=-2)
    few, updatable = queries()
    assert updatable == 5  # the manager updates every obligation, each followed up by someone else
    for _ in range(45):
        obligation_for(agreement, due_in_days=10)
    many, updatable = queries()
    assert updatable == 50 and many == few


def test_the_person_following_an_obligation_up_may_update_hers_only_on_the_page(client):
    owner = UserFactory()
    organization = OrganizationFactory()
    Membership.objects.create(organization=organization, user=owner, role=MembershipRole.MEMBER)
    agreement = agreement_in(AgreementStatus.ACTIVE, organizations=[organization])
    hers = obligation_for(agreement, owner=owner)
    obligation_for(agreement)
    client.force_login(owner)
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert page.count('data-testid="obligation-update"') == 1
    assert reverse("partnerships:obligation_update", args=[hers.pk]) in page


POSTS = {
    "negotiate": "partnerships:agreement_negotiate",
    "sign": "partnerships:agreement_sign",
    "activate": "partnerships:agreement_activate",
    "renew": "partnerships:agreement_renew",
    "terminate": "partnerships:agreement_terminate",
}


@pytest.mark.parametrize("state", AgreementStatus.values)
def test_the_page_offers_exactly_the_steps_the_workflow_permits(client, manager, state):
    agreement = agreement_in(state)
    client.force_login(manager)
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    links = set(re.findall(r'(?:action|href)="([^"]+)"', page))
    offered = {action for action, name in POSTS.items() if reverse(name, args=[agreement.pk]) in links}
    assert offered == AGREEMENT.actions_for(agreement, manager)
    client.force_login(staff_member(Role.CENTRE_STAFF, mfa=False))
    page = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="agreement-actions"' not in page


def test_the_signed_copy_reaches_the_centres_staff_and_the_parties_admins_only(client):
    organization, cso_admin = organization_with_admin()
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, role=MembershipRole.MEMBER)
    agreement = agreement_in(AgreementStatus.ACTIVE, organizations=[organization])
    url = reverse("partnerships:agreement_detail", args=[agreement.pk])

    def link_for(user) -> str:
        client.force_login(user)
        found = re.search(r'href="([^"]+)" data-testid="signed-copy"', client.get(url).content.decode())
        return found.group(1) if found else ""

    link = link_for(cso_admin)
    download = client.get(link)
    assert download.status_code == 200
    # the person's own file name, not the stored one
    assert f'filename="{agreement.signed_copy_filename}"' in download.headers["Content-Disposition"]
    assert link_for(staff_member(Role.CENTRE_STAFF, mfa=False))
    assert link_for(member) == ""  # a member sees the agreement, not its signed copy
    assert link_for(staff_member(Role.CENTRE_STAFF, centre_slug="basra", mfa=False)) == ""
    # the download rule itself: strangers with the link get 404
    for stranger in (member, UserFactory(), organization_with_admin()[1]):
        client.force_login(stranger)
        assert client.get(link).status_code == 404


def test_drafting_an_agreement_and_a_refusal_that_keeps_what_was_typed(client, manager):
    client.force_login(manager)
    organization = OrganizationFactory()
    data = {"title": "MoU on youth councils", "kind": "mou", "purpose": "Joint sessions.", "centre": centre("erbil").pk}
    refused = client.post(reverse("partnerships:agreement_add"), {**data, "organizations": [organization.pk]})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "at least two parties" in page and 'value="MoU on youth councils"' in page
    second = OrganizationFactory()
    done = client.post(reverse("partnerships:agreement_add"), {**data, "organizations": [organization.pk, second.pk]})
    assert done.status_code == 302
    assert client.get(done.url).content.decode().count('data-testid="party-row"') == 2


def test_a_refused_upload_says_why_and_keeps_the_rest_of_the_form(client, manager):
    agreement = agreement_in(AgreementStatus.NEGOTIATION)
    agreement.parties.update(signatory_name="Hana Saleh", signed_on=TODAY)
    client.force_login(manager)
    url = reverse("partnerships:agreement_sign", args=[agreement.pk])
    fake = ("mou.pdf", b"<html>not a pdf</html>")
    starts, ends = TODAY.isoformat(), (TODAY + dt.timedelta(days=365)).isoformat()
    response = client.post(
        url, {"starts_on": starts, "ends_on": ends, "signed_copy": SimpleUploadedFile(*fake)}, format="multipart"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "not a PDF file" in page
    assert f'value="{starts}"' in page and f'value="{ends}"' in page
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.NEGOTIATION
    good = SimpleUploadedFile("mou.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"starts_on": starts, "ends_on": ends, "signed_copy": good}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_terminating_without_a_reason_is_refused_on_the_page(client, manager):
    agreement = agreement_in(AgreementStatus.ACTIVE)
    client.force_login(manager)
    url = reverse("partnerships:agreement_terminate", args=[agreement.pk])
    page = client.post(url, {"reason": ""}).content.decode()
    assert "Say why the agreement is terminated" in page
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert client.post(url, {"reason": "The partner left Iraq."}).status_code == 302
    detail = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert "The partner left Iraq." in detail


def test_a_future_signature_date_is_refused_on_the_page(client, manager):
    party = agreement_in(AgreementStatus.DRAFT).parties.first()
    client.force_login(manager)
    url = reverse("partnerships:agreement_party_sign", args=[party.pk])
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    page = client.post(url, {"signatory_name": "Ingrid Solberg", "signed_on": tomorrow}).content.decode()
    assert "cannot be in the future" in page and 'value="Ingrid Solberg"' in page
    party.refresh_from_db()
    assert party.signed_on is None


def test_renewing_opens_the_new_draft(client, manager):
    agreement = agreement_in(AgreementStatus.EXPIRED)
    client.force_login(manager)
    response = client.post(reverse("partnerships:agreement_renew", args=[agreement.pk]))
    renewal = agreement.renewed_by
    assert response.url == reverse("partnerships:agreement_detail", args=[renewal.pk])
    old = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="renewal-link"' in old


def test_the_person_following_an_obligation_up_marks_it_done(client):
    owner = UserFactory()
    organization = OrganizationFactory()
    Membership.objects.create(organization=organization, user=owner, role=MembershipRole.MEMBER)
    obligation = obligation_for(agreement_in(AgreementStatus.ACTIVE, organizations=[organization]), owner=owner)
    client.force_login(owner)
    url = reverse("partnerships:obligation_update", args=[obligation.pk])
    assert "Say when the obligation was done." in client.post(url, {"status": "done"}).content.decode()
    assert client.post(url, {"status": "done", "done_on": TODAY.isoformat()}).status_code == 302
    obligation.refresh_from_db()
    assert obligation.done_on == TODAY


def test_the_menu_entry_shows_to_staff_and_to_members_of_a_party():
    def sees(user) -> bool:
        labels = [e["label"] for item in navigation.entries_for(user) for e in item.get("children", [item])]
        return "Agreements" in [str(label) for label in labels]

    organization, cso_admin = organization_with_admin()
    agreement_in(AgreementStatus.DRAFT, organizations=[organization])
    assert sees(staff_member(Role.CENTRE_STAFF, mfa=False))
    assert sees(cso_admin)
    assert not sees(organization_with_admin()[1])
    assert not sees(staff_member(Role.DONOR, mfa=False))


def test_the_dashboard_shows_a_manager_what_expires_and_what_is_overdue(client, manager):
    soon = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=30), title="Expiring MoU")
    obligation_for(soon, due_in_days=-1, description="Overdue handbook")
    agreement_in(AgreementStatus.ACTIVE, centre_slug="basra", ends_on=TODAY + dt.timedelta(days=5), title="Basra MoU")
    client.force_login(manager)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'data-testid="agreements-dashboard"' in page
    assert "Expiring MoU" in page and "Overdue handbook" in page and "Basra MoU" not in page
