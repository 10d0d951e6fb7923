"""The events demo: every demo event has its title and description in English, Arabic and Kurdish,
so the Arabic and Kurdish pages look like a day at the centres; the participants' positions are
written in the centre's languages."""

import io
import re

import pytest
from django.utils import translation

from core import demo
from trainings.models import Event, Participant

pytestmark = pytest.mark.django_db

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


def seed_up_to_events() -> None:
    out = io.StringIO()
    for seeder in demo.seeders():
        if seeder.order <= 30:  # staff, organisations, events
            seeder.run(scale=1, stdout=out)


def test_every_demo_event_has_its_texts_in_three_languages_and_the_original_column_in_english(client):
    seed_up_to_events()
    events = list(Event.objects.filter(title_en__startswith="[demo]"))
    assert len(events) == 60
    for event in events:
        for field in ("title", "description"):
            en, ar, ckb = (getattr(event, f"{field}_{language}") for language in ("en", "ar", "ckb"))
            assert en and ar and ckb and len({en, ar, ckb}) == 3, (field, en)
            assert ARABIC_SCRIPT.search(ar) and ARABIC_SCRIPT.search(ckb) and not ARABIC_SCRIPT.search(en)
        assert "[demo]" not in event.title_ar and "[demo]" not in event.title_ckb
    assert Event.objects.rewrite(False).filter(title__startswith="[demo]").count() == 60
    with translation.override("ckb"):
        assert "کۆبوونەوەی" in " ".join(e.title for e in Event.objects.filter(kind="meeting"))
    upcoming = Event.objects.filter(title_en__startswith="[demo]", status="published").order_by("starts_at").first()
    assert upcoming.title_ar in client.get("/ar/events/").content.decode()
    assert upcoming.title_ckb in client.get("/ckb/events/").content.decode()
    positions = set(Participant.objects.filter(registrations__event__in=events).values_list("position", flat=True))
    assert any(ARABIC_SCRIPT.search(p) for p in positions) and any(p.isascii() and p for p in positions)


def test_the_events_demo_stays_idempotent():
    seed_up_to_events()
    count = Event.objects.count()
    demo_events = [s for s in demo.seeders() if s.key == "events"]
    demo_events[0].run(scale=1, stdout=io.StringIO())
    assert Event.objects.count() == count
