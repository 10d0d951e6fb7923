"""Leadership composition: who leads on a given day, and whether the organisation is women-led or
youth-led then.

Definitions (recorded here because indicators depend on them): on a day, the leadership is every
board and management position held that day. An organisation is women-led when the person heading
it (board chair or executive director) is a woman, or when women hold at least half of the
positions; youth-led likewise with people aged 15 to 29 in that year.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from organizations.models import LeadershipMember, Organization, Sex


@dataclass(frozen=True)
class Composition:
    day: date
    total: int
    women: int
    youth: int
    head_is_woman: bool
    head_is_youth: bool

    @property
    def women_led(self) -> bool:
        return self.total > 0 and (self.head_is_woman or 2 * self.women >= self.total)

    @property
    def youth_led(self) -> bool:
        return self.total > 0 and (self.head_is_youth or 2 * self.youth >= self.total)


def composition_on(members: Iterable[LeadershipMember], day: date) -> Composition:
    active = [m for m in members if m.serves_on(day)]
    heads = [m for m in active if m.is_head]
    return Composition(
        day=day,
        total=len(active),
        women=sum(1 for m in active if m.sex == Sex.FEMALE),
        youth=sum(1 for m in active if m.is_youth_on(day)),
        head_is_woman=any(m.sex == Sex.FEMALE for m in heads),
        head_is_youth=any(m.is_youth_on(day) for m in heads),
    )


def history(members: Sequence[LeadershipMember], until: date) -> list[Composition]:
    """The composition at every date it changed (a start, the day after an end, a new year for ages)."""
    changes: set[date] = set()
    for m in members:
        changes.add(m.start_date)
        if m.end_date:
            changes.add(m.end_date + timedelta(days=1))
    days = sorted(d for d in changes if d <= until)
    compositions: list[Composition] = []
    for day in days:
        current = composition_on(members, day)
        if not compositions or (current.total, current.women, current.youth, current.head_is_woman) != (
            compositions[-1].total,
            compositions[-1].women,
            compositions[-1].youth,
            compositions[-1].head_is_woman,
        ):
            compositions.append(current)
    return compositions


def organization_refresh_leadership_flags(*, organization: Organization, today: date | None = None) -> bool:
    """Recomputes the derived women-led and youth-led flags for today. Returns whether anything changed.
    No permission of its own: the leadership services call it after a change, the nightly task for all."""
    today = today or timezone.localdate()
    composition = composition_on(list(organization.leadership.all()), today)
    if (organization.is_women_led, organization.is_youth_led) == (composition.women_led, composition.youth_led):
        return False
    Organization.objects.filter(pk=organization.pk).update(
        is_women_led=composition.women_led, is_youth_led=composition.youth_led
    )
    organization.is_women_led, organization.is_youth_led = composition.women_led, composition.youth_led
    return True
