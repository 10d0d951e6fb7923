"""The digest e-mail: exactly the new entries the person may read among what she follows, in her
language, at most one per period even when the job runs twice, each starting where the last ended."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import UserFactory
from commons import digests, services
from commons.models import Digest, DigestFrequency, DigestPreference, Entry, EntryStatus, FollowLevel, Visibility
from commons.tests.factories import published_entry
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 11, 30, 6, 30, tzinfo=dt.UTC)


def at(moment: dt.datetime, entry: Entry) -> Entry:
    Entry.objects.filter(pk=entry.pk).update(published_at=moment)
    return entry


@pytest.fixture
def world():
    organization, admin = organization_with_admin(verification_status="verified")
    reader = UserFactory(preferred_language="ckb", email="reader@example.org")
    services.follow_set(actor=reader, level=FollowLevel.WATCH, topic="governance")
    return {"organization": organization, "admin": admin, "reader": reader}


def test_the_weekly_digest_has_exactly_the_new_visible_followed_entries(world):
    admin, organization, reader = world["admin"], world["organization"], world["reader"]
    week_ago = MONDAY - dt.timedelta(days=3)
    wanted = at(week_ago, published_entry(admin, organization=organization, title="Budget hearings"))
    at(week_ago, published_entry(admin, organization=organization, title="Tree planting", topics=["environment"]))
    at(week_ago, published_entry(admin, organization=organization, title="Members only", visibility=Visibility.MEMBERS))
    hidden = at(week_ago, published_entry(admin, organization=organization, title="Hidden one"))
    Entry.objects.filter(pk=hidden.pk).update(status=EntryStatus.HIDDEN)
    at(MONDAY - dt.timedelta(days=9), published_entry(admin, organization=organization, title="Too old"))
    assert digests.digests_due(now=MONDAY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Budget hearings" in message.body and f"/ckb/platform/{wanted.pk}/" in message.body
    for absent in ("Tree planting", "Members only", "Hidden one", "Too old"):
        assert absent not in message.body
    assert message.subject != message.subject.encode("ascii", "ignore").decode()  # in Kurdish

    # The job runs again: nothing more is sent for this week.
    assert digests.digests_due(now=MONDAY + dt.timedelta(hours=1)) == 0 and len(mail.outbox) == 1
    assert Digest.objects.get().items == 1

    # Next week's digest starts where this one ended; a member also gets members-only entries.
    Membership.objects.create(organization=organization, user=reader, role="member")
    later = MONDAY + dt.timedelta(days=7)
    at(
        MONDAY + dt.timedelta(days=2),
        published_entry(admin, organization=organization, title="Donor map", visibility=Visibility.MEMBERS),
    )
    assert digests.digests_due(now=later) == 1
    assert "Donor map" in mail.outbox[1].body and "Budget hearings" not in mail.outbox[1].body


def test_weekly_digests_go_on_mondays_daily_ones_every_day_and_muted_things_never(world):
    admin, organization, reader = world["admin"], world["organization"], world["reader"]
    tuesday = MONDAY + dt.timedelta(days=1)
    at(tuesday - dt.timedelta(hours=5), published_entry(admin, organization=organization, title="Budget hearings"))
    assert digests.digests_due(now=tuesday) == 0  # weekly: Mondays only
    DigestPreference.objects.create(user=reader, frequency=DigestFrequency.DAILY)
    services.follow_set(actor=reader, level=FollowLevel.MUTE, organization=organization)
    assert digests.digests_due(now=tuesday) == 0  # the CSO is muted
    assert Digest.objects.get(user=reader).items == 0 and mail.outbox == []
    DigestPreference.objects.filter(user=reader).update(frequency="off")
    assert digests.digests_due(now=tuesday + dt.timedelta(days=1)) == 0 and Digest.objects.count() == 1


def test_the_period_keys():
    assert digests.period_of("daily", dt.date(2026, 12, 3)) == "2026-12-03"
    assert digests.period_of("weekly", dt.date(2026, 12, 3)) == "2026-W49"
    assert timezone.localdate(MONDAY).weekday() == 0
