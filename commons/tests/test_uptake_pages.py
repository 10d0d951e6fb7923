"""Saying "we used this" and following an entry from its page."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons.models import Follow, FollowLevel, Uptake
from commons.tests.factories import published_entry
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    organization, admin = organization_with_admin(verification_status="verified")
    return published_entry(admin, organization=organization)


def test_another_cso_marks_the_entry_used_once(entry, client):
    other, other_admin = organization_with_admin(verification_status="verified")
    client.force_login(other_admin)
    url = reverse("commons:entry_detail", args=[entry.pk])
    assert 'data-testid="mark-used"' in client.get(url).content.decode()
    used = reverse("commons:entry_used", args=[entry.pk])
    assert client.post(used, {"organization": other.pk}).status_code == 302
    assert Uptake.objects.filter(entry=entry, organization=other).count() == 1
    page = client.get(url).content.decode()
    assert 'data-testid="mark-used"' not in page and "Used by 1 organisation." in page
    client.post(used, {"organization": other.pk})  # again: refused, still one
    assert Uptake.objects.filter(entry=entry).count() == 1
    client.force_login(entry.author)  # the entry's own CSO is not offered
    assert 'data-testid="mark-used"' not in client.get(url).content.decode()
    assert client.post(used, {"organization": entry.organization.pk}).status_code == 302
    assert Uptake.objects.filter(entry=entry).count() == 1


def test_following_an_entry_and_changing_the_level(entry, client):
    client.force_login(staff_member(Role.TRAINER))
    follow = reverse("commons:follow")
    back = reverse("commons:entry_detail", args=[entry.pk])
    assert client.post(follow, {"entry": entry.pk, "level": "watch", "next": back}).url == back
    assert client.post(follow, {"entry": entry.pk, "level": "mute", "next": "https://evil.example/"}).url == back
    assert Follow.objects.get().level == FollowLevel.MUTE
    assert client.post(follow, {"level": "watch"}).status_code == 302 and Follow.objects.count() == 1
