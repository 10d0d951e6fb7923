"""The panel registry: apps contribute sections to shared pages (the public home page and the
signed-in dashboard) from AppConfig.ready(), so lower apps show what higher apps own without
importing them.

A panel is a template rendered with the context its `context(request)` returns; `visible(user)`
decides who sees it.

Dashboard panels are rendered by `dashboard_html()` and kept (core.freshness) per panel, person,
language and minute until the data changes: a dashboard opened again without a write anywhere in
between costs no panel queries. A dashboard panel's template reads only its `panel` context (no
request, no user, no context processor), and a panel that renders a form says `kept=False`: its CSRF
token belongs to the request (core/tests/test_dashboard_panels.py holds both rules).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import freshness
from core.charts import Sparkline

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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
    kept: bool = True


@dataclass(frozen=True)
class Figure:
    """A number on a dashboard panel (core/partials/figures.html): what it counts, the list behind it,
    and optionally how it moved. `attention` marks a count of things waiting for this person: it is
    highlighted while above zero."""

    label: "StrOrPromise"
    value: int | str
    url: str = ""
    icon: str = ""
    attention: bool = False
    trend: Sparkline | None = None
    note: str = ""


_panels: dict[tuple[str, str], Panel] = {}


def register(
    *,
    page: str,
    key: str,
    template: str,
    visible: Callable[[Any], bool],
    context: Callable[[HttpRequest], dict[str, Any]],
    order: int = 50,
    kept: bool = True,
) -> None:
    _panels[(page, key)] = Panel(
        page=page, key=key, template=template, visible=visible, context=context, order=order, kept=kept
    )


def registered(page: str) -> list[Panel]:
    return sorted((p for p in _panels.values() if p.page == page), key=lambda p: (p.order, p.key))


def panels_for(page: str, request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"key": p.key, "template": p.template, "context": p.context(request)}
        for p in registered(page)
        if p.visible(request.user)
    ]


def render_panel(panel: Panel, request: HttpRequest) -> str:
    context: dict[str, Any] = {"panel": panel.context(request)}
    if not panel.kept:
        context["csrf_token"] = get_token(request)
    return get_template(panel.template).render(context)


def dashboard_html(request: HttpRequest) -> list[dict[str, Any]]:
    """The signed-in dashboard's panels as HTML, each kept until the data changes (see above)."""
    version = freshness.version_of(request)
    minute = freshness.this_minute()
    shown = []
    for panel in registered(DASHBOARD):
        if not panel.visible(request.user):
            continue
        if panel.kept:
            parts = (panel.key, request.user.pk, get_language(), minute)
            html = freshness.cached("panel", parts, partial(render_panel, panel, request), version=version)
        else:
            html = render_panel(panel, request)
        shown.append({"key": panel.key, "html": mark_safe(html)})  # noqa: S308 rendered by the template engine
    return shown
