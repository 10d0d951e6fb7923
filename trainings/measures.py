"""The measures of the trainings app (core.measures): people trained, participations, CSOs trained,
events held, packages and materials published, and the knowledge gained (pre and post tests).

Attendance is counted as trainings.reporting counts it (present or late, at a session not cancelled
of an event published or completed; ages at the date of the first session attended): the people and
participations reuse `participation_numbers`, with one more query when the centre is asked for. A
person or a CSO trained at two centres counts once in the total and under each centre.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import measures
from core.measures import Dimension, Figures, Measure, Query, Unit, split
from organizations.measures import cso_led_of, led_values
from trainings.models import (
    EventStatus,
    EventType,
    KnowledgeTestAttempt,
    KnowledgeTestKind,
    Material,
    Session,
    TrainingPackage,
)
from trainings.reporting import Split, attendance_in, participation_numbers

PEOPLE_DIMENSIONS = frozenset({"sex", "age_band", "disability", "governorate", "centre"})
EVENT_FILTERS = frozenset({"centre", "kind", "package"})
HELD = (EventStatus.PUBLISHED, EventStatus.COMPLETED)


def _filters(query: Query) -> dict[str, Any]:
    return {**query.filters, "start": query.start, "end": query.end}


def _counts(counter: Any) -> dict[str, Decimal]:
    return {str(key): Decimal(n) for key, n in counter.items()}


def _people(split_key: str):
    def compute(query: Query, dimensions: tuple[str, ...]) -> Figures:
        numbers: Split = participation_numbers(_filters(query))[split_key]
        splits = {"sex": numbers.sex, "age_band": numbers.age, "disability": numbers.disability}
        splits["governorate"] = numbers.governorate
        by = {d: _counts(splits[d]) for d in dimensions if d in splits}
        if "centre" in dimensions:
            by["centre"] = _by_centre(query, unique=split_key == "unique")
        return Figures(total=Decimal(numbers.total), by=by)

    return compute


def _by_centre(query: Query, *, unique: bool) -> dict[str, Decimal]:
    """One query: the (person, event, centre) participations of the window, counted per centre (each
    person once per centre for unique people)."""
    rows = set(
        attendance_in(_filters(query)).values_list("participant_id", "session__event_id", "session__event__centre_id")
    )
    keys = {(person, centre) for person, _event, centre in rows} if unique else rows
    counts: dict[str, Decimal] = {}
    for key in keys:
        counts[str(key[-1])] = counts.get(str(key[-1]), Decimal(0)) + 1
    return counts


people_trained = _people("unique")
participations = _people("participations")


def csos_trained(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """The CSOs whose members (participants linked to the organisation) attended in the window; two
    queries with the leadership for cso_led."""
    rows = (
        attendance_in(_filters(query))
        .filter(participant__organization__isnull=False)
        .values_list(
            "participant__organization_id", "participant__organization__governorate", "session__event__centre_id"
        )
        .order_by()
        .distinct()
    )
    csos: dict[int, dict[str, Any]] = {}
    for organization_id, governorate, centre_id in rows:
        cso = csos.setdefault(organization_id, {"governorate": governorate, "centres": set()})
        cso["centres"].add(str(centre_id))
    led = cso_led_of(list(csos), query.end) if "cso_led" in dimensions else {}
    return split(
        csos.items(),
        dimensions,
        {
            "governorate": lambda item: [item[1]["governorate"]],
            "centre": lambda item: item[1]["centres"],
            "cso_led": lambda item: led_values(led, item[0]),
        },
    )


def _held_sessions(query: Query) -> QuerySet[Session]:
    """Sessions held in the window: not cancelled, of events published or completed, dated in the
    window and not after today."""
    sessions = Session.objects.filter(
        is_cancelled=False, event__status__in=HELD, date__lte=min(query.end, timezone.localdate())
    )
    if query.start:
        sessions = sessions.filter(date__gte=query.start)
    if query.filters.get("centre"):
        sessions = sessions.filter(event__centre_id=int(query.filters["centre"]))
    if query.filters.get("kind"):
        sessions = sessions.filter(event__kind=query.filters["kind"])
    return sessions


def events_held(query: Query, dimensions: tuple[str, ...]) -> Figures:
    events = _held_sessions(query).values_list("event_id", "event__centre_id", "event__kind").order_by().distinct()
    return split(
        events,
        dimensions,
        {"centre": lambda event: [str(event[1])], "event_kind": lambda event: [event[2]]},
    )


def _in_window(field: str, query: Query) -> Q:
    window = Q(**{f"{field}__lte": query.end})
    return window & Q(**{f"{field}__gte": query.start}) if query.start else window


def packages_published(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """Packages in use whose first published material was uploaded in the window (a package has no
    publication date of its own: it is out for the CSOs once it has material to read)."""
    packages = (
        TrainingPackage.objects.filter(is_active=True)
        .annotate(first=Min("materials__uploaded_at", filter=Q(materials__is_published=True)))
        .filter(_in_window("first__date", query))
    )
    return Figures(total=Decimal(packages.count()))


def materials_published(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """Materials (each version, in each language) published and uploaded in the window."""
    materials = Material.objects.filter(_in_window("uploaded_at__date", query), is_published=True)
    if query.filters.get("package"):
        materials = materials.filter(package_id=int(query.filters["package"]))
    return Figures(total=Decimal(materials.count()))


def knowledge_gain(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """The average gain, in percentage points, from the pre-test to the post-test of the same person
    at the same event, for post-tests taken in the window (a person with no pre-test is left out)."""
    pre = KnowledgeTestAttempt.objects.filter(
        event=OuterRef("event"), participant=OuterRef("participant"), kind=KnowledgeTestKind.PRE
    )
    posts = KnowledgeTestAttempt.objects.filter(
        _in_window("submitted_at__date", query), kind=KnowledgeTestKind.POST, total__gt=0
    ).annotate(
        pre_correct=Subquery(pre.values("correct")[:1]),
        pre_total=Subquery(pre.values("total")[:1]),
    )
    if query.filters.get("centre"):
        posts = posts.filter(event__centre_id=int(query.filters["centre"]))
    if query.filters.get("kind"):
        posts = posts.filter(event__kind=query.filters["kind"])
    if query.filters.get("package"):
        posts = posts.filter(event__package_id=int(query.filters["package"]))
    pairs = [
        (Decimal(100) * row["correct"] / row["total"] - Decimal(100) * row["pre_correct"] / row["pre_total"], row)
        for row in posts.filter(pre_total__gt=0).values(
            "correct", "total", "pre_correct", "pre_total", "participant__sex", "event__centre_id"
        )
    ]
    keys = {
        "sex": lambda pair: [pair[1]["participant__sex"]],
        "centre": lambda pair: [str(pair[1]["event__centre_id"])],
    }
    gains = split(pairs, dimensions, keys, weight=lambda pair: pair[0])
    counts = split(pairs, dimensions, keys)

    def average(total: Decimal, n: Decimal) -> Decimal:
        return (total / n).quantize(Decimal("0.1")) if n else Decimal(0)

    return Figures(
        total=average(gains.total, counts.total),
        by={d: {k: average(gains.by[d][k], n) for k, n in counts.by[d].items()} for d in dimensions},
    )


def register() -> None:
    measures.register_dimension(Dimension("event_kind", _("Type of event"), lambda: list(EventType.choices)))
    for code, label, unit, compute, dimensions, filters, people, description in (
        (
            "trainings.people_trained",
            _("People trained"),
            Unit.NUMBER,
            people_trained,
            PEOPLE_DIMENSIONS,
            EVENT_FILTERS,
            True,
            _("Unique people who attended at least one session in the period."),
        ),
        (
            "trainings.participations",
            _("Participations in trainings and events"),
            Unit.NUMBER,
            participations,
            PEOPLE_DIMENSIONS,
            EVENT_FILTERS,
            True,
            _("People attending an event, counted once per event."),
        ),
        (
            "trainings.csos_trained",
            _("CSOs trained"),
            Unit.NUMBER,
            csos_trained,
            frozenset({"governorate", "centre", "cso_led"}),
            EVENT_FILTERS,
            False,
            _("CSOs with at least one member who attended a session in the period."),
        ),
        (
            "trainings.events_held",
            _("Events held"),
            Unit.NUMBER,
            events_held,
            frozenset({"centre", "event_kind"}),
            frozenset({"centre", "kind"}),
            False,
            _("Events with at least one session held in the period."),
        ),
        (
            "trainings.packages_published",
            _("Training packages published"),
            Unit.NUMBER,
            packages_published,
            frozenset(),
            frozenset(),
            False,
            _("Training packages in use whose first material was published in the period."),
        ),
        (
            "trainings.materials_published",
            _("Training materials published"),
            Unit.NUMBER,
            materials_published,
            frozenset(),
            frozenset({"package"}),
            False,
            _("Materials published in the period, each version and language counted."),
        ),
        (
            "trainings.knowledge_gain",
            _("Knowledge gained in trainings"),
            Unit.PERCENTAGE,
            knowledge_gain,
            frozenset({"sex", "centre"}),
            EVENT_FILTERS,
            False,
            _("Average gain from the pre-test to the post-test, in percentage points."),
        ),
    ):
        measures.register(
            Measure(
                code=code,
                label=label,
                unit=unit,
                compute=compute,
                area="trainings",
                dimensions=dimensions,
                filters=filters,
                counts_people=people,
                description=description,
            )
        )
