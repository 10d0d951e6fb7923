"""The navigation registry. Apps add their entries from AppConfig.ready(); the base layout shows a
person only the entries whose `visible(user)` is true, so the menu follows the roles without the
lower apps knowing the higher ones."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    visible: Callable
    order: int
    area: str  # "main" (top bar) or "user" (the account menu)


_entries: dict[str, NavEntry] = {}


def register(*, key: str, label, url_name: str, visible: Callable, order: int = 50, area: str = "main") -> None:
    _entries[key] = NavEntry(key=key, label=label, url_name=url_name, visible=visible, order=order, area=area)


def entries_for(user, area: str = "main") -> list[dict]:
    return [
        {"key": e.key, "label": e.label, "url": reverse(e.url_name)}
        for e in sorted(_entries.values(), key=lambda e: (e.order, e.key))
        if e.area == area and e.visible(user)
    ]
