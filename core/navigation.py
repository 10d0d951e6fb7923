"""The navigation registry. Apps add their entries from AppConfig.ready(); the base layout shows a
person only the entries whose `visible(user)` is true, so the menu follows the roles without the
lower apps knowing the higher ones."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from core import freshness

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: "StrOrPromise"
    url_name: str
    visible: Callable[[Any], bool]
    order: int
    area: str  # "main" (top bar) or "user" (the account menu)
    group: str = ""  # entries of one group share a drop-down menu in the top bar


_entries: dict[str, NavEntry] = {}
_groups: dict[str, "StrOrPromise"] = {}


def register(
    *,
    key: str,
    label: "StrOrPromise",
    url_name: str,
    visible: Callable[[Any], bool],
    order: int = 50,
    area: str = "main",
    group: str = "",
) -> None:
    _entries[key] = NavEntry(
        key=key, label=label, url_name=url_name, visible=visible, order=order, area=area, group=group
    )


def register_group(*, key: str, label: "StrOrPromise") -> None:
    """A drop-down of the top bar, placed where its first visible entry would be."""
    _groups[key] = label


def visible_keys(user: Any, area: str) -> list[str]:
    return [
        e.key for e in sorted(_entries.values(), key=lambda e: (e.order, e.key)) if e.area == area and e.visible(user)
    ]


def entries_for(user: Any, area: str = "main", request: Any = None) -> list[dict[str, Any]]:
    """The visible entries in order; those of a group are gathered under it ({"label", "children"}),
    and a group with a single visible entry is shown as that entry.

    With the request, which entries a person sees (their permissions, read from the database) is
    kept until the data changes (core.freshness): the menu costs no query between writes."""
    if request is not None:
        parts = (getattr(user, "pk", None), area)
        keys = freshness.cached("nav", parts, lambda: visible_keys(user, area), version=freshness.version_of(request))
    else:
        keys = visible_keys(user, area)
    items: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for e in (_entries[key] for key in keys if key in _entries):
        link: dict[str, Any] = {"key": e.key, "label": e.label, "url": reverse(e.url_name)}
        if not e.group:
            items.append(link)
            continue
        if e.group not in groups:
            groups[e.group] = {"key": e.group, "label": _groups.get(e.group, e.group), "children": []}
            items.append(groups[e.group])
        groups[e.group]["children"].append(link)
    return [item["children"][0] if len(item.get("children", ())) == 1 else item for item in items]
