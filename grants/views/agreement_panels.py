"""The agreement page, panel by panel. Each panel has a template, `partials/agreement_<key>.html`,
and builds its own part of the context; its forms post to their own views. A refused form comes back
in its panel alone (htmx) or in the whole page (without JavaScript), with what was typed; a step
done loads the page again, since it changes more than its panel (the paid total, the release
conditions, the budget). What a panel offers comes from the workflows (`actions_for`) and
`grants.permissions`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from grants import permissions, selectors
from grants.forms.accompaniment import ActionFormSet, VisitForm
from grants.forms.agreements import CancelTrancheForm, SignForm, TrancheFormSet
from grants.forms.payments import PaymentForm, ReverseForm
from grants.forms.reports import DecisionCommentForm, ReportScheduleForm
from grants.models import (
    ActionStatus,
    AgreementStatus,
    AmendmentStatus,
    GrantAgreement,
    ReportStatus,
    Tranche,
    TrancheStatus,
)
from grants.rules.budgets import BudgetRow, budget_rows, current_budget
from grants.rules.ledger import paid_total
from grants.rules.reports import closing_problems
from grants.workflows import AGREEMENT, AMENDMENT, TRANCHE


@dataclass(frozen=True)
class Viewer:
    """A person looking at an agreement, and the agreement's steps they may take."""

    user: Any
    agreement: GrantAgreement
    officer: bool
    finance: bool
    actions: frozenset[str]

    @classmethod
    def of(cls, user, agreement: GrantAgreement) -> "Viewer":
        return cls(
            user=user,
            agreement=agreement,
            officer=permissions.can_manage_calls(user),
            finance=permissions.can_approve_payments(user),
            actions=AGREEMENT.actions_for(agreement, user),
        )

    @cached_property
    def budget(self) -> list[BudgetRow]:
        return budget_rows(self.agreement)

    @property
    def running(self) -> bool:
        return self.agreement.status == AgreementStatus.ACTIVE

    def context(self) -> dict:
        """What every panel's template reads."""
        return {
            "agreement": self.agreement,
            "officer": self.officer,
            "finance": self.finance,
            "agreement_actions": self.actions,
            "AgreementStatus": AgreementStatus,
            "AmendmentStatus": AmendmentStatus,
            "ReportStatus": ReportStatus,
            "TrancheStatus": TrancheStatus,
        }


def payment_form(tranche: Tranche, data=None) -> PaymentForm:
    """One payment form per tranche, with ids of its own so that labels point at the right field."""
    return PaymentForm(data, initial={"paid_currency": tranche.agreement.currency}, auto_id=f"id_%s_{tranche.pk}")


def _refused_for(refused: tuple | None, pk: int):
    """The bound form of a refused (pk, form) when it is this record's."""
    return refused[1] if refused and refused[0] == pk else None


def tranches(viewer: Viewer, *, payment=None, cancel=None) -> dict:
    """The tranches with their conditions and payments, and what finance or the officer may do next
    (`payment` and `cancel`: a refused (tranche pk, bound form))."""
    rows = list(viewer.agreement.tranches.all())
    for tranche in rows:
        tranche.agreement = viewer.agreement
        offered = TRANCHE.actions_for(tranche, viewer.user)
        tranche.offered = offered  # type: ignore[attr-defined]  # shown by the template
        if "pay" in offered:
            pay = _refused_for(payment, tranche.pk) or payment_form(tranche)
            tranche.payment_form = pay  # type: ignore[attr-defined]  # shown by the template
        if "cancel" in offered and viewer.running:
            stop = _refused_for(cancel, tranche.pk) or CancelTrancheForm(prefix=f"cancel-{tranche.pk}")
            tranche.cancel_form = stop  # type: ignore[attr-defined]  # shown by the template
    return {"tranches": rows, "reverse_form": ReverseForm()}


