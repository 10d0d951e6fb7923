"""Every write to grant calls and their parts."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import actor_context
from grants import ledger, permissions, reporting
from grants.models import (
    ActionStatus,
    AgreementStatus,
    Application,
    ApplicationAnswer,
    ApplicationAttachment,
    ApplicationStatus,
    ApplicationVersion,
    AssignmentStatus,
    BudgetLine,
    CallQuestion,
    CallStatus,
    Clarification,
    ConditionKind,
    Decision,
    Eligibility,
    FollowUpAction,
    GrantAgreement,
    GrantCall,
    MentoringVisit,
    Payment,
    RequiredAttachment,
    ReviewAssignment,
    ReviewScore,
    Tranche,
    TrancheCondition,
    TrancheStatus,
    VisitKind,
)
from notifications.services import notify

CALL_FIELDS = [
    "code",
    "title_en",
    "title_ar",
    "title_ckb",
    "description_en",
    "description_ar",
    "description_ckb",
    "themes",
    "eligible_governorates",
    "opens_at",
    "closes_at",
    "full_proposal_deadline",
    "currency",
    "envelope",
    "min_grant",
    "max_grant",
    "max_duration_months",
    "cofinancing_percent",
    "two_stages",
    "reviewers_per_application",
    "anonymous_review",
    "overall_threshold",
]


@transaction.atomic
def call_save(*, actor, call: GrantCall | None, data: dict, formsets=()) -> GrantCall:
    """Creates or changes a call with its criteria and attachments. A published call keeps its
    rules: only its texts and closing date may still change, so applicants are treated alike."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    call = call or GrantCall(created_by=actor)
    # The form has already copied the new values onto `call`: compare with what is stored.
    stored = GrantCall.objects.select_for_update().get(pk=call.pk) if call.pk else None
    if stored is not None and stored.status != CallStatus.DRAFT:
        locked = set(CALL_FIELDS) - {
            "title_en",
            "title_ar",
            "title_ckb",
            "description_en",
            "description_ar",
            "description_ckb",
            "closes_at",
        }
        changed = [f for f in locked if f in data and getattr(stored, f) != data[f]]
        if changed or any(fs.has_changed() for fs in formsets):
            raise ValidationError(_("A published call's rules cannot change; only its texts and closing date can."))
    for field in CALL_FIELDS:
        if field in data:
            setattr(call, field, data[field])
    call.title, call.description = call.title_en, call.description_en
    call.full_clean(exclude=["eligible_centres", "created_by"])
    with actor_context(actor, action="call_save"):
        call.save()
        if "eligible_centres" in data:
            call.eligible_centres.set(data["eligible_centres"])
        for formset in formsets:
            formset.instance = call
            for form in formset.forms:
                if form.has_changed() and not form.cleaned_data.get("DELETE"):
                    for name in ("title", "text", "name", "guidance", "help", "label", "options"):
                        if f"{name}_en" in form.cleaned_data:
                            setattr(form.instance, name, form.cleaned_data[f"{name}_en"])
            formset.save()
    return call


def publication_problems(call: GrantCall) -> list[str]:
    problems = []
    criteria = list(call.evaluation_criteria.all())
    if not criteria:
        problems.append(_("Add the evaluation grid."))
    elif sum(c.weight for c in criteria) != Decimal("100"):
        problems.append(_("The weights of the evaluation grid must add up to 100."))
    if call.closes_at <= timezone.now():
        problems.append(_("The closing date has passed."))
    for field in ("title_ar", "title_ckb", "description_ar", "description_ckb"):
        if not getattr(call, field):
            problems.append(_("Give the title and description in Arabic and Kurdish too."))
            break
    return problems


