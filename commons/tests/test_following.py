"""Following: what a person follows and how often the digest comes (her page), topics and
governorates followed from the list, a CSO from its entry's page, and the in-app notices: a new
entry in what she follows (once, never to the author or one who muted the CSO), a new file of an
entry she watches, and the question three months after a use."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons import alerts, services
from commons.models import DigestPreference, EntryStatus, EntryTranslation, Follow, Uptake, Visibility
from commons.tests.factories import published_entry
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def cso():
    return organization_with_admin(verification_status="verified")


def test_following_a_topic_from_the_list_and_a_cso_from_an_entry(cso, client):
    organization, admin = cso
    entry = published_entry(admin, organization=organization)
    reader = staff_member(Role.TRAINER)
    client.force_login(reader)
    listed = client.get(reverse("commons:entry_list") + "?topic=governance").content.decode()
    assert 'data-testid="follow-topic"' in listed
    client.post(reverse("commons:follow"), {"topic": "governance", "level": "new"})
    page = client.get(reverse("commons:entry_detail", args=[entry.pk])).content.decode()
    assert 'data-testid="follow-organization"' in page
    client.post(reverse("commons:follow"), {"organization": organization.pk, "level": "watch"})
    client.post(reverse("commons:follow"), {"governorate": "basra", "level": "new"})
    assert {(f.topic, f.organization_id, f.governorate) for f in Follow.objects.filter(user=reader)} == {
        ("governance", None, ""),
        ("", organization.pk, ""),
        ("", None, "basra"),
    }
    following = client.get(reverse("commons:following")).content.decode()
    assert following.count('data-testid="follow-row"') == 3 and organization.name in following


def test_the_digest_frequency_is_chosen_and_a_follow_removed_by_its_owner_only(cso, client):
    organization, admin = cso
    reader = staff_member(Role.TRAINER)
    mine = Follow.objects.create(user=reader, topic="governance")
    theirs = Follow.objects.create(user=admin, topic="governance")
    client.force_login(reader)
    assert client.post(reverse("commons:following"), {"frequency": "daily"}).status_code == 302
    assert DigestPreference.objects.get(user=reader).frequency == "daily"
    assert client.post(reverse("commons:following"), {"frequency": "hourly"}).status_code == 200
    assert DigestPreference.objects.get(user=reader).frequency == "daily"
    assert client.post(reverse("commons:follow_remove", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("commons:follow_remove", args=[mine.pk])).status_code == 302
    assert list(Follow.objects.all()) == [theirs]


def test_followers_are_told_of_a_new_entry_once_and_the_muted_and_author_are_not(cso):
    organization, admin = cso
    topic_reader, cso_reader, muted, donor = (
        staff_member(Role.TRAINER),
        staff_member(Role.LAWYER),
        staff_member(Role.CENTRE_STAFF),
        staff_member(Role.DONOR),
    )
    Follow.objects.create(user=topic_reader, topic="campaigning", level="new")
    Follow.objects.create(user=cso_reader, organization=organization, level="watch")
    Follow.objects.create(user=muted, topic="campaigning")
    Follow.objects.create(user=muted, organization=organization, level="mute")
    Follow.objects.create(user=donor, topic="campaigning")  # may not read a members-only entry
    Follow.objects.create(user=admin, topic="campaigning")  # the author
    entry = published_entry(admin, organization=organization, topics=["campaigning"], visibility=Visibility.MEMBERS)
    assert alerts.entry_announce(entry_id=entry.pk) == 2
    assert alerts.entry_announce(entry_id=entry.pk) == 0  # a second run tells no one again
    told = Notification.objects.filter(kind="commons_followed_entry")
    assert {n.recipient for n in told} == {topic_reader, cso_reader}


def test_publishing_through_the_service_announces_after_commit(cso, django_capture_on_commit_callbacks):
    organization, admin = cso
    reader = staff_member(Role.TRAINER)
    Follow.objects.create(user=reader, topic="governance")
    entry = published_entry(admin, organization=organization)
    entry.status, entry.published_at = EntryStatus.PENDING, None
    entry.save()
    moderator = staff_member(Role.CENTRE_STAFF, centre_slug=entry.centre.slug)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_moderate(actor=moderator, entry=entry, action="approve")
    assert Notification.objects.filter(recipient=reader, kind="commons_followed_entry").count() == 1


def test_watchers_of_an_entry_are_told_of_its_new_file(cso):
    organization, admin = cso
    entry = published_entry(admin, organization=organization, kind="tool", purpose="p", licence="cc-by")
    watcher, quiet = staff_member(Role.TRAINER), staff_member(Role.LAWYER)
    Follow.objects.create(user=watcher, entry=entry, level="watch")
    Follow.objects.create(user=quiet, entry=entry, level="new")
    for number in (1, 2):
        services.version_add(
            actor=admin,
            entry=entry,
            file=SimpleUploadedFile(f"v{number}.pdf", PDF, "application/pdf"),
            change_note=f"Version {number}.",
        )
    told = Notification.objects.filter(kind="commons_new_version")
    assert [n.recipient for n in told] == [watcher]  # the first file is no news; "new entries only" is not told


def test_three_months_after_a_use_the_cso_is_asked_once_what_changed(cso, client):
    organization, admin = cso
    entry = published_entry(admin, organization=organization)
    other, other_admin = organization_with_admin(verification_status="verified")
    today = timezone.localdate()
    old = Uptake.objects.create(
        entry=entry, organization=other, marked_by=other_admin, used_on=today - dt.timedelta(days=95)
    )
    recent_cso, recent_admin = organization_with_admin(verification_status="verified")
    Uptake.objects.create(entry=entry, organization=recent_cso, marked_by=recent_admin, used_on=today)
    assert alerts.uptake_follow_ups_due(today=today) == 1
    assert alerts.uptake_follow_ups_due(today=today) == 0
    asked = Notification.objects.get(kind="commons_uptake_follow_up")
    assert asked.recipient == other_admin and asked.url.endswith(reverse("commons:uptake_follow_up", args=[old.pk]))
    client.force_login(other_admin)
    url = reverse("commons:uptake_follow_up", args=[old.pk])
    assert client.post(url, {"follow_up": "  "}).status_code == 200
    assert client.post(url, {"follow_up": "We now publish our budget every quarter."}).status_code == 302
    old.refresh_from_db()
    assert old.follow_up.startswith("We now publish") and old.followed_up_at is not None
    client.force_login(admin)  # the entry's own CSO did not use it
    assert client.get(url).status_code == 404


def test_following_goes_back_only_to_a_path_of_the_site(cso, client):
    organization, admin = cso
    entry = published_entry(admin, organization=organization)
    client.force_login(staff_member(Role.TRAINER))
    back = reverse("commons:entry_detail", args=[entry.pk])
    for hostile in ("%", "' OR 1=1 --", "https://evil.example/", "//evil.example/"):
        response = client.post(reverse("commons:follow"), {"entry": entry.pk, "level": "new", "next": hostile})
        assert response.status_code == 302 and response.url == back


def test_a_follower_is_told_in_her_language_with_the_translated_title(cso):
    organization, admin = cso
    reader = staff_member(Role.TRAINER)
    reader.preferred_language = "en"
    reader.save(update_fields=["preferred_language"])
    Follow.objects.create(user=reader, topic="governance")
    entry = published_entry(admin, organization=organization)
    EntryTranslation.objects.create(
        entry=entry, language="en", title="Budget hearings", summary="How we did it.", translator=admin
    )
    alerts.entry_announce(entry_id=entry.pk)
    told = Notification.objects.get(recipient=reader, kind="commons_followed_entry")
    assert "Budget hearings" in told.subject and "How we did it." in told.body
