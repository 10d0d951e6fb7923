"""Demo exchange visits, each an event of the "exchange visit" type made through trainings' services,
with its participants registered and present, written through the visit services:

- Erbil centre -> JOHUD's community centres in Amman (a partner abroad), ended 95 days ago: three
  follow-ups recorded (adopted, adapted, not adopted, in Kurdish and English), two overdue for
  manager.erbil;
- Mosul centre -> Basra, hosted by the Basra Environment Organisation (a CSO in Iraq), ended 93 days
  ago: three recorded in Arabic, one overdue for staff.mosul;
- Basra centre -> the Marshes Heritage Centre in Dhi Qar, in three weeks: follow-ups not yet due.

`scale > 1` adds older copies of the first two, every follow-up recorded. Idempotent: a visit whose
event exists is left as it is."""

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts.models import User
from centers.models import Center
from commons.models import Entry, EntryStatus
from organizations.models import Organization
from partnerships.demo.visits_data import VISITS
from partnerships.models import ExchangeVisit, Partner
from partnerships.services import visits as services
from trainings import services as trainings_services
from trainings.models import Attendance, AttendanceStatus, Audience, Event, EventType, Participant, Registration

ADMIN = "admin@tatweer.example"
FEMALE = {
    "Maryam",
    "Layla",
    "Shilan",
    "Nour",
    "Rozhan",
    "Hawraa",
    "Dilan",
    "Zainab",
    "Aveen",
    "Rana",
    "Ban",
    "Tara",
    "Sozan",
    "Huda",
}


def _person(email: str) -> User | None:
    return User.objects.filter(email=email, is_active=True).first()


def _cso(acronym: str) -> Organization | None:
    return Organization.objects.filter(acronym=acronym).order_by("pk").first()


def _event(spec: dict[str, Any], admin: User, title: str, ended_days_ago: int) -> Event:
    """The trainings event, scheduled, published and (when over) completed through its services; its
    title and description in the three languages (an older copy's number after each title)."""
    copy = title.removeprefix(spec["title"])
    last = timezone.localdate() - dt.timedelta(days=ended_days_ago)
    sessions = [
        {"date": last - dt.timedelta(days=spec["days"] - 1 - n), "start_time": dt.time(9), "end_time": dt.time(16)}
        for n in range(spec["days"])
    ]
    event = trainings_services.event_save(
        actor=admin,
        event=None,
        data={
            "kind": EventType.EXCHANGE,
            "title_en": title,
            "title_ar": spec["title_ar"] + copy,
            "title_ckb": spec["title_ckb"] + copy,
            "description_en": spec["description"],
            "description_ar": spec["description_ar"],
            "description_ckb": spec["description_ckb"],
            "centre": spec["centre"],
            "room": None,
            "external_venue": spec["venue"],
            "capacity": 20,
            "audience": Audience.INVITATION,
        },
        sessions=sessions,
    )
    trainings_services.event_publish(actor=admin, event=event)
    if ended_days_ago > 0:
        trainings_services.event_complete(actor=admin, event=event)
    return event


def _participants(event: Event, organizations: list[Organization], names: list[str], *, held: bool, admin) -> None:
    """Two people of each visiting CSO registered (and, once held, present at every session)."""
    sessions = list(event.sessions.all())
    for index, organization in enumerate(organizations):
        for name in names[2 * index : 2 * index + 2]:
            person = Participant.objects.create(
                full_name=name,
                sex="female" if name.split()[0] in FEMALE else "male",
                birth_year=1988 + len(name) % 12,
                governorate=organization.governorate,
                organization=organization,
                position="Project officer",
                consent=True,
                consent_at=timezone.now(),
                created_by=admin,
            )
            Registration.objects.create(event=event, participant=person, status="registered", registered_by=admin)
            if held:
                Attendance.objects.bulk_create(
                    Attendance(session=s, participant=person, status=AttendanceStatus.PRESENT, recorded_by=admin)
                    for s in sessions
                )


def _visit(spec: dict[str, Any], *, title: str, ended_days_ago: int, record_all: bool, stdout) -> ExchangeVisit | None:
    admin = _person(ADMIN)
    actor = _person(spec["actor"])
    assignee = _person(spec["assignee"])
    if admin is None or actor is None or assignee is None:
        stdout.write(f"  partnerships: the staff of {title} are missing; visit not seeded")
        return None
    host: dict[str, Any]
    if spec.get("host_partner"):
        host = {"host_partner": Partner.objects.filter(acronym=spec["host_partner"]).order_by("pk").first()}
    else:
        host = {"host_organization": _cso(spec["host_organization"])}
    if not any(host.values()):
        stdout.write(f"  partnerships: the host of {title} is missing; visit not seeded")
        return None
    found = [(spec_row, _cso(spec_row[0])) for spec_row in spec["visitors"]]
    visiting = [(row, cso) for row, cso in found if cso is not None]
    event = _event(spec, admin, title, ended_days_ago)
    _participants(event, [cso for _row, cso in visiting], spec["participants"], held=ended_days_ago > 0, admin=admin)
    visit = services.visit_create(actor=actor, event=event, data={**host, "host_country": "", **spec["visit"]})
    sessions = list(event.sessions.order_by("date", "start_time"))
    for day, place, activity, hosted_by in spec["itinerary"]:
        data = {"session": sessions[day], "place": place, "activity": activity, "hosted_by": hosted_by}
        services.itinerary_save(actor=actor, visit=visit, data=data)
    practices = []
    for practice_title, description, entry_title in spec["practices"]:
        entry = Entry.objects.filter(title=entry_title, status=EntryStatus.PUBLISHED).first() if entry_title else None
        data = {"title": practice_title, "description": description, "entry": entry}
        practices.append(services.practice_save(actor=actor, visit=visit, data=data))
    for (_acronym, outcome, explanation, taken, after), cso in visiting:
        row = services.visitor_add(actor=actor, visit=visit, organization=cso, assigned_to=assignee)
        if outcome is None and record_all:
            outcome, explanation, taken, after = "adapted", spec["visitors"][0][2], (0,), 60
        if outcome is not None:
            last = sessions[-1].date
            services.follow_up_record(
                actor=assignee,
                visiting=row,
                data={
                    "outcome": outcome,
                    "explanation": explanation,
                    "practices": [practices[i] for i in taken],
                    "adopted_on": last + dt.timedelta(days=after) if after is not None else None,
                },
            )
    return visit


def seed(*, scale: int, stdout) -> None:
    made = 0
    for spec in VISITS:
        sets = [(spec["title"], spec["ended_days_ago"], False)]
        if spec["ended_days_ago"] > 0:
            sets += [
                (f"{spec['title']} · {n}", spec["ended_days_ago"] + 150 * (n - 1), True) for n in range(2, scale + 1)
            ]
        for title, ended_days_ago, record_all in sets:
            if Event.objects.filter(title_en=title, kind=EventType.EXCHANGE).exists():
                continue
            resolved = {**spec, "centre": Center.objects.get(slug=spec["centre"])}
            if _visit(resolved, title=title, ended_days_ago=ended_days_ago, record_all=record_all, stdout=stdout):
                made += 1
    stdout.write(f"  partnerships: {ExchangeVisit.objects.count()} exchange visits ({made} new)")
