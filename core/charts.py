"""Small server-rendered charts for dashboards: coordinates for an SVG, no script and no inline style
(the content security policy allows neither), drawn by core/templates/core/partials/sparkline.html.

Time runs in the reading direction: on a right-to-left page the newest value is on the left.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 120
HEIGHT = 32
PAD = 3


@dataclass(frozen=True)
class Sparkline:
    line: str  # "x,y x,y ..." for <polyline points>
    area: str  # the same line closed along the bottom, for <polygon points>
    last_x: float
    last_y: float
    values: tuple[int | float, ...]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def summary(self) -> str:
        """The values in order, for the chart's text alternative."""
        return ", ".join(f"{v:g}" for v in self.values)


def sparkline(values: Sequence[int | float], *, rtl: bool = False) -> Sparkline | None:
    """A line through `values` (oldest first) scaled to the box; None with fewer than two values."""
    if len(values) < 2:
        return None
    low, high = min(0, min(values)), max(values)
    span = (high - low) or 1
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    points = []
    for i, value in enumerate(values):
        x = PAD + i * step
        if rtl:
            x = WIDTH - x
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        points.append((round(x, 1), round(y, 1)))
    line = " ".join(f"{x:g},{y:g}" for x, y in points)
    bottom = HEIGHT - PAD
    area = f"{points[0][0]:g},{bottom:g} {line} {points[-1][0]:g},{bottom:g}"
    return Sparkline(line=line, area=area, last_x=points[-1][0], last_y=points[-1][1], values=tuple(values))


def share(part: int | float, whole: int | float) -> int:
    """`part` as a whole percentage of `whole` (0 to 100), for a bar's width."""
    if not whole or part <= 0:
        return 0
    return max(0, min(100, round(part * 100 / whole)))