@transaction.atomic
def call_publish(*, actor, call: GrantCall) -> GrantCall:
    """Publishes a complete call; from then on its rules are frozen."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    call = GrantCall.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("This call is already published."))
    problems = publication_problems(call)
    if problems:
        raise ValidationError(problems)
    with actor_context(actor, action="call_publish"):
        call.status = CallStatus.PUBLISHED
        call.save(update_fields=["status"])
    return call


@transaction.atomic
def clarification_add(*, actor, call: GrantCall, data: dict) -> Clarification:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    clarification = Clarification(call=call, **data)
    clarification.question, clarification.answer = clarification.question_en, clarification.answer_en
    clarification.full_clean()
    with actor_context(actor, action="clarification_add"):
        clarification.save()
    return clarification


@transaction.atomic
def clarification_delete(*, actor, clarification: Clarification) -> None:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    with actor_context(actor, action="clarification_delete"):
        clarification.delete()


# --- Applications ---------------------------------------------------------------------------------

SECTION_FIELDS = {
    "project": ["title", "summary", "objectives"],
    "activities": ["activities", "duration_months", "locations"],
    "beneficiaries": [
        "beneficiaries_women_youth",
        "beneficiaries_women_adult",
        "beneficiaries_men_youth",
        "beneficiaries_men_adult",
        "beneficiaries_children",
    ],
    "budget": ["cofinancing"],
}


def _assign(instance, values: dict) -> bool:
    """Sets the values on a row; True when it is new or any value differs (so that only rows that
    change are written, and the history shows real changes only)."""
    changed = instance.pk is None
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def _open_or_refuse(call: GrantCall, stage: int = 1) -> None:
    if not call.is_open_for(stage):
        deadline = call.deadline_for(stage)
        raise ValidationError(
            _("The call closed on %(deadline)s (Iraq time): applications can no longer be changed or submitted.")
            % {"deadline": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")}
            if timezone.now() >= deadline
            else _("This call is not open for applications.")
        )


@transaction.atomic
def application_start_for_cso(*, actor, call: GrantCall, organization, consent_note: str) -> Application:
    """Centre staff start an application for a CSO of their centre that asked for help; the CSO's
    consent is recorded with the application, which is marked as prepared by staff."""
    if not permissions.can_help_apply(actor, organization):
        raise PermissionDenied
    _open_or_refuse(call)
    if organization.verification_status != "verified":
        raise ValidationError(_("Only verified organisations can apply. Ask your centre to verify your profile."))
    if not consent_note.strip():
        raise ValidationError({"consent_note": _("Record how the organisation asked for help and agreed.")})
    if (
        Application.objects.filter(call=call, organization=organization)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists()
    ):
        raise ValidationError(_("Your organisation already has an application for this call."))
    with actor_context(actor, action="application_start_for_cso"):
        return Application.objects.create(
            call=call,
            organization=organization,
            created_by=actor,
            prepared_by_staff=True,
            staff_helper=actor,
            staff_consent_note=consent_note.strip(),
        )


@transaction.atomic
def application_start(*, actor, call: GrantCall, organization) -> Application:
    """Starts (or returns) the CSO's draft for an open call. Only verified CSOs apply."""
    if not permissions.can_prepare_application(actor, organization):
        raise PermissionDenied
    _open_or_refuse(call)
    if organization.verification_status != "verified":
        raise ValidationError(_("Only verified organisations can apply. Ask your centre to verify your profile."))
    existing = (
        Application.objects.filter(call=call, organization=organization)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )
    if existing:
        return existing
    with actor_context(actor, action="application_start"):
        return Application.objects.create(call=call, organization=organization, created_by=actor)


def _lock_draft(actor, application: Application) -> Application:
    if not permissions.can_prepare_application(actor, application.organization, application):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("This application has been submitted and can no longer be changed."))
    _open_or_refuse(application.call, application.stage)
    return application


@transaction.atomic
def application_save_section(*, actor, application: Application, section: str, data: dict) -> Application:
    """Saves one section of a draft (what was typed is kept even if other sections are incomplete)."""
    application = _lock_draft(actor, application)
    for field in SECTION_FIELDS[section]:
        if field in data:
            setattr(application, field, data[field])
    application.full_clean(exclude=["reference"])
    with actor_context(actor, action="application_save"):
        application.save()
    return application


@transaction.atomic
def budget_line_add(*, actor, application: Application, data: dict) -> BudgetLine:
    application = _lock_draft(actor, application)
    line = BudgetLine(application=application, **data)
    line.full_clean()
    with actor_context(actor, action="budget_line_add"):
        line.save()
        Application.objects.filter(pk=application.pk).update(updated_at=timezone.now())
    return line


@transaction.atomic
def budget_line_remove(*, actor, line: BudgetLine) -> None:
    _lock_draft(actor, line.application)
    with actor_context(actor, action="budget_line_remove"):
        line.delete()


def budget_totals(application: Application) -> dict:
    lines = list(application.budget_lines.all())
    total = sum((line.total for line in lines), Decimal("0"))
    requested = total - application.cofinancing
    share = (application.cofinancing / total * 100).quantize(Decimal("0.01")) if total else Decimal("0")
    return {"lines": lines, "total": total, "requested": requested, "cofinancing_share": share}


