import datetime as dt
from decimal import Decimal

from django.utils import timezone

from grants.models import CallStatus, EvaluationCriterion, GrantCall


def call_data(**overrides) -> dict:
    now = timezone.now()
    data = {
        "code": "TEST-01",
        "title": "Test call",
        "title_en": "Test call",
        "title_ar": "منحة تجريبية",
        "title_ckb": "بەخشینی تاقیکردنەوە",
        "description": "For testing.",
        "description_en": "For testing.",
        "description_ar": "للاختبار.",
        "description_ckb": "بۆ تاقیکردنەوە.",
        "themes": ["peacebuilding"],
        "opens_at": now - dt.timedelta(days=1),
        "closes_at": now + dt.timedelta(days=20),
        "currency": "USD",
        "envelope": Decimal("100000"),
        "min_grant": Decimal("5000"),
        "max_grant": Decimal("20000"),
        "max_duration_months": 12,
    }
    data.update(overrides)
    return data


def published_call(**overrides) -> GrantCall:
    call = GrantCall.objects.create(**call_data(**overrides), status=CallStatus.PUBLISHED)
    EvaluationCriterion.objects.create(
        call=call, title="Relevance", title_en="Relevance", max_score=5, weight=Decimal("100")
    )
    return call
