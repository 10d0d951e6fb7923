"""The joint initiatives' pages: who sees which initiatives (and the same number of queries for 5 and
50), the page visitors see (text, fingerprint, signatories), signing and withdrawing from the page
(choosing the CSO when one administers several), drafting, publishing and the version history."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from organizations.models import Membership
from partnerships.models import Initiative, InitiativeStatus, Signature
from partnerships.services import initiatives as services
from partnerships.tests.factories_coalitions import make_coalition
from partnerships.tests.factories_initiatives import (
    draft_initiative,
    lead_admin,
    published_initiative,
    verified_cso,
)

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:initiative_list")


def listed(client, **params) -> set[int]:
    html = client.get(LIST, params).content.decode()
    return {int(pk) for pk in re.findall(r'data-testid="initiative-row" data-pk="(\d+)"', html)}


def page_of(client, initiative) -> str:
    response = client.get(reverse("partnerships:initiative_detail", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_visitors_see_published_and_delivered_members_their_drafts_and_staff_everything(client):
    published = published_initiative()
    draft = draft_initiative()
    delivered = published_initiative()
    Initiative.objects.filter(pk=delivered.pk).update(status=InitiativeStatus.DELIVERED)
    assert listed(client) == {published.pk, delivered.pk}
    assert client.get(reverse("partnerships:initiative_detail", args=[draft.pk])).status_code == 404
    member = UserFactory()
    Membership.objects.create(organization=draft.lead_organization, user=member, role="member")
    client.force_login(member)
    assert listed(client) == {published.pk, delivered.pk, draft.pk}
    assert listed(client, show="draft") == {draft.pk}
    for role in (Role.DONOR, Role.TRAINER):
        client.force_login(staff_member(role))
        assert listed(client) == {published.pk, delivered.pk}
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="basra"))
    assert listed(client) == {published.pk, delivered.pk, draft.pk}


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST).status_code == 200
    return len(captured)


@pytest.mark.parametrize("audience", ["visitor", "member", "staff"])
def test_the_list_makes_the_same_number_of_queries_for_5_and_50_initiatives(client, audience):
    organization, admin = verified_cso()
    if audience == "member":
        client.force_login(admin)
    elif audience == "staff":
        client.force_login(staff_member(Role.CENTRE_MANAGER))

    def make(count):
        for _ in range(count):
            initiative = published_initiative(admin=admin, organization=organization)
            other, other_admin = verified_cso()
            services.sign(actor=other_admin, initiative=initiative, organization=other)
            draft_initiative(admin=admin, organization=organization)

    make(5)
    few = list_queries(client)
    make(45)
    assert list_queries(client) == few
    assert len(listed(client)) == 20  # a page


def test_the_visitors_page_shows_the_text_its_fingerprint_and_the_signatories_only(client):
    initiative = published_initiative()
    cso, admin = verified_cso(name="جمعية البصرة للمياه", acronym="")
    services.sign(actor=admin, initiative=initiative, organization=cso)
    initiative.targets.create(kind="ministry", name="Ministry of Water Resources")
    html = page_of(client, initiative)
    assert initiative.published_version.text.splitlines()[0] in html
    assert f'data-testid="text-sha256">{initiative.text_sha256}<' in html
    assert "<bdi>جمعية البصرة للمياه</bdi>" in html
    assert 'data-testid="online-count">1<' in html and 'data-testid="paper-count">0<' in html
    assert "Ministry of Water Resources" not in html  # the targets are for signed-in readers
    assert 'data-testid="sign"' not in html and 'data-testid="issue-list"' not in html
    client.force_login(staff_member(Role.DONOR))
    assert "Ministry of Water Resources" in page_of(client, initiative)


def test_an_admin_of_two_csos_chooses_which_signs_and_sees_the_count_rise(client):
    initiative = published_initiative()
    first, admin = verified_cso(name="Aso Youth", acronym="")
    second, _ = verified_cso(name="Green Environment", acronym="", admin=admin)
    client.force_login(admin)
    html = page_of(client, initiative)
    assert 'data-testid="sign"' in html and 'name="organization"' in html and "<select" in html
    sign = reverse("partnerships:initiative_sign", args=[initiative.pk])
    response = client.post(sign, {"organization": second.pk})
    assert response.status_code == 302 and response["Location"].endswith("#signatures")
    html = page_of(client, initiative)
    assert 'data-testid="online-count">1<' in html and "Green Environment has signed" in html
    assert f'value="{first.pk}"' in html  # only the first is left to sign: no choice
    response = client.post(sign, {"organization": second.pk}, follow=True)
    assert "Green Environment has already signed this initiative." in response.content.decode()
    assert Signature.objects.filter(initiative=initiative).count() == 1
    withdraw = reverse("partnerships:initiative_signature_withdraw", args=[initiative.pk])
    client.post(withdraw, {"organization": second.pk})
    assert 'data-testid="online-count">0<' in page_of(client, initiative)


def test_a_member_who_administers_no_cso_cannot_sign_and_one_cannot_sign_for_a_cso_she_only_belongs_to(client):
    initiative = published_initiative()
    cso, _admin = verified_cso()
    member = UserFactory()
    Membership.objects.create(organization=cso, user=member, role="member")
    client.force_login(member)
    sign = reverse("partnerships:initiative_sign", args=[initiative.pk])
    assert 'data-testid="sign"' not in page_of(client, initiative)
    assert client.post(sign, {"organization": cso.pk}).status_code == 403
    verified_cso(admin=member)  # she administers another CSO
    response = client.post(sign, {"organization": cso.pk}, follow=True)
    assert "You can sign only for a verified CSO you administer." in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_after_the_window_says_it_is_closed(client):
    initiative = published_initiative()
    cso, admin = verified_cso()
    Initiative.objects.filter(pk=initiative.pk).update(
        opens_on=timezone.localdate() - dt.timedelta(days=9), closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(admin)
    assert 'data-testid="sign"' not in page_of(client, initiative)
    response = client.post(
        reverse("partnerships:initiative_sign", args=[initiative.pk]), {"organization": cso.pk}, follow=True
    )
    assert "no more signatures are taken" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_cso_admin_drafts_edits_and_publishes_and_the_versions_are_kept(client):
    organization, admin = verified_cso()
    client.force_login(admin)
    response = client.post(
        reverse("partnerships:initiative_new"),
        {
            "organization": organization.pk,
            "kind": "statement",
            "title": "Clean water for Basra",
            "language": "en",
            "text": "We ask the council to publish the water tests.",
        },
    )
    initiative = Initiative.objects.get()
    assert response["Location"] == initiative.get_absolute_url()
    edit = reverse("partnerships:initiative_edit", args=[initiative.pk])
    assert "We ask the council" in client.get(edit).content.decode()
    client.post(
        edit, {"title": "Clean water for Basra", "text": "We ask the council to publish every test.", "note": ""}
    )
    versions = client.get(reverse("partnerships:initiative_versions", args=[initiative.pk])).content.decode()
    assert versions.count('data-testid="version"') == 2 and "publish the water tests" in versions
    publish = reverse("partnerships:initiative_publish", args=[initiative.pk])
    past = timezone.localdate() - dt.timedelta(days=2)
    refused = client.post(publish, {"opens_on": past.isoformat(), "closes_on": past.isoformat()})
    assert refused.status_code == 200 and "The window cannot open before today." in refused.content.decode()
    assert f'value="{past.isoformat()}"' in refused.content.decode()  # what was typed is kept
    today = timezone.localdate()
    client.post(publish, {"opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=9)).isoformat()})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PUBLISHED and initiative.published_version.number == 2
    frozen = client.get(edit, follow=True)
    assert "frozen" in frozen.content.decode() and initiative.versions.count() == 2


def test_the_detail_page_makes_the_same_number_of_queries_for_5_and_50_signatures(client):
    initiative = published_initiative()
    client.force_login(lead_admin(initiative))

    def sign(count):
        for _ in range(count):
            cso, admin = verified_cso()
            services.sign(actor=admin, initiative=initiative, organization=cso)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page_of(client, initiative)
        return len(captured)

    sign(5)
    few = queries()
    sign(45)
    assert queries() == few
    assert 'data-testid="online-count">50<' in page_of(client, initiative)


def test_a_members_only_coalition_is_not_named_on_its_published_initiatives_to_outsiders(client):
    # given a published initiative of a coalition that is not public
    initiative = published_initiative()
    coalition = make_coalition(lead=initiative.lead_organization, is_public=False, name="شبكة سرية للمدافعين")
    Initiative.objects.filter(pk=initiative.pk).update(coalition=coalition)
    detail = reverse("partnerships:initiative_detail", args=[initiative.pk])
    listing = reverse("partnerships:initiative_list")
    # then visitors and the donor read the initiative without learning of the coalition
    for reader in (None, staff_member(Role.DONOR)):
        if reader:
            client.force_login(reader)
        for url in (detail, listing):
            page = client.get(url).content.decode()
            assert initiative.title in page and coalition.name not in page
    # and the partnership staff see it named
    client.force_login(staff_member(Role.CENTRE_STAFF))
    assert coalition.name in client.get(detail).content.decode()
    assert coalition.name in client.get(listing).content.decode()
