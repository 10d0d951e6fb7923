"""The demo agreements: every state, one expiring in about a month, a renewal, a terminated one with
its reason, obligations overdue and done; run twice, it adds nothing."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from centers import demo as centre_demo
from organizations import demo as organization_demo
from partnerships.demo import agreements, partners
from partnerships.models import Agreement, AgreementStatus, Obligation, ObligationStatus

pytestmark = pytest.mark.django_db


def _seed(scale: int = 1) -> None:
    out = io.StringIO()
    for part in (centre_demo, organization_demo, partners, agreements):
        part.seed(scale=scale, stdout=out)


def test_the_demo_has_agreements_in_every_state_and_is_idempotent():
    _seed()
    count = Agreement.objects.count()
    assert set(Agreement.objects.values_list("status", flat=True)) == set(AgreementStatus.values)
    today = timezone.localdate()
    soon = Agreement.objects.filter(status=AgreementStatus.ACTIVE, ends_on__lte=today + dt.timedelta(days=35))
    assert soon.exists()
    renewed = Agreement.objects.get(status=AgreementStatus.RENEWED)
    assert renewed.renewed_by.parties.count() == renewed.parties.count()
    assert Agreement.objects.get(status=AgreementStatus.TERMINATED).termination_reason
    assert Obligation.objects.filter(status=ObligationStatus.OPEN, due_on__lt=today).exists()
    assert Obligation.objects.filter(status=ObligationStatus.DONE).exists()
    assert all(a.signed_copy for a in Agreement.objects.exclude(status__in=["draft", "negotiation"]))
    _seed()
    assert Agreement.objects.count() == count


def test_a_larger_scale_adds_agreements_in_force_once():
    _seed()
    base = Agreement.objects.count()
    _seed(scale=2)
    assert Agreement.objects.count() == base + 10
    _seed(scale=2)
    assert Agreement.objects.count() == base + 10