def application_problems(application: Application) -> list[tuple[str, str]]:
    """What stops submission, as (section, message): the progress view and submission use this."""
    call = application.call
    problems = []
    concept_note = call.two_stages and application.stage == 1
    for section, field, message in (
        ("project", "title", _("Give the project a title.")),
        ("project", "summary", _("Write the project summary.")),
        ("project", "objectives", _("Write the objectives.")),
        ("activities", "activities", _("List the activities with their timeline.")),
        ("activities", "duration_months", _("Give the duration.")),
        ("activities", "locations", _("Choose where the project takes place.")),
    ):
        if not getattr(application, field) and not (concept_note and section != "project"):
            problems.append((section, message))
    if concept_note:
        return problems
    if application.duration_months and application.duration_months > call.max_duration_months:
        problems.append(
            (
                "activities",
                _("The project is longer than the call allows (%(months)d months).")
                % {"months": call.max_duration_months},
            )
        )
    problems.extend(answer_problems(application))
    uploaded = set(application.attachments.values_list("required_id", flat=True))
    for required in call.attachments.filter(is_required=True):
        if required.pk not in uploaded:
            problems.append(("attachments", _("Attach: %(document)s.") % {"document": required.name}))
    people = sum(getattr(application, f) for f in SECTION_FIELDS["beneficiaries"])
    if not people:
        problems.append(("beneficiaries", _("Say how many women, men and children the project reaches.")))
    totals = budget_totals(application)
    if not totals["lines"]:
        problems.append(("budget", _("Add the budget lines.")))
    else:
        if totals["requested"] < call.min_grant or totals["requested"] > call.max_grant:
            problems.append(
                (
                    "budget",
                    _(
                        "The amount requested (%(requested)s %(currency)s) must be between %(low)s and %(high)s %(currency)s."
                    )
                    % {
                        "requested": f"{totals['requested']:,.0f}",
                        "low": f"{call.min_grant:,.0f}",
                        "high": f"{call.max_grant:,.0f}",
                        "currency": call.currency,
                    },
                )
            )
        if totals["cofinancing_share"] < call.cofinancing_percent:
            problems.append(
                (
                    "budget",
                    _("The organisation's co-financing must be at least %(percent)s%% of the total budget.")
                    % {"percent": f"{call.cofinancing_percent:.0f}"},
                )
            )
    return problems


def _snapshot(application: Application) -> dict:
    totals = budget_totals(application)
    fields = [f for fields in SECTION_FIELDS.values() for f in fields]
    content = {
        f: (str(getattr(application, f)) if isinstance(getattr(application, f), Decimal) else getattr(application, f))
        for f in fields
    }
    content["budget"] = [
        {
            "category": line.category,
            "description": line.description,
            "unit": line.unit,
            "quantity": str(line.quantity),
            "unit_cost": str(line.unit_cost),
        }
        for line in totals["lines"]
    ]
    content["total"], content["requested"] = str(totals["total"]), str(totals["requested"])
    content["answers"] = {str(a.question_id): a.value for a in application.answers.all()}
    return content


@transaction.atomic
def application_submit(*, actor, application: Application, declaration: bool) -> Application:
    """Submits a complete application before the deadline (server time): freezes a version, gives
    a reference number and e-mails a receipt. The CSO's administrator makes the declaration."""
    if not permissions.can_submit_application(actor, application.organization, application):
        raise PermissionDenied
    application = _lock_draft(actor, application)
    if not declaration:
        raise ValidationError({"declaration": _("The declaration must be accepted to submit.")})
    problems = application_problems(application)
    if problems:
        raise ValidationError([message for _section, message in problems])
    call = GrantCall.objects.select_for_update().get(pk=application.call_id)
    with actor_context(actor, action="application_submit"):
        if not application.reference:
            number = call.applications.exclude(reference__isnull=True).count() + 1
            application.reference = f"{call.code}-{number:04d}"
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_by = actor
        application.submitted_at = timezone.now()
        application.receipt = ""
        application.save(update_fields=["reference", "status", "submitted_by", "submitted_at", "receipt", "updated_at"])
        ApplicationVersion.objects.create(
            application=application, number=application.versions.count() + 1, content=_snapshot(application)
        )
    from grants.tasks import send_application_receipt

    transaction.on_commit(lambda: send_application_receipt.delay(application.pk))
    notify(
        recipient=actor,
        kind="application_submitted",
        context={"application": application, "call": call},
        url=reverse("grants:application", args=[application.pk]),
    )
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    if not permissions.can_submit_application(actor, application.organization, application):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError(_("This application is already withdrawn."))
    _open_or_refuse(application.call)
    with actor_context(actor, action="application_withdraw"):
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
    return application


# --- Eligibility screening ------------------------------------------------------------------------


def automatic_checks(application: Application) -> list[tuple]:
    """(criterion, True/False, or None when the officer must judge) from the CSO's profile."""
    organization = application.organization
    call = application.call
    results = []
    for criterion in call.eligibility_criteria.all():
        check = criterion.auto_check
        if check == "verified":
            passed = organization.verification_status == "verified"
        elif check == "registered":
            passed = organization.registration_status == "registered"
        elif check == "founded_before":
            passed = organization.founded_year is not None and organization.founded_year <= criterion.year
        elif check == "governorate":
            passed = not call.eligible_governorates or organization.governorate in call.eligible_governorates
        else:
            passed = None
        results.append((criterion, passed))
    return results


