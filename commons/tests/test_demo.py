"""The platform's demo, run with every other app's demo by seed_demo: entries of every type in the
three languages, through review (one waiting, one hidden), with versions, translations, an accepted
answer, uptake and follows; run twice, it adds nothing."""

import pytest
from django.core.management import call_command

from commons.models import Answer, Entry, EntryStatus, EntryTranslation, EntryVersion, Follow, Uptake

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Entry, EntryVersion, EntryTranslation, Answer, Uptake, Follow)}


def test_seed_demo_makes_the_platform_and_is_idempotent():
    call_command("seed_demo")
    entries = Entry.objects.all()
    assert {e.kind for e in entries} == {"tool", "practice", "guide"}
    assert {e.language for e in entries} == {"ar", "ckb", "en"}
    statuses = [e.status for e in entries]
    assert statuses.count(EntryStatus.PUBLISHED) >= 8
    assert EntryStatus.PENDING in statuses and EntryStatus.HIDDEN in statuses
    assert entries.filter(organization__isnull=True).exists()  # the programme's own entries
    assert EntryVersion.objects.filter(number=2).exists()
    assert EntryTranslation.objects.count() >= 2 and Answer.objects.filter(accepted=True).count() == 1
    assert Uptake.objects.exists() and Follow.objects.exists()
    first = counts()
    call_command("seed_demo")
    assert counts() == first
