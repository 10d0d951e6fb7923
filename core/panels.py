"""The panel registry: apps contribute sections to shared pages (the public home page and the
signed-in dashboard) from AppConfig.ready(), so lower apps show what higher apps own without
importing them.

A panel is a template rendered with the context its `context(request)` returns; `visible(user)`
decides who sees it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

HOME = "home"
DASHBOARD = "dashboard"
CENTRE = "centre"  # a centre's page; the panel's context reads the centre from the URL
TRAINING_PACKAGE = "training_package"  # a training package's page; the context reads the code from the URL
EVENT = "event"  # an event's page (trainings); the context reads the event's pk from the URL


@dataclass(frozen=True)
class Panel:
    page: str
    key: str
    template: str
    visible: Callable[[Any], bool]
    context: Callable[[HttpRequest], dict[str, Any]]
    order: int


_panels: dict[tuple[str, str], Panel] = {}


def register(
    *,
    page: str,
    key: str,
    template: str,
    visible: Callable[[Any], bool],
    context: Callable[[HttpRequest], dict[str, Any]],
    order: int = 50,
) -> None:
    _panels[(page, key)] = Panel(page=page, key=key, template=template, visible=visible, context=context, order=order)


def panels_for(page: str, request: HttpRequest) -> list[dict[str, Any]]:
    chosen = sorted((p for p in _panels.values() if p.page == page), key=lambda p: (p.order, p.key))
    return [
        {"key": p.key, "template": p.template, "context": p.context(request)} for p in chosen if p.visible(request.user)
    ]
