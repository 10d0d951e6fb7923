"""Decisions on applications: eligibility screening, the invitation of a shortlisted concept note
to a full proposal, the consensus score and the award, reserve or rejection."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions, tasks
from grants.models import Application, ApplicationStatus, Decision, Eligibility, GrantCall
from grants.rules.applications import automatic_checks, budget_totals
from grants.rules.ledger import check_cap
from grants.rules.ranking import Row, ranking
from grants.services.common import notify_cso_admins
from grants.workflows import APPLICATION


@transaction.atomic
def application_screen(*, actor: User, application: Application, decision: str, reason: str) -> Application:
    """Records the eligibility decision (audited). A CSO found not eligible is told why; declaring
    eligible an application that fails an automatic check needs a justification too."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call", "organization").get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only submitted applications are screened."))
    if application.decision:
        raise ValidationError(_("A decision has been made on this application: its eligibility can no longer change."))
    if decision not in (Eligibility.ELIGIBLE, Eligibility.INELIGIBLE):
        raise ValidationError(_("Choose a decision."))
    reason = reason.strip()
    failing = [c for c, passed in automatic_checks(application) if passed is False]
    if decision == Eligibility.INELIGIBLE and not reason:
        raise ValidationError({"reason": _("Say why the application is not eligible; the organisation will see it.")})
    if decision == Eligibility.ELIGIBLE and failing and not reason:
        raise ValidationError({"reason": _("An automatic check failed: justify declaring the application eligible.")})
    with actor_context(actor, action="application_screen"):
        application.eligibility = decision
        application.eligibility_reason = reason
        application.screened_by = actor
        application.screened_at = timezone.now()
        application.save(
            update_fields=["eligibility", "eligibility_reason", "screened_by", "screened_at", "updated_at"]
        )
    if decision == Eligibility.INELIGIBLE:
        notify_cso_admins(
            application.organization,
            kind="application_ineligible",
            context={"application": application, "reason": reason},
            url=reverse("grants:application", args=[application.pk]),
        )
    return application


@transaction.atomic
def application_invite(*, actor: User, application: Application) -> Application:
    """Two-stage calls: shortlists a concept note and invites the CSO to submit a full proposal by
    the call's second deadline (the application opens again as a draft, at stage 2)."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    call = application.call
    APPLICATION.check("invite", application, actor)
    if not call.two_stages or application.stage != 1:
        raise ValidationError(_("Only submitted concept notes of two-stage calls are invited."))
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only applications found eligible are reviewed."))
    with actor_context(actor, action="application_invite"):
        APPLICATION.apply("invite", application, actor)
        application.stage, application.invited_at = 2, timezone.now()
        application.save(update_fields=["stage", "status", "invited_at", "updated_at"])
    notify_cso_admins(
        application.organization,
        kind="application_invited",
        context={"application": application, "call": call},
        url=reverse("grants:application", args=[application.pk]),
    )
    return application


@transaction.atomic
def consensus_record(*, actor: User, application: Application, score: Decimal, comment: str) -> Application:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only eligible applications are scored."))
    if score is not None and not Decimal("0") <= score <= Decimal("100"):
        raise ValidationError(_("The consensus score goes from 0 to 100."))
    with actor_context(actor, action="consensus_record"):
        application.consensus_score, application.consensus_comment = score, comment.strip()
        application.save(update_fields=["consensus_score", "consensus_comment", "updated_at"])
    return application


@transaction.atomic
def decision_record(*, actor: User, application: Application, decision: str, justification: str) -> Application:
    """Awards, reserves or rejects. The call row is locked, so two officers deciding at once are
    serialised; awards never exceed the envelope; a decision against the ranking needs a reason."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    call = GrantCall.objects.select_for_update().get(pk=application.call_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _refuse_undecidable(application, call, decision)
    row = next((r for r in ranking(call) if r.application.pk == application.pk), None)
    justification = justification.strip()
    if not _follows_ranking(row, decision) and not justification:
        raise ValidationError({"justification": _("This decision departs from the ranking: give the justification.")})
    if decision == Decision.AWARD:
        _check_award_fits(call, application)
    with actor_context(actor, action="decision_record"):
        application.decision, application.decision_justification = decision, justification
        application.decided_by, application.decided_at = actor, timezone.now()
        application.save(update_fields=["decision", "decision_justification", "decided_by", "decided_at", "updated_at"])
    if decision in (Decision.AWARD, Decision.REJECT):
        transaction.on_commit(lambda: tasks.make_decision_letter.delay(application.pk))
        notify_cso_admins(
            application.organization,
            kind="application_decided",
            context={
                "application": application,
                "call": call,
                "score": row.score if row else None,
                "awarded": decision == Decision.AWARD,
            },
            url=reverse("grants:application", args=[application.pk]),
        )
    return application


def _refuse_undecidable(application: Application, call: GrantCall, decision: str) -> None:
    if decision not in Decision.values:
        raise ValidationError(_("Choose a decision."))
    if application.eligibility != Eligibility.ELIGIBLE or application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only eligible applications are decided."))
    if application.decision:
        raise ValidationError(_("This application has already been decided."))
    if call.two_stages and application.stage == 1:
        raise ValidationError(_("Concept notes are shortlisted and invited; full proposals are decided."))


def _follows_ranking(row: Row | None, decision: str) -> bool:
    return row is not None and (
        (decision == Decision.AWARD and row.passes and row.within_envelope)
        or (decision == Decision.RESERVE and row.passes and not row.within_envelope)
        or (decision == Decision.REJECT and not row.passes)
    )


def _check_award_fits(call: GrantCall, application: Application) -> None:
    """The award fits the call's envelope and the organisation's cap on support."""
    awarded = sum(
        (budget_totals(a)["requested"] for a in call.applications.filter(decision=Decision.AWARD)), Decimal("0")
    )
    if awarded + budget_totals(application)["requested"] > call.envelope:
        raise ValidationError(_("Awarding this application would exceed the call's envelope."))
    check_cap(
        organization=application.organization,
        amount=budget_totals(application)["requested"],
        currency=call.currency,
        day=timezone.localdate(),
        exclude_application=application,
    )
