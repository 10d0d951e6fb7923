"""Editing the logframe: results, indicators and their targets, each change in the audit trail."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from results import permissions
from results.models import Indicator, Logframe, Node, Period, Target
from results.rules.logframe import measure_problems, parent_problem, value_problem

NODE_FIELDS = ("parent", "level", "code", "position", "title", "description", "assumptions")
INDICATOR_FIELDS = (
    "node",
    "code",
    "position",
    "unit",
    "direction",
    "baseline",
    "baseline_year",
    "final_target",
    "disaggregations",
    "measure",
    "filters",
    "cumulation",
)
TRANSLATED_INDICATOR_FIELDS = ("name", "definition", "means_of_verification", "assumptions")


def _require(actor: User | None) -> None:
    if actor is not None and not permissions.manages_results(actor):
        raise PermissionDenied


def _translated(names: tuple[str, ...], data: dict[str, Any]) -> dict[str, Any]:
    """The fields of every language present in `data` (name_en, name_ar, name_ckb...)."""
    return {key: value for key, value in data.items() if key.rsplit("_", 1)[0] in names and "_" in key}


@transaction.atomic
def node_save(*, actor: User | None, logframe: Logframe, node: Node | None, data: dict[str, Any]) -> Node:
    _require(actor)
    node = Node.objects.select_for_update().get(pk=node.pk) if node and node.pk else Node(logframe=logframe)
    parent = data.get("parent", node.parent if node.pk else None)
    problem = parent_problem(data.get("level", node.level), parent.level if parent else None)
    if problem:
        raise ValidationError({"parent": problem})
    if parent is not None and parent.logframe_id != logframe.pk:
        raise ValidationError({"parent": _("Choose a result of this logframe.")})
    for name in NODE_FIELDS:
        if name in data:
            setattr(node, name, data[name])
    for name, value in _translated(("title", "description", "assumptions"), data).items():
        setattr(node, name, value)
    if Node.objects.filter(logframe=logframe, code=node.code).exclude(pk=node.pk).exists():
        raise ValidationError(
            {"code": _("Another result of this logframe has the code %(code)s.") % {"code": node.code}}
        )
    with actor_context(actor, action="results_logframe"):
        node.save()
    return node


def indicator_problems(data: dict[str, Any], targets: dict[Period, Decimal | None]) -> dict[str, str]:
    unit = data["unit"]
    problems = measure_problems(
        data.get("measure", ""), unit, list(data.get("disaggregations") or []), data.get("filters") or {}
    )
    for name in ("baseline", "final_target"):
        problem = value_problem(unit, data.get(name))
        if problem:
            problems[name] = problem
    for period, value in targets.items():
        problem = value_problem(unit, value)
        if problem:
            problems[f"target_{period.number}"] = problem
    return problems


@transaction.atomic
def indicator_save(
    *,
    actor: User | None,
    logframe: Logframe,
    indicator: Indicator | None,
    data: dict[str, Any],
    targets: dict[Period, Decimal | None] | None = None,
) -> Indicator:
    """Creates or updates an indicator and its targets (a target left empty is removed; the others
    are updated in place)."""
    _require(actor)
    targets = targets or {}
    stray = [p for p in targets if p.logframe_id != logframe.pk]
    if stray:
        raise ValidationError(_("A target is for a period outside the programme."))
    problems = indicator_problems(data, targets)
    if problems:
        raise ValidationError(problems)
    if indicator is not None and indicator.pk:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    else:
        indicator = Indicator(logframe=logframe)
    if data.get("node") is not None and data["node"].logframe_id != logframe.pk:
        raise ValidationError({"node": _("Choose a result of this logframe.")})
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    for name, value in _translated(TRANSLATED_INDICATOR_FIELDS, data).items():
        setattr(indicator, name, value)
    if Indicator.objects.filter(logframe=logframe, code=indicator.code).exclude(pk=indicator.pk).exists():
        raise ValidationError({"code": _("Another indicator has the code %(code)s.") % {"code": indicator.code}})
    with actor_context(actor, action="results_logframe"):
        indicator.save()
        _targets_write(indicator, targets)
    return indicator


def _targets_write(indicator: Indicator, targets: dict[Period, Decimal | None]) -> None:
    """A target left empty is removed; the others are created or updated in place."""
    existing = {t.period_id: t for t in indicator.targets.select_for_update()}
    for period, value in targets.items():
        target = existing.get(period.pk)
        if value is None:
            if target is not None:
                target.delete()
        elif target is None:
            Target.objects.create(indicator=indicator, period=period, value=value)
        elif target.value != value:
            target.value = value
            target.save(update_fields=["value"])
