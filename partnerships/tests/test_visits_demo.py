"""The exchange-visit demo: after the demos it stands on (staff, CSOs, events, platform entries, the
partners), three visits with follow-ups recorded (adopted, adapted, not adopted), overdue ones for
manager.erbil and staff.mosul and ones not yet due; run twice, it adds nothing."""

import io

import pytest
from django.utils import timezone

from core import demo
from partnerships.demo import partners, visits
from partnerships.models import ExchangeVisit, VisitingOrganization

pytestmark = pytest.mark.django_db


def test_the_visit_demo_seeds_follow_ups_done_due_and_not_yet_due_and_is_idempotent(settings):
    out = io.StringIO()
    for seeder in demo.seeders():
        if seeder.key != "partnerships":
            seeder.run(scale=1, stdout=out)
    partners.seed(scale=1, stdout=out)
    visits.seed(scale=1, stdout=out)
    today = timezone.localdate()
    assert ExchangeVisit.objects.count() == 3
    assert ExchangeVisit.objects.filter(host_partner__acronym="JOHUD", host_country="JO").exists()
    assert ExchangeVisit.objects.filter(host_organization__isnull=False, event__centre__slug="mosul").exists()
    rows = VisitingOrganization.objects.all()
    assert set(rows.exclude(outcome="").values_list("outcome", flat=True)) == {"adopted", "adapted", "not_adopted"}
    overdue = rows.filter(outcome="", follow_up_due_on__lt=today)
    assert set(overdue.values_list("assigned_to__email", flat=True)) == {
        "manager.erbil@tatweer.example",
        "staff.mosul@tatweer.example",
    }
    assert rows.filter(outcome="", follow_up_due_on__gt=today).exists()
    assert ExchangeVisit.objects.filter(practices__entry__isnull=False).distinct().count() == 3
    assert ExchangeVisit.objects.filter(itinerary__isnull=False).distinct().count() == 3
    assert all(v.event.registrations.exists() for v in ExchangeVisit.objects.select_related("event"))
    assert all(v.event.title_ar and v.event.title_ckb and v.event.description_ckb for v in ExchangeVisit.objects.all())
    visits.seed(scale=1, stdout=out)
    assert ExchangeVisit.objects.count() == 3
