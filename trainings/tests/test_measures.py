import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.tests.factories import centre
from core import measures
from core.measures import Query
from organizations.tests.factories import LeadershipMemberFactory, OrganizationFactory
from trainings.models import Attendance, Event, KnowledgeTestAttempt, Material, Session, TrainingPackage
from trainings.services import session_period
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def event_on(*days: dt.date, centre_slug="erbil", kind="training") -> Event:
    """A published event whose sessions are on `days`."""
    event = published_event(centre_slug=centre_slug, sessions=len(days), kind=kind)
    for session, day in zip(event.sessions.order_by("date"), days, strict=True):
        Session.objects.filter(pk=session.pk).update(
            date=day, period=session_period(day, session.start_time, session.end_time)
        )
    return event


def attend(event: Event, day: dt.date, *people, status="present"):
    session = event.sessions.get(date=day)
    for person in people:
        Attendance.objects.create(session=session, participant=person, status=status)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def compute(code, dimensions=(), **filters):
    measure = measures.get(code)
    assert measure is not None
    return measures.compute(measure, Query(start=START, end=END, filters=filters), dimensions)


@pytest.fixture
def attended():
    women_led = OrganizationFactory(governorate="erbil")
    LeadershipMemberFactory(organization=women_led, sex="female", is_head=True, start_date=dt.date(2020, 1, 1))
    other = OrganizationFactory(governorate="baghdad")
    p1 = ParticipantFactory(sex="female", birth_year=1990, governorate="erbil", organization=women_led)
    p2 = ParticipantFactory(sex="male", birth_year=2000, governorate="ninewa", organization=other)
    p3 = ParticipantFactory(sex="female", birth_year=1950, governorate="basra", wg_seeing="a_lot")
    p4 = ParticipantFactory(sex="male", birth_year=1990, governorate="erbil", organization=other)
    d1, d2 = dt.date(2026, 2, 10), dt.date(2026, 2, 11)
    e1 = event_on(d1, d2)
    attend(e1, d1, p1)
    attend(e1, d2, p1)
    attend(e1, d1, p2, status="late")
    attend(e1, d1, p3, status="absent")
    e2 = event_on(dt.date(2026, 3, 5), centre_slug="mosul", kind="workshop")
    attend(e2, dt.date(2026, 3, 5), p1, p3)
    e3 = event_on(dt.date(2025, 12, 1))  # before the window
    attend(e3, dt.date(2025, 12, 1), p4, p2)
    e4 = event_on(dt.date(2026, 3, 10))  # its only session was cancelled
    attend(e4, dt.date(2026, 3, 10), p4)
    Session.objects.filter(event=e4).update(is_cancelled=True)
    return {"events": (e1, e2, e3), "people": (p1, p2, p3, p4), "csos": (women_led, other)}


def test_people_trained_counts_each_person_once_with_their_age_at_the_session(attended):
    erbil, mosul = str(centre("erbil").pk), str(centre("mosul").pk)
    figures = compute("trainings.people_trained", ("sex", "age_band", "disability", "governorate", "centre"))
    assert figures.total == 3
    assert figures.by["sex"] == {"female": 2, "male": 1}
    assert figures.by["age_band"] == {"30-44": 1, "15-29": 1, "65+": 1}
    assert figures.by["disability"] == {"yes": 1, "no": 2}
    assert figures.by["governorate"] == {"erbil": 1, "ninewa": 1, "basra": 1}
    assert figures.by["centre"] == {erbil: 2, mosul: 2}
    assert compute("trainings.people_trained", centre=mosul).total == 2
    assert compute("trainings.people_trained", kind="workshop").total == 2
    assert measures.get("trainings.people_trained").counts_people


def test_participations_count_person_and_event(attended):
    erbil, mosul = str(centre("erbil").pk), str(centre("mosul").pk)
    figures = compute("trainings.participations", ("sex", "centre", "age_band"))
    assert figures.total == 4
    assert figures.by["sex"] == {"female": 3, "male": 1}
    assert figures.by["centre"] == {erbil: 2, mosul: 2}
    assert figures.by["age_band"] == {"30-44": 2, "15-29": 1, "65+": 1}