@transaction.atomic
def application_screen(*, actor, application: Application, decision: str, reason: str) -> Application:
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
        for membership in application.organization.memberships.filter(role="admin").select_related("user"):
            notify(
                recipient=membership.user,
                kind="application_ineligible",
                context={"application": application, "reason": reason},
                url=reverse("grants:application", args=[application.pk]),
            )
    return application


# --- Reviews --------------------------------------------------------------------------------------


def weighted_total(scores, criteria) -> Decimal | None:
    """Out of 100. A criterion marked not applicable is left out (never counted as zero): the other
    weights are scaled up to fill its place."""
    by_criterion = {s.criterion_id: s for s in scores}
    earned = weight = Decimal("0")
    for criterion in criteria:
        score = by_criterion.get(criterion.pk)
        if score is None or score.not_applicable or score.score is None:
            continue
        earned += score.score / criterion.max_score * criterion.weight
        weight += criterion.weight
    if not weight:
        return None
    return (earned / weight * 100).quantize(Decimal("0.01"))


@transaction.atomic
def reviewers_assign(*, actor, application: Application, reviewers) -> list[ReviewAssignment]:
    """Assigns reviewers to an eligible application (no more than the call asks for)."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only applications found eligible are reviewed."))
    active = application.assignments.exclude(status=AssignmentStatus.CONFLICT)
    if active.count() + len(reviewers) > application.call.reviewers_per_application:
        raise ValidationError(
            _("This call asks for %(count)d reviewers per application.")
            % {"count": application.call.reviewers_per_application}
        )
    created = []
    with actor_context(actor, action="reviewers_assign"):
        for reviewer in reviewers:
            if not reviewer.has_role("reviewer"):
                raise ValidationError(_("%(name)s is not a reviewer.") % {"name": reviewer})
            if application.assignments.filter(reviewer=reviewer).exists():
                continue
            created.append(
                ReviewAssignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
            )
    for assignment in created:
        notify(
            recipient=assignment.reviewer,
            kind="review_assigned",
            context={"call": application.call},
            url=reverse("grants:review", args=[assignment.pk]),
        )
    return created


@transaction.atomic
def review_declare(*, actor, assignment: ReviewAssignment, conflict: bool, note: str = "") -> ReviewAssignment:
    """The reviewer's declaration. A conflict of interest ends the assignment and its access."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied
    if assignment.status != AssignmentStatus.AWAITING_DECLARATION:
        raise ValidationError(_("The declaration has already been made."))
    with actor_context(actor, action="review_declare"):
        assignment.status = AssignmentStatus.CONFLICT if conflict else AssignmentStatus.DECLARED
        assignment.conflict_note = note.strip()
        assignment.declared_at = timezone.now()
        assignment.save(update_fields=["status", "conflict_note", "declared_at"])
    return assignment


@transaction.atomic
def review_save(
    *, actor, assignment: ReviewAssignment, scores: dict, recommendation: str, comment: str, submit: bool
) -> ReviewAssignment:
    """Saves the scores ({criterion id: (score or None, not applicable, comment)}) in place: each
    criterion keeps its one score row, changed only when its values change, so the history shows
    every change. A submitted review is locked. Scores above a criterion's maximum are refused."""
    assignment = ReviewAssignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    if assignment.reviewer_id != actor.pk or assignment.status == AssignmentStatus.CONFLICT:
        raise PermissionDenied
    if assignment.status == AssignmentStatus.AWAITING_DECLARATION:
        raise ValidationError(_("Make the declaration first."))
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ValidationError(_("This review is submitted and can no longer be changed."))
    criteria = list(assignment.application.call.evaluation_criteria.all())
    stored = {row.criterion_id: row for row in assignment.scores.all()}
    rows, changed = [], []
    for criterion in criteria:
        score, not_applicable, note = scores.get(criterion.pk, (None, False, ""))
        if score is not None and not Decimal("0") <= score <= criterion.max_score:
            raise ValidationError(
                _("“%(criterion)s” is scored from 0 to %(max)d.")
                % {"criterion": criterion.title, "max": criterion.max_score}
            )
        if submit and score is None and not not_applicable:
            raise ValidationError(_("Score every criterion, or mark it not applicable, before submitting."))
        values = {"score": None if not_applicable else score, "not_applicable": not_applicable, "comment": note}
        row = stored.get(criterion.pk) or ReviewScore(assignment=assignment, criterion=criterion)
        if _assign(row, values):
            changed.append(row)
        rows.append(row)
    if submit and not recommendation:
        raise ValidationError(_("Give your recommendation before submitting."))
    with actor_context(actor, action="review_save"):
        for row in changed:
            row.save()
        assignment.recommendation, assignment.comment = recommendation, comment
        assignment.weighted_total = weighted_total(rows, criteria)
        fields = ["recommendation", "comment", "weighted_total"]
        if submit:
            assignment.status = AssignmentStatus.SUBMITTED
            assignment.submitted_at = timezone.now()
            fields += ["status", "submitted_at"]
        assignment.save(update_fields=fields)
    return assignment


