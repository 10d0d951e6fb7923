"""Numbers for reporting: unique people and participations, split by sex, age band, disability and
governorate. Aggregates only, so the donor may see them.

A participation is one person attending (present or late) at least one session of one event; unique
participants count each person once in the period, whatever they attended. Ages are taken at the
date of the (first) session attended, so a person's band does not move with today's date.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils.translation import gettext as _

from core.geography import Governorate
from core.measures import AGE_BANDS, age_band
from trainings.models import ATTENDED, WG_DOMAINS, Attendance, Disability, EventStatus, Participant

DISABLED = (Disability.A_LOT, Disability.CANNOT)


@dataclass
class Split:
    total: int = 0
    sex: Counter = field(default_factory=Counter)
    age: Counter = field(default_factory=Counter)
    disability: Counter = field(default_factory=Counter)
    governorate: Counter = field(default_factory=Counter)
    sex_age: Counter = field(default_factory=Counter)  # (sex, age band)

    def add(self, person: dict, year: int) -> None:
        self.total += 1
        self.sex[person["sex"]] += 1
        self.age[age_band(year - person["birth_year"])] += 1
        self.sex_age[(person["sex"], age_band(year - person["birth_year"]))] += 1
        self.disability["yes" if person["disabled"] else "no"] += 1
        self.governorate[person["governorate"]] += 1


def attendance_in(filters: dict):
    attended = Attendance.objects.filter(
        status__in=ATTENDED,
        session__is_cancelled=False,
        session__event__status__in=[EventStatus.PUBLISHED, EventStatus.COMPLETED],
    )
    if filters.get("centre"):
        attended = attended.filter(session__event__centre=filters["centre"])
    if filters.get("kind"):
        attended = attended.filter(session__event__kind=filters["kind"])
    if filters.get("package"):
        attended = attended.filter(session__event__package=filters["package"])
    if filters.get("start"):
        attended = attended.filter(session__date__gte=filters["start"])
    if filters.get("end"):
        attended = attended.filter(session__date__lte=filters["end"])
    return attended


def participation_numbers(filters: dict) -> dict:
    """Two queries whatever the volume: the (person, event, first date) pairs, then the people."""
    pairs = list(
        attendance_in(filters)
        .values("participant_id", "session__event_id")
        .annotate(first=Min("session__date"))
        .values_list("participant_id", "session__event_id", "first")
    )
    people = {
        p["id"]: {**p, "disabled": any(p[f] in DISABLED for f, _label in WG_DOMAINS)}
        for p in Participant.objects.filter(pk__in={pid for pid, _e, _d in pairs}).values(
            "id", "sex", "birth_year", "governorate", *[f for f, _label in WG_DOMAINS]
        )
    }
    participations, unique = Split(), Split()
    first_seen: dict[int, int] = {}
    for participant_id, _event_id, first in pairs:
        person = people[participant_id]
        participations.add(person, first.year)
        first_seen[participant_id] = min(first.year, first_seen.get(participant_id, first.year))
    for participant_id, year in first_seen.items():
        unique.add(people[participant_id], year)
    return {"participations": participations, "unique": unique, "events": len({e for _p, e, _d in pairs})}


def rows(split: Split) -> dict:
    """Labelled rows for the page and exports, in a stable order."""
    governorates = dict(Governorate.choices)
    return {
        "sex": [("female", split.sex["female"]), ("male", split.sex["male"])],
        "age": [(label, split.age[label]) for _low, _high, label in AGE_BANDS],
        "disability": [("yes", split.disability["yes"]), ("no", split.disability["no"])],
        "governorate": sorted(
            ((governorates.get(code, code), count) for code, count in split.governorate.items()), key=lambda r: -r[1]
        ),
    }


def indicator_rows():
    """For the programme indicators export: people trained, by sex and age band together."""
    data = participation_numbers({})
    sexes = {"female": _("Women and girls"), "male": _("Men and boys")}
    area = _("Trainings and events")
    for title, split in ((_("Unique participants"), data["unique"]), (_("Participations"), data["participations"])):
        yield area, title, _("Total"), split.total
        for sex, sex_label in sexes.items():
            for _low, _high, band in AGE_BANDS:
                yield area, title, f"{sex_label}, {band}", split.sex_age[(sex, band)]