def test_csos_trained_are_the_organisations_of_the_participants(attended):
    erbil, mosul = str(centre("erbil").pk), str(centre("mosul").pk)
    figures = compute("trainings.csos_trained", ("governorate", "centre", "cso_led"))
    assert figures.total == 2
    assert figures.by["governorate"] == {"erbil": 1, "baghdad": 1}
    assert figures.by["centre"] == {erbil: 2, mosul: 1}
    assert figures.by["cso_led"] == {"women_led": 1, "other": 1}
    assert compute("trainings.csos_trained", centre=mosul).total == 1


def test_events_held_have_a_session_held_in_the_window(attended):
    erbil, mosul = str(centre("erbil").pk), str(centre("mosul").pk)
    figures = compute("trainings.events_held", ("centre", "event_kind"))
    assert figures.total == 2
    assert figures.by["centre"] == {erbil: 1, mosul: 1}
    assert figures.by["event_kind"] == {"training": 1, "workshop": 1}
    assert compute("trainings.events_held", kind="workshop").total == 1
    assert ("workshop", "Workshop") in [(v, str(label)) for v, label in measures.dimension("event_kind").values()]


def material(package, day, *, version=1, published=True):
    item = Material.objects.create(
        package=package,
        title="Guide",
        language="en",
        version=version,
        file="materials/guide.pdf",
        original_filename="guide.pdf",
        is_published=published,
    )
    Material.objects.filter(pk=item.pk).update(uploaded_at=at(day))
    return item


def test_packages_and_materials_published_in_the_window():
    new = TrainingPackage.objects.create(code="new", title="New")
    material(new, dt.date(2026, 2, 1))
    material(new, dt.date(2026, 3, 1), version=2)
    material(new, dt.date(2026, 3, 2), version=3, published=False)
    old = TrainingPackage.objects.create(code="old", title="Old")
    material(old, dt.date(2025, 11, 1))
    material(old, dt.date(2026, 1, 5), version=2)
    retired = TrainingPackage.objects.create(code="retired", title="Retired", is_active=False)
    material(retired, dt.date(2026, 2, 1))
    assert compute("trainings.packages_published").total == 1
    assert compute("trainings.materials_published").total == 4
    assert compute("trainings.materials_published", package=str(old.pk)).total == 1


def test_knowledge_gain_averages_pre_to_post_in_points(attended):
    (e1, _e2, e3), (p1, p2, p3, p4) = attended["events"], attended["people"]
    for event, person, pre, post, day in (
        (e1, p1, 4, 9, dt.date(2026, 2, 11)),
        (e1, p2, 5, 6, dt.date(2026, 2, 11)),
        (e1, p3, None, 8, dt.date(2026, 2, 11)),  # no pre-test: left out
        (e3, p4, 0, 10, dt.date(2025, 12, 1)),  # before the window
    ):
        if pre is not None:
            KnowledgeTestAttempt.objects.create(event=event, participant=person, kind="pre", correct=pre, total=10)
        attempt = KnowledgeTestAttempt.objects.create(
            event=event, participant=person, kind="post", correct=post, total=10
        )
        KnowledgeTestAttempt.objects.filter(pk=attempt.pk).update(submitted_at=at(day))
    figures = compute("trainings.knowledge_gain", ("sex", "centre"))
    assert figures.total == Decimal("30.0")
    assert figures.by["sex"] == {"female": 50, "male": 10}
    assert figures.by["centre"] == {str(centre("erbil").pk): 30}


@pytest.mark.parametrize(
    "code",
    [
        "trainings.people_trained",
        "trainings.participations",
        "trainings.csos_trained",
        "trainings.events_held",
        "trainings.packages_published",
        "trainings.materials_published",
        "trainings.knowledge_gain",
    ],
)
def test_the_queries_do_not_grow_with_the_records(code):
    day = dt.date(2026, 2, 2)

    def queries(count):
        event = event_on(day, centre_slug="mosul")
        package = TrainingPackage.objects.create(code=f"p{count}", title="P")
        for index in range(count):
            person = ParticipantFactory(organization=OrganizationFactory())
            attend(event, day, person)
            KnowledgeTestAttempt.objects.create(event=event, participant=person, kind="pre", correct=1, total=4)
            KnowledgeTestAttempt.objects.create(event=event, participant=person, kind="post", correct=3, total=4)
            material(package, day, version=index + 1)
        measure = measures.get(code)
        with CaptureQueriesContext(connection) as captured:
            measures.compute(measure, Query(start=START, end=timezone.localdate()), sorted(measure.dimensions))
        return len(captured)

    two = queries(2)
    assert queries(10) == two