# --- Consensus and decisions ----------------------------------------------------------------------


@transaction.atomic
def consensus_record(*, actor, application: Application, score, comment: str) -> Application:
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
def decision_record(*, actor, application: Application, decision: str, justification: str) -> Application:
    """Awards, reserves or rejects. The call row is locked, so two officers deciding at once are
    serialised; awards never exceed the envelope; a decision against the ranking needs a reason."""
    from grants.ranking import ranking

    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    call = GrantCall.objects.select_for_update().get(pk=application.call_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if decision not in Decision.values:
        raise ValidationError(_("Choose a decision."))
    if application.eligibility != Eligibility.ELIGIBLE or application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only eligible applications are decided."))
    if application.decision:
        raise ValidationError(_("This application has already been decided."))
    if call.two_stages and application.stage == 1:
        raise ValidationError(_("Concept notes are shortlisted and invited; full proposals are decided."))
    row = next((r for r in ranking(call) if r.application.pk == application.pk), None)
    follows = row is not None and (
        (decision == Decision.AWARD and row.passes and row.within_envelope)
        or (decision == Decision.RESERVE and row.passes and not row.within_envelope)
        or (decision == Decision.REJECT and not row.passes)
    )
    justification = justification.strip()
    if not follows and not justification:
        raise ValidationError({"justification": _("This decision departs from the ranking: give the justification.")})
    if decision == Decision.AWARD:
        awarded = sum(
            (budget_totals(a)["requested"] for a in call.applications.filter(decision=Decision.AWARD)), Decimal("0")
        )
        if awarded + budget_totals(application)["requested"] > call.envelope:
            raise ValidationError(_("Awarding this application would exceed the call's envelope."))
        ledger.check_cap(
            organization=application.organization,
            amount=budget_totals(application)["requested"],
            currency=call.currency,
            day=timezone.localdate(),
            exclude_application=application,
        )
    with actor_context(actor, action="decision_record"):
        application.decision, application.decision_justification = decision, justification
        application.decided_by, application.decided_at = actor, timezone.now()
        application.save(update_fields=["decision", "decision_justification", "decided_by", "decided_at", "updated_at"])
    if decision in (Decision.AWARD, Decision.REJECT):
        from grants.tasks import make_decision_letter

        transaction.on_commit(lambda: make_decision_letter.delay(application.pk))
        for membership in application.organization.memberships.filter(role="admin").select_related("user"):
            notify(
                recipient=membership.user,
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


@transaction.atomic
def attachment_upload(
    *, actor, application: Application, required: RequiredAttachment, upload
) -> ApplicationAttachment:
    """Adds the document for one of the call's requirements, on a draft; a second upload replaces
    the file of the same record."""
    application = _lock_draft(actor, application)
    if required.call_id != application.call_id:
        raise PermissionDenied
    attachment = ApplicationAttachment.objects.filter(
        application=application, required=required
    ).first() or ApplicationAttachment(application=application, required=required)
    attachment.file, attachment.original_filename, attachment.uploaded_by = upload, upload.name[:255], actor
    attachment.uploaded_at = timezone.now()
    attachment.full_clean(exclude=["application", "required"])
    with actor_context(actor, action="attachment_upload"):
        attachment.save()
    return attachment


# --- The call's own questions ---------------------------------------------------------------------


def question_is_shown(question: CallQuestion, answers: dict) -> bool:
    """A conditional question counts only when the other question has the given answer (compared
    with the English option text, or the typed value), whatever language the form was filled in."""
    if question.show_if_question_id is None:
        return True
    other = question.show_if_question
    answer = answers.get(other.pk)
    value = answer.value if answer else None
    if value in (None, "", []):
        return False
    wanted = question.show_if_value.strip().lower()
    if other.kind in ("single", "multiple"):
        english = [line.strip().lower() for line in (other.options_en or "").splitlines() if line.strip()]
        chosen = value if isinstance(value, list) else [value]
        return any(
            str(index).isdigit() and int(index) < len(english) and english[int(index)] == wanted for index in chosen
        )
    return str(value).strip().lower() == wanted


def answer_problems(application: Application) -> list[tuple[str, str]]:
    answers = {a.question_id: a for a in application.answers.select_related("question")}
    problems = []
    for question in application.call.questions.select_related("show_if_question"):
        if not question.required or not question_is_shown(question, answers):
            continue
        answer = answers.get(question.pk)
        empty = answer is None or (answer.value in (None, "", []) and not answer.file)
        if empty:
            problems.append(("questions", _("Answer: %(question)s") % {"question": question.label}))
    return problems


@transaction.atomic
def answers_save(*, actor, application: Application, values: dict) -> None:
    """Saves the answers of a draft ({question id: value, or an uploaded file})."""
    application = _lock_draft(actor, application)
    questions = {q.pk: q for q in application.call.questions.all()}
    with actor_context(actor, action="answers_save"):
        for question_id, value in values.items():
            question = questions.get(question_id)
            if question is None:
                continue
            answer, _created = ApplicationAnswer.objects.get_or_create(application=application, question=question)
            if question.kind == "file":
                answer.file, answer.original_filename = value, value.name[:255]
                answer.value = value.name[:255]
            else:
                answer.value = value
            answer.save()


@transaction.atomic
def application_invite(*, actor, application: Application) -> Application:
    """Two-stage calls: shortlists a concept note and invites the CSO to submit a full proposal by
    the call's second deadline (the application opens again as a draft, at stage 2)."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    call = application.call
    if not call.two_stages or application.stage != 1 or application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only submitted concept notes of two-stage calls are invited."))
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only applications found eligible are reviewed."))
    with actor_context(actor, action="application_invite"):
        application.stage, application.status, application.invited_at = 2, ApplicationStatus.DRAFT, timezone.now()
        application.save(update_fields=["stage", "status", "invited_at", "updated_at"])
    for membership in application.organization.memberships.filter(role="admin").select_related("user"):
        notify(
            recipient=membership.user,
            kind="application_invited",
            context={"application": application, "call": call},
            url=reverse("grants:application", args=[application.pk]),
        )
    return application


# --- Agreements, tranches and payments ------------------------------------------------------------


@transaction.atomic
def agreement_create(*, actor, application: Application, data: dict) -> GrantAgreement:
    """Prepares the agreement of an awarded application (amount no more than requested)."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.decision != Decision.AWARD:
        raise ValidationError(_("Only awarded applications get an agreement."))
    if hasattr(application, "agreement"):
        raise ValidationError(_("This application already has an agreement."))
    requested = budget_totals(application)["requested"]
    if data["amount"] > requested:
        raise ValidationError(
            {
                "amount": _("The grant cannot be more than the amount requested (%(requested)s).")
                % {"requested": f"{requested:,.2f}"}
            }
        )
    agreement = GrantAgreement(application=application, currency=application.call.currency, created_by=actor, **data)
    agreement.full_clean(exclude=["application"])
    ledger.check_cap(
        organization=application.organization,
        amount=agreement.amount,
        currency=agreement.currency,
        day=timezone.localdate(),
        exclude_application=application,
    )
    with actor_context(actor, action="agreement_create"):
        agreement.save()
        reporting.budget_from_application(agreement)
    return agreement


@transaction.atomic
def tranches_set(*, actor, agreement: GrantAgreement, schedule: list[dict], removed=()) -> list[Tranche]:
    """Saves the tranche schedule in place: a row with the id of one of the agreement's tranches
    changes that tranche (its release conditions already met stay met), a row without an id adds
    one, and only the tranches whose ids are in `removed` go; the others stay as they are. The
    amounts must add up to the grant exactly; tranches are numbered by date. Once a tranche is
    requested or paid the schedule no longer changes, and such a tranche is never removed."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    existing = {t.pk: t for t in agreement.tranches.select_for_update().prefetch_related("conditions")}
    removed = set(removed)
    mentioned = {row["id"] for row in schedule if row.get("id")}
    if (mentioned | removed) - set(existing) or mentioned & removed:
        raise ValidationError(_("This is not a tranche of this agreement: reload the page and try again."))
    for tranche in sorted(existing.values(), key=lambda t: t.number):
        if tranche.pk in removed and (tranche.status != TrancheStatus.PLANNED or tranche.payments.exists()):
            raise ValidationError(
                _("Tranche #%(number)d has a payment request, a payment or a cancellation: it cannot be removed.")
                % {"number": tranche.number}
            )
    if any(t.status != TrancheStatus.PLANNED for t in existing.values()):
        raise ValidationError(_("Tranches already requested or paid: the schedule can no longer change."))
    rows = [
        {**row, "tranche": existing.get(row.get("id")), "conditions": row.get("conditions", [])}
        for row in _amounts_from_percentages(agreement, schedule)
    ]
    rows += [
        {"tranche": t, "amount": t.amount, "planned_date": t.planned_date, "conditions": None}
        for pk, t in existing.items()
        if pk not in mentioned and pk not in removed
    ]
    total = sum((row["amount"] for row in rows), Decimal("0"))
    if total != agreement.amount:
        raise ValidationError(
            _("The tranches add up to %(total)s but the grant is %(amount)s %(currency)s.")
            % {"total": f"{total:,.3f}", "amount": f"{agreement.amount:,.3f}", "currency": agreement.currency}
        )
    rows.sort(key=lambda row: (row["planned_date"], row["tranche"].number if row["tranche"] else 1000))
    tranches = []
    with actor_context(actor, action="tranches_set"):
        # Renumbering in place swaps numbers between rows: checked once, at the end of the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS tranche_number_unique DEFERRED")
        for pk in removed:
            existing[pk].delete()
        for number, row in enumerate(rows, 1):
            tranche = row["tranche"] or Tranche(agreement=agreement)
            if _assign(tranche, {"number": number, "amount": row["amount"], "planned_date": row["planned_date"]}):
                tranche.save()
            if row["conditions"] is not None:
                _conditions_set(tranche, row["conditions"], new=row["tranche"] is None)
            tranches.append(tranche)
    return tranches


def _conditions_set(tranche: Tranche, kinds, *, new: bool) -> None:
    """Keeps the tranche's conditions of these kinds as they are (met or not), adds the missing
    kinds and removes the conditions of kinds no longer asked for."""
    kinds = list(dict.fromkeys(kinds))
    current = [] if new else list(tranche.conditions.all())
    for condition in current:
        if condition.kind not in kinds:
            condition.delete()
    present = {condition.kind for condition in current}
    for kind in kinds:
        if kind not in present:
            TrancheCondition.objects.create(tranche=tranche, kind=kind)


def _amounts_from_percentages(agreement: GrantAgreement, schedule: list[dict]) -> list[dict]:
    """Rows given as a percentage of the grant get their amount; when the percentages cover the
    whole grant, the last of them takes the rounding difference, so the tranches add up exactly."""
    rows = [dict(row) for row in schedule]
    by_percent = [row for row in rows if row.get("amount") is None and row.get("percent") is not None]
    for row in by_percent:
        row["amount"] = (agreement.amount * row["percent"] / 100).quantize(Decimal("0.001"))
    if by_percent and len(by_percent) == len(rows) and sum(row["percent"] for row in rows) == 100:
        by_percent[-1]["amount"] += agreement.amount - sum(row["amount"] for row in rows)
    return rows


def _meet(conditions, actor) -> None:
    """Marks release conditions as met by the actor, now; conditions already met keep their date."""
    conditions.filter(met_at__isnull=True).update(met_at=timezone.now(), met_by=actor)


def meet_next_waiting(agreement: GrantAgreement, kind: str, actor) -> None:
    """Meets the conditions of this kind on the earliest tranche not yet requested that waits for
    one (a visit done, a report approved)."""
    waiting = TrancheCondition.objects.filter(
        tranche__agreement=agreement, tranche__status=TrancheStatus.PLANNED, kind=kind, met_at__isnull=True
    ).order_by("tranche__number")
    first = waiting.first()
    if first is not None:
        _meet(waiting.filter(tranche=first.tranche_id), actor)


@transaction.atomic
def agreement_sign(*, actor, agreement: GrantAgreement, signed_copy, cso_date, programme_date) -> GrantAgreement:
    """Records the signed agreement; it becomes active and the "agreement signed" conditions are met."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    total = sum((t.amount for t in agreement.tranches.all()), Decimal("0"))
    if total != agreement.amount:
        raise ValidationError(_("Set the tranche schedule first: it must add up to the grant."))
    agreement.signed_copy = signed_copy
    agreement.signed_by_cso_on, agreement.signed_by_programme_on = cso_date, programme_date
    agreement.status = AgreementStatus.ACTIVE
    agreement.full_clean(exclude=["application"])
    with actor_context(actor, action="agreement_sign"):
        agreement.save()
        _meet(TrancheCondition.objects.filter(tranche__agreement=agreement, kind=ConditionKind.SIGNED), actor)
    return agreement


@transaction.atomic
def condition_check(*, actor, condition: TrancheCondition) -> TrancheCondition:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    with actor_context(actor, action="condition_check"):
        _meet(TrancheCondition.objects.filter(pk=condition.pk), actor)
    condition.refresh_from_db()
    return condition


@transaction.atomic
def tranche_request(*, actor, tranche: Tranche) -> Tranche:
    """The grant officer asks finance to pay a tranche whose conditions are all met."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    tranche = Tranche.objects.select_for_update().select_related("agreement").get(pk=tranche.pk)
    if tranche.agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("The agreement is not signed yet."))
    if tranche.status != TrancheStatus.PLANNED:
        raise ValidationError(_("This tranche has already been requested."))
    if tranche.conditions.filter(met_at__isnull=True).exists():
        raise ValidationError(_("Not every release condition is met."))
    with actor_context(actor, action="tranche_request"):
        tranche.status, tranche.requested_by, tranche.requested_at = TrancheStatus.REQUESTED, actor, timezone.now()
        tranche.save(update_fields=["status", "requested_by", "requested_at"])
    return tranche


@transaction.atomic
def payment_record(*, actor, tranche: Tranche, data: dict) -> Payment:
    """A finance officer (never the one who requested it) pays a requested tranche. The agreement
    row is locked; the database refuses a second payment of the tranche and any total beyond the
    grant, so parallel or replayed requests cannot pay twice."""
    if not permissions.can_approve_payments(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=tranche.agreement_id)
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    if tranche.status != TrancheStatus.REQUESTED:
        raise ValidationError(_("This tranche is not waiting for payment (it may already be paid)."))
    if tranche.requested_by_id == actor.pk:
        raise ValidationError(_("The person who requested the payment cannot approve it."))
    if data["paid_currency"] != agreement.currency and not data.get("exchange_rate"):
        raise ValidationError({"exchange_rate": _("Give the exchange rate used for a payment in another currency.")})
    reversals = tranche.payments.filter(reverses__isnull=False).count()
    payment = Payment(
        tranche=tranche,
        amount=tranche.amount,
        paid_currency=data["paid_currency"],
        exchange_rate=data.get("exchange_rate") if data["paid_currency"] != agreement.currency else None,
        paid_on=data["paid_on"],
        reference=data["reference"],
        requested_by=tranche.requested_by,
        approved_by=actor,
        attempt=reversals + 1,
    )
    try:
        with transaction.atomic(), actor_context(actor, action="payment_record"):
            payment.save()
            tranche.status = TrancheStatus.PAID
            tranche.save(update_fields=["status"])
    except IntegrityError as error:
        raise ValidationError(
            _("This tranche has already been paid, or the payment would exceed the grant.")
        ) from error
    return payment


@transaction.atomic
def payment_reverse(*, actor, payment: Payment, note: str) -> Payment:
    """Corrects a payment by a reversing entry (never by editing it); the tranche waits again."""
    if not permissions.can_approve_payments(actor):
        raise PermissionDenied
    GrantAgreement.objects.select_for_update().get(pk=payment.tranche.agreement_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.reverses_id or Payment.objects.filter(reverses=payment).exists():
        raise ValidationError(_("This entry cannot be reversed."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the payment is reversed.")})
    with actor_context(actor, action="payment_reverse"):
        reversal = Payment.objects.create(
            tranche=payment.tranche,
            amount=-payment.amount,
            paid_currency=payment.paid_currency,
            exchange_rate=payment.exchange_rate,
            paid_on=timezone.localdate(),
            reference=payment.reference,
            requested_by=payment.requested_by,
            approved_by=actor if actor.pk != payment.requested_by_id else payment.approved_by,
            attempt=payment.attempt,
            reverses=payment,
            note=note.strip(),
        )
        Tranche.objects.filter(pk=payment.tranche_id).update(status=TrancheStatus.REQUESTED)
    return reversal


def paid_total(agreement: GrantAgreement) -> Decimal:
    from django.db.models import Sum

    return Payment.objects.filter(tranche__agreement=agreement).aggregate(total=Sum("amount"))["total"] or Decimal("0")


# --- Accompaniment -------------------------------------------------------------------------------


@transaction.atomic
def visit_record(*, actor, agreement: GrantAgreement, data: dict, actions: list[dict]) -> MentoringVisit:
    """Records a mentoring visit or coaching session with its agreed follow-up actions. A mentoring
    visit meets the "visit done" condition of the earliest tranche not yet requested that waits for one."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Visits are recorded once the agreement is signed."))
    visit = MentoringVisit(agreement=agreement, recorded_by=actor, **data)
    visit.full_clean(exclude=["agreement"])
    with actor_context(actor, action="visit_record"):
        visit.save()
        FollowUpAction.objects.bulk_create(FollowUpAction(visit=visit, **row) for row in actions)
        if visit.kind == VisitKind.VISIT:
            meet_next_waiting(agreement, ConditionKind.VISIT, actor)
    return visit


@transaction.atomic
def action_set_status(*, actor, action, status: str):
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise ValidationError(_("Choose a status from the list."))
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    with actor_context(actor, action="action_status"):
        action.status = status
        action.save(update_fields=["status"])
    return action