def preparation(viewer: Viewer, *, schedule=None, sign=None) -> dict:
    """The tranche schedule and the signature, while the agreement is being prepared."""
    if "sign" not in viewer.actions:
        return {"tranche_formset": None, "sign_form": None}
    initial = [
        {
            "id": t.pk,
            "amount": t.amount,
            "planned_date": t.planned_date,
            "conditions": [c.kind for c in t.conditions.all()],
        }
        for t in viewer.agreement.tranches.all()
    ]
    return {
        "tranche_formset": schedule or TrancheFormSet(initial=initial or None, prefix="tranches"),
        "sign_form": sign or SignForm(),
    }


def budget(viewer: Viewer) -> dict:
    rows = viewer.budget
    return {
        "budget": rows,
        "budget_version": current_budget(viewer.agreement),
        "budget_total": sum((row.budget for row in rows), 0),
        "can_amend": viewer.running and permissions.can_request_amendment(viewer.user, viewer.agreement),
    }


def reports(viewer: Viewer, *, schedule=None) -> dict:
    offer = viewer.officer and viewer.agreement.status != AgreementStatus.CLOSED
    return {
        "reports": list(viewer.agreement.reports.all()),
        "report_form": (schedule or ReportScheduleForm()) if offer else None,
    }


def _amendment_lines(amendment, rows: list[BudgetRow]) -> list[tuple]:
    """(line, amount when requested, proposed amount) of a reallocation."""
    lines = {row.line.pk: row.line for row in rows}
    return [
        (lines[int(pk)].description, amendment.amounts_before.get(pk), value)
        for pk, value in amendment.proposed_amounts.items()
        if int(pk) in lines
    ]


def amendments(viewer: Viewer, *, decision=None) -> dict:
    """The amendments, each reallocation line by line, with the officer's decision form on an open one
    (`decision`: a refused (amendment pk, bound form))."""
    rows = list(viewer.agreement.amendments.select_related("requested_by", "decided_by"))
    for amendment in rows:
        lines = _amendment_lines(amendment, viewer.budget) if amendment.proposed_amounts else []
        amendment.lines = lines  # type: ignore[attr-defined]  # shown by the template
        if AMENDMENT.permits("approve", amendment, viewer.user):
            form = _refused_for(decision, amendment.pk) or DecisionCommentForm(prefix=f"a{amendment.pk}")
            amendment.decision_form = form  # type: ignore[attr-defined]  # shown by the template
    return {"amendments": rows}


def visits(viewer: Viewer, *, visit=None, actions=None) -> dict:
    offer = viewer.officer and viewer.running
    return {
        "visits": list(viewer.agreement.visits.select_related("mentor").prefetch_related("actions")),
        "visit_form": (visit or VisitForm(initial={"mentor": viewer.user.pk}, mentors=selectors.mentors()))
        if offer
        else None,
        "action_formset": (actions or ActionFormSet(prefix="actions")) if offer else None,
        "action_statuses": ActionStatus.choices,
    }


def closeout(viewer: Viewer) -> dict:
    offer = "close" in viewer.actions
    return {"closing_problems": closing_problems(viewer.agreement) if offer else []}


@dataclass(frozen=True)
class Panel:
    key: str
    build: Callable[..., dict]

    @property
    def template(self) -> str:
        return f"grants/partials/agreement_{self.key}.html"


PANELS = {
    panel.key: panel
    for panel in (
        Panel("tranches", tranches),
        Panel("budget", budget),
        Panel("reports", reports),
        Panel("amendments", amendments),
        Panel("visits", visits),
        Panel("closeout", closeout),
        Panel("preparation", preparation),
    )
}


def page_context(viewer: Viewer, refused: tuple[str, dict] | None = None) -> dict:
    """The whole page; `refused` is (panel key, its bound forms) to show them with their errors."""
    key, bound = refused or (None, {})
    context = {**viewer.context(), "paid": paid_total(viewer.agreement)}
    for panel in PANELS.values():
        context.update(panel.build(viewer, **(bound if panel.key == key else {})))
    return context


def panel_context(viewer: Viewer, key: str, bound: dict) -> dict:
    """One panel alone (an htmx fragment), with its bound forms if any."""
    return {**viewer.context(), **PANELS[key].build(viewer, **bound), "fragment": True}
