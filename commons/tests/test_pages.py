"""The platform's public pages: who sees what (public, members-only, never a hidden or pending entry),
search in Arabic script and Latin with facets, the reader's language with its label, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from commons.models import EntryStatus, EntryTranslation, Visibility
from commons.tests.factories import published_entry
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organization, admin = organization_with_admin(verification_status="verified")
    public = published_entry(admin, organization=organization)
    members = published_entry(
        admin,
        organization=organization,
        visibility=Visibility.MEMBERS,
        title="Donor map",
        language="en",
        summary="Who funds what in Basra.",
    )
    hidden = published_entry(admin, organization=organization, title="Hidden one", language="en")
    hidden.status = EntryStatus.HIDDEN
    hidden.save()
    pending = published_entry(admin, organization=organization, title="Pending one", language="en")
    pending.status, pending.published_at = EntryStatus.PENDING, None
    pending.save()
    return {
        "organization": organization,
        "admin": admin,
        "public": public,
        "members": members,
        "hidden": hidden,
        "pending": pending,
    }


def listed(client, **params) -> set[int]:
    html = client.get(reverse("commons:entry_list"), params).content.decode()
    return {int(chunk.split('"', 1)[0]) for chunk in html.split('data-testid="entry-card" data-pk="')[1:]}


def test_the_public_sees_public_entries_members_and_staff_also_members_only_never_hidden_or_pending(world, client):
    public, members = world["public"].pk, world["members"].pk
    assert listed(client) == {public}
    assert client.get(reverse("commons:entry_detail", args=[members])).status_code == 404
    assert client.get(reverse("commons:entry_detail", args=[world["hidden"].pk])).status_code == 404
    member = UserFactory()
    other, _ = organization_with_admin(verification_status="verified")
    Membership.objects.create(organization=other, user=member, role="member")
    client.force_login(member)
    assert listed(client) == {public, members}
    assert client.get(reverse("commons:entry_detail", args=[members])).status_code == 200
    assert client.get(reverse("commons:entry_detail", args=[world["pending"].pk])).status_code == 404
    client.force_login(staff_member(Role.DONOR))
    assert listed(client) == {public}  # the donor gets aggregates, not the members' space
    client.force_login(staff_member(Role.CENTRE_STAFF))  # a moderator of the CSO's centre
    assert client.get(reverse("commons:entry_detail", args=[world["pending"].pk])).status_code == 200
    assert listed(client) == {public, members}


def test_search_in_arabic_and_latin_script_and_facets(world, client):
    client.force_login(staff_member(Role.TRAINER))
    public, members = world["public"].pk, world["members"].pk
    assert listed(client, q="موازنة") == {public} and listed(client, q="موازنة القضاء") == {public}
    assert listed(client, q="donor MAP") == {members}
    assert listed(client, language="en") == {members}
    assert listed(client, kind="practice", topic="governance", governorate="erbil") == {public, members}
    assert listed(client, governorate="basra") == set()
    EntryTranslation.objects.create(
        entry=world["public"], language="en", title="Budget hearings", summary="How.", translator=world["admin"]
    )
    assert listed(client, q="hearings") == {public} and listed(client, language="en") == {public, members}
    page = client.get(reverse("commons:entry_list"), {"year": "abc", "kind": "nonsense"})
    assert page.status_code == 200 and "could not be used" in page.content.decode()


def test_the_reader_sees_her_language_or_the_fallback_with_a_label(world, client):
    entry = world["public"]  # written in Arabic
    url = reverse("commons:entry_detail", args=[entry.pk])
    with translation.override("ckb"):
        html = client.get(reverse("commons:entry_detail", args=[entry.pk])).content.decode()
    assert entry.title in html and 'dir="rtl"' in html and 'lang="ar"' in html
    EntryTranslation.objects.create(
        entry=entry, language="en", title="Budget hearings", summary="How we did it.", translator=world["admin"]
    )
    html = client.get(url).content.decode()
    assert "Budget hearings" in html and "Translated from Arabic" in html and "Also available in:" in html


def test_the_list_takes_the_same_queries_for_5_and_50_entries(world, client):
    admin, organization = world["admin"], world["organization"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("commons:entry_list")).status_code == 200
        return len(captured)

    for _ in range(3):
        published_entry(admin, organization=organization)
    few = queries()
    for n in range(46):
        entry = published_entry(admin, organization=organization)
        if n % 3 == 0:
            EntryTranslation.objects.create(entry=entry, language="en", title="T", summary="S", translator=admin)
    assert queries() == few


def test_the_atom_feed_lists_public_entries_per_topic_in_the_readers_language(world, client):
    EntryTranslation.objects.create(
        entry=world["public"], language="en", title="Budget hearings", summary="How.", translator=world["admin"]
    )
    feed = client.get(reverse("commons:feed")).content.decode()
    assert "<feed" in feed and "Budget hearings" in feed
    for absent in ("Donor map", "Hidden one", "Pending one"):  # members-only, hidden, waiting: never
        assert absent not in feed
    assert "Budget hearings" not in client.get(reverse("commons:feed"), {"topic": "environment"}).content.decode()
    assert client.get(reverse("commons:feed"), {"topic": "nonsense"}).status_code == 404
    with translation.override("ar"):
        arabic = client.get(reverse("commons:feed")).content.decode()
    assert world["public"].title in arabic and "منصة المجتمع المدني" in arabic
