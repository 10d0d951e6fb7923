"""The demo of the results framework, run with every other app's demo by seed_demo."""

import pytest
from django.core.management import call_command

from core import demo as demo_registry
from results import demo
from results.models import (
    Contribution,
    Indicator,
    ManualValue,
    Node,
    ProgressReport,
    ReportStatus,
    Snapshot,
    Target,
    ValueStatus,
)
from results.rules.logframe import measure_problems
from results.rules.snapshots import content_hash
from results.selectors import current_period, programme_logframe

pytestmark = pytest.mark.django_db


@pytest.fixture
def results_seeder(monkeypatch):
    """results/apps.py registers the seeder with order 90; until it does, the test registers it."""
    if not any(seeder.run is demo.seed for seeder in demo_registry.seeders()):
        monkeypatch.setitem(demo_registry._seeders, "results", demo_registry.Seeder("results", demo.seed, 90))


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Node, Indicator, Target, ManualValue, ProgressReport, Contribution, Snapshot)
    }


def test_seed_demo_makes_the_logframe_and_the_reports_and_is_idempotent(results_seeder):
    call_command("seed_demo")
    logframe = programme_logframe()
    assert logframe is not None and logframe.programme.slug == "tatweer"
    indicators = list(logframe.indicators.all())
    assert len(indicators) >= 12
    items = [(i, "name") for i in indicators] + [(n, "title") for n in logframe.nodes.all()]
    for item, field in items:
        texts = [getattr(item, f"{field}_{language}") for language in ("en", "ar", "ckb")]
        assert all(texts) and len(set(texts)) == 3, item
    for indicator in indicators:
        if indicator.measure:
            assert (
                measure_problems(indicator.measure, indicator.unit, indicator.disaggregations, indicator.filters) == {}
            ), indicator.code
        else:
            approved = indicator.manual_values.filter(status=ValueStatus.APPROVED)
            assert approved.exists() and all(v.reviewed_by_id != v.entered_by_id for v in approved)

    periods = {p.number: p for p in logframe.periods.all()}
    for number in (1, 2):
        report = periods[number].report
        assert report.status == ReportStatus.SENT and report.reviewed_by_id != report.submitted_by_id
        snapshots = list(report.snapshots.all())
        assert snapshots and all(content_hash(s.figures) == s.content_hash for s in snapshots)
        assert report.contributions.count() >= 2
    current = current_period(logframe)
    assert current is not None and current.number > 2
    assert current.report.status == ReportStatus.DRAFT and current.report.summary

    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
