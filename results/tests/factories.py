"""Test data for the results framework: a logframe on the programme with its periods, results and
indicators, and measures whose records the test controls."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts.tests.factories import UserFactory
from centers.models import Programme
from core import measures
from results.models import (
    Cumulation,
    Indicator,
    Level,
    Logframe,
    ManualValue,
    Node,
    ProgressReport,
    Revision,
    Snapshot,
    Unit,
)
from results.services.periods import periods_generate


def logframe_for(start=dt.date(2024, 1, 1), end=dt.date(2027, 6, 30), months=12, **fields) -> Logframe:
    """The programme's logframe, the programme moved to these dates, its periods made."""
    programme = Programme.objects.get(slug="tatweer")
    programme.start_date, programme.end_date = start, end
    programme.save()
    fields.setdefault("iati_identifier", "XI-IATI-EC_NEAR-2019/412-345")
    fields.setdefault("reporting_org_ref", "IQ-NGO-0001")
    fields.setdefault("budget", Decimal("4500000"))
    logframe, _created = Logframe.objects.update_or_create(
        programme=programme, defaults={"period_months": months, **fields}
    )
    periods_generate(actor=None, logframe=logframe)
    return logframe


def results_chain(logframe: Logframe) -> dict[str, Node]:
    """OO -> SO1 -> R1.1 -> A1.1.1, the smallest complete chain."""
    impact = Node.objects.create(logframe=logframe, level=Level.IMPACT, code="OO", title="Civil society strengthened")
    outcome = Node.objects.create(
        logframe=logframe, level=Level.OUTCOME, code="SO1", title="CSOs more capable", parent=impact
    )
    output = Node.objects.create(
        logframe=logframe, level=Level.OUTPUT, code="R1.1", title="CSOs trained", parent=outcome
    )
    activity = Node.objects.create(
        logframe=logframe, level=Level.ACTIVITY, code="A1.1.1", title="Trainings held", parent=output
    )
    return {"OO": impact, "SO1": outcome, "R1.1": output, "A1.1.1": activity}


def indicator(logframe: Logframe, node: Node, code: str, **fields) -> Indicator:
    fields.setdefault("name", f"Indicator {code}")
    fields.setdefault("unit", Unit.NUMBER)
    fields.setdefault("cumulation", Cumulation.SUM)
    return Indicator.objects.create(logframe=logframe, node=node, code=code, **fields)


@dataclass
class Record:
    day: dt.date
    n: int = 1
    sex: str = "female"
    age_band: str = "15-29"


@dataclass
class FakeMeasure:
    """A measure over records the test lists; it counts its computations."""

    code: str = "test.people"
    unit: str = Unit.NUMBER
    counts_people: bool = True
    records: list[Record] = field(default_factory=list)
    calls: int = 0

    def compute(self, query: measures.Query, dims: tuple[str, ...]) -> measures.Figures:
        self.calls += 1
        chosen = [r for r in self.records if (query.start is None or r.day >= query.start) and r.day <= query.end]
        figures = measures.Figures(total=Decimal(sum(r.n for r in chosen)))
        for dim in dims:
            split: dict[str, Decimal] = {}
            for record in chosen:
                key = getattr(record, dim)
                split[key] = split.get(key, Decimal(0)) + record.n
            figures.by[dim] = split
        return figures

    def register(self) -> "FakeMeasure":
        measures.register(
            measures.Measure(
                code=self.code,
                label=self.code,
                unit=self.unit,
                compute=self.compute,
                area="tests",
                dimensions=frozenset({"sex", "age_band"}),
                counts_people=self.counts_people,
            )
        )
        return self

    def unregister(self) -> None:
        measures._measures.pop(self.code, None)


def matrix_objects(author) -> dict:
    """What the access table's results URLs name: the programme's logframe with a result, a
    hand-entered indicator and its value, and period 1's report sent to the EU with a revision."""
    logframe = logframe_for()
    chain = results_chain(logframe)
    manual = indicator(logframe, chain["R1.1"], "M1")
    period = logframe.periods.get(number=1)
    now = timezone.now()
    report = ProgressReport.objects.create(
        period=period,
        status="sent",
        created_by=author,
        submitted_by=author,
        submitted_at=now,
        reviewed_by=UserFactory(),
        reviewed_at=now,
        sent_at=now,
        summary="Summary.",
    )
    Snapshot.objects.create(report=report, figures={"indicators": []}, content_hash="0" * 64, created_by=author)
    return {
        "results_logframe": logframe,
        "results_node": chain["R1.1"],
        "results_indicator": manual,
        "results_report": report,
        "results_revision": Revision.objects.create(
            report=report, indicator=manual, period=period, reported=1, current=2
        ),
        "results_value": ManualValue.objects.create(indicator=manual, period=period, value=3, entered_by=author),
    }
