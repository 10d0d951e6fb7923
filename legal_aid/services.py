"""Every write to legal cases: requests, triage, assignment, the workflow, notes, documents, tasks,
referrals, closing, rating and the retention of closed cases. Each locks the case row it changes and
leaves an audit entry with the actor."""

import datetime as dt
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from core.audit import actor_context
from legal_aid import permissions
from legal_aid.models import (
    OPEN_STATUSES,
    REQUEST_FIELDS,
    AccessAction,
    AssignmentRole,
    CaseAccess,
    CaseAssignment,
    CaseDocument,
    CaseNote,
    CaseTask,
    Category,
    Channel,
    ConsentBasis,
    LegalCase,
    Outcome,
    Referral,
    ReferralOutcome,
    Status,
    TaskKind,
    Visibility,
)
from legal_aid.workflows import CASE
from notifications.models import Notification
from notifications.services import notify, notify_once
from organizations.models import MembershipRole

logger = logging.getLogger(__name__)


def _url(case) -> str:
    return reverse("legal_aid:case", args=[case.pk])


def _locked(case) -> LegalCase:
    return LegalCase.objects.select_for_update().get(pk=case.pk)


def _coordinators():
    return User.objects.filter(groups__name=Role.LEGAL_COORDINATOR, is_active=True).distinct()


def _tell_cso(case, kind: str, context: dict | None = None) -> None:
    """The CSO's administrators and the person who asked, if still a member, each once."""
    members = case.organization.memberships.select_related("user")
    people = {m.user for m in members if m.role == MembershipRole.ADMIN or m.user_id == case.requested_by_id}
    for person in people:
        notify(recipient=person, kind=kind, context={"case": case, **(context or {})}, url=_url(case))


def _tell_lawyers(case, kind: str, context: dict | None = None, exclude=None) -> None:
    for assignment in case.assignments.filter(ended_at__isnull=True).select_related("lawyer"):
        if assignment.lawyer != exclude:
            notify(recipient=assignment.lawyer, kind=kind, context={"case": case, **(context or {})}, url=_url(case))


# --- Requests ------------------------------------------------------------------------------------


@transaction.atomic
def case_request(*, actor, organization, data: dict, documents=(), channel: str = Channel.ONLINE) -> LegalCase:
    """A CSO member asks for help for the CSO, or centre staff record a request made by phone or in
    person (the CSO's consents as it gave them)."""
    allowed = (
        permissions.can_request_for(actor, organization)
        if channel == Channel.ONLINE
        else permissions.can_record_request_for(actor, organization)
    )
    if not allowed:
        raise PermissionDenied
    if not data.get("consent_data_use"):
        raise ValidationError(
            {"consent_data_use": _("Legal help needs the CSO's consent to the use of this information.")}
        )
    case = LegalCase(
        reference=f"tmp-{uuid.uuid4().hex[:12]}",
        organization=organization,
        channel=channel,
        requested_by=actor if channel == Channel.ONLINE else None,
        recorded_by=actor if channel != Channel.ONLINE else None,
        **{name: data[name] for name in REQUEST_FIELDS if name in data},
    )
    case.full_clean(exclude=["organization", "preferred_centre"])
    with actor_context(actor, action="legal_request"):
        case.save()
        case.reference = f"LA-{timezone.localdate().year}-{case.pk:05d}"
        case.save(update_fields=["reference"])
        for upload in documents:
            _document(actor, case, upload, Visibility.SHARED)
    for coordinator in _coordinators():
        notify(recipient=coordinator, kind="legal_case_submitted", context={"case": case}, url=_url(case))
    return case


def _document(actor, case, upload, visibility) -> CaseDocument:
    document = CaseDocument(
        case=case, file=upload, original_filename=upload.name[:255], visibility=visibility, uploaded_by=actor
    )
    document.full_clean(exclude=["case", "uploaded_by"])
    document.save()
    return document


# --- Triage and assignment -----------------------------------------------------------------------


def conflicts(case) -> list[LegalCase]:
    """Cases where the programme acted against this CSO's counterpart: the counterpart is a CSO the
    programme helped, or this CSO was the other party in another case."""
    name = case.organization.name.strip()
    query = Q(counterpart__iexact=name)
    if case.organization.name_en:
        query |= Q(counterpart__iexact=case.organization.name_en.strip())
    if case.counterpart.strip():
        other = case.counterpart.strip()
        query |= Q(organization__name__iexact=other) | Q(organization__name_en__iexact=other)
    return list(LegalCase.objects.filter(query).exclude(pk=case.pk).select_related("organization"))


@transaction.atomic
def conflict_check(*, actor, case, note: str) -> LegalCase:
    if not permissions.can_check_conflicts(actor, case):
        raise PermissionDenied
    case = _locked(case)
    found = conflicts(case)
    summary = note.strip() or (_("No conflict found.") if not found else "")
    if found and not note.strip():
        raise ValidationError({"note": _("Possible conflicts were found: say how you weighed them.")})
    with actor_context(actor, action="legal_conflict_check"):
        case.conflict_checked_at, case.conflict_note = timezone.now(), str(summary)
        case.save(update_fields=["conflict_checked_at", "conflict_note", "updated_at"])
    return case


@transaction.atomic
def triage(*, actor, case, decision: str, reason: str = "") -> LegalCase:
    """The coordinator accepts the request (after the conflict check) or refuses it with a reason
    the CSO sees (the workflow's "accept" and "reject"). Referring out is a referral (see refer)."""
    if not permissions.can_triage_case(actor, case):
        raise PermissionDenied
    case = _locked(case)
    if decision == "accept":
        if case.conflict_checked_at is None:
            raise ValidationError(_("Run the conflict check before accepting the case."))
    elif decision == "reject":
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason the CSO will read.")})
        case.rejection_reason = reason.strip()
    else:
        raise ValidationError(_("Choose a decision."))
    CASE.apply(decision, case, actor)
    case.triaged_by = actor
    with actor_context(actor, action="legal_triage"):
        case.save()
    _tell_cso(case, "legal_case_triaged")
    return case


@transaction.atomic
def assign(*, actor, case, primary, additional=()) -> LegalCase:
    """Sets the primary lawyer and additional lawyers; assignments that end are kept with their dates.
    An accepted case becomes assigned; a case being worked on keeps its status."""
    if not permissions.can_assign_lawyers(actor, case):
        raise PermissionDenied
    case = _locked(case)
    lawyers = [primary, *(lawyer for lawyer in dict.fromkeys(additional) if lawyer != primary)]
    if not all(permissions.is_lawyer(lawyer) for lawyer in lawyers):
        raise ValidationError(_("Only lawyers can be assigned to a case."))
    if CASE.transition("assign", case.status) is None:
        raise ValidationError(_("Lawyers are assigned to accepted, open cases."))
    now = timezone.now()
    wanted = {
        primary.pk: AssignmentRole.PRIMARY,
        **{lawyer.pk: AssignmentRole.ADDITIONAL for lawyer in additional if lawyer != primary},
    }
    newcomers = []
    with actor_context(actor, action="legal_assign"):
        for assignment in case.assignments.filter(ended_at__isnull=True):
            if wanted.get(assignment.lawyer_id) != assignment.role:
                assignment.ended_at = now
                assignment.save(update_fields=["ended_at"])
        current = set(case.assignments.filter(ended_at__isnull=True).values_list("lawyer_id", flat=True))
        for lawyer in lawyers:
            if lawyer.pk not in current:
                CaseAssignment.objects.create(case=case, lawyer=lawyer, role=wanted[lawyer.pk], assigned_by=actor)
                newcomers.append(lawyer)
        case.primary_lawyer = primary
        CASE.apply("assign", case, actor)
        case.save()
    for lawyer in newcomers:
        notify(recipient=lawyer, kind="legal_case_assigned", context={"case": case}, url=_url(case))
    return case


# --- Case work -----------------------------------------------------------------------------------


@transaction.atomic
def set_status(*, actor, case, status: str) -> LegalCase:
    """Moves the case to `status` along the workflow: started, waiting, resumed, resolved, reopened
    (`workflows.CASE_WORK`)."""
    if not permissions.works_on(actor, case):
        raise PermissionDenied
    if status in (Status.CLOSED, Status.REJECTED, Status.REFERRED, Status.TRIAGED, Status.ASSIGNED):
        raise ValidationError(_("Use the triage, referral or closing forms for this step."))
    case = _locked(case)
    if case.anonymised_at:
        raise ValidationError(_("This case has been anonymised."))
    if case.status == Status.CLOSED and not permissions.can_reopen_closed_case(actor, case):
        raise ValidationError(_("Only the legal coordinator reopens a closed case."))
    if status == case.status:  # only a change of lawyers keeps the status, and it is not this form's
        raise ValidationError(CASE.refusal(case, status))
    transition = CASE.apply_move(case, status, actor)
    if transition.action == "reopen":
        case.closed_at = None
        case.outcome, case.outcome_summary = "", ""
    with actor_context(actor, action="legal_status"):
        case.save()
    if status == Status.RESOLVED:
        _tell_cso(case, "legal_case_resolved")
    return case


def _visibility(actor, case, wanted: str) -> str:
    """Lawyers choose internal or shared; what the CSO's members add is always shared."""
    if permissions.works_on(actor, case):
        return wanted
    if permissions.is_client(actor, case):
        return Visibility.SHARED
    raise PermissionDenied


@transaction.atomic
def note_add(*, actor, case, text: str, visibility: str) -> CaseNote:
    """Lawyers write internal or shared notes; the CSO's members write shared notes (replies)."""
    visibility = _visibility(actor, case, visibility)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    if case.anonymised_at:
        raise ValidationError(_("This case has been anonymised."))
    with actor_context(actor, action="legal_note"):
        note = CaseNote.objects.create(case=case, author=actor, visibility=visibility, text=text.strip())
    if visibility == Visibility.SHARED:
        if permissions.works_on(actor, case):
            _tell_cso(case, "legal_case_note", {"note": note})
        else:
            _tell_lawyers(case, "legal_case_note", {"note": note})
    return note


@transaction.atomic
def document_add(*, actor, case, upload, visibility: str) -> CaseDocument:
    visibility = _visibility(actor, case, visibility)
    if case.anonymised_at:
        raise ValidationError(_("This case has been anonymised."))
    with actor_context(actor, action="legal_document"):
        return _document(actor, case, upload, visibility)


@transaction.atomic
def filing_record(*, actor, case, authority: str, filed_on) -> LegalCase:
    """Records when a registration was filed and where; for the Kurdistan Region the day from which
    silence counts as approval follows from it."""
    if not permissions.works_on(actor, case):
        raise PermissionDenied
    if case.category != Category.REGISTRATION:
        raise ValidationError(_("Filings are recorded for registration cases."))
    if filed_on > timezone.localdate():
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    case = _locked(case)
    case.filing_authority, case.filed_on = authority, filed_on
    with actor_context(actor, action="legal_filing"):
        case.save(update_fields=["filing_authority", "filed_on", "updated_at"])
    if case.deemed_approval_on:
        CaseTask.objects.create(
            case=case,
            kind=TaskKind.FILING,
            title=str(_("Silence counts as approval from this day")),
            due_at=timezone.make_aware(dt.datetime.combine(case.deemed_approval_on, dt.time(9, 0))),
            assigned_to=case.primary_lawyer or actor,
            created_by=actor,
        )
    return case


@transaction.atomic
def task_add(*, actor, case, data: dict) -> CaseTask:
    if not permissions.works_on(actor, case):
        raise PermissionDenied
    if data["due_at"] < timezone.now():
        raise ValidationError({"due_at": _("The date is in the past: give a date to come.")})
    task = CaseTask(case=case, created_by=actor, **data)
    task.full_clean(exclude=["case"])
    with actor_context(actor, action="legal_task"):
        task.save()
    if task.assigned_to and task.assigned_to != actor:
        notify(
            recipient=task.assigned_to, kind="legal_task_assigned", context={"case": case, "task": task}, url=_url(case)
        )
    return task


@transaction.atomic
def task_done(*, actor, task) -> CaseTask:
    if not permissions.works_on(actor, task.case):
        raise PermissionDenied
    task = CaseTask.objects.select_for_update().get(pk=task.pk)
    with actor_context(actor, action="legal_task_done"):
        task.done_at = timezone.now() if task.done_at is None else None
        task.save(update_fields=["done_at"])
    return task


# --- Referral, closing, rating -------------------------------------------------------------------


@transaction.atomic
def refer(*, actor, case, organization_name: str, reason: str, override_reason: str = "") -> Referral:
    """Refers the CSO to an outside organisation: only with its consent, or by the coordinator's
    override with a reason, which stays in the audit trail."""
    if not permissions.works_on(actor, case):
        raise PermissionDenied
    case = _locked(case)
    if CASE.transition("refer", case.status) is None:
        raise ValidationError(
            _("A case that is “%(current)s” cannot be referred.") % {"current": case.get_status_display()}
        )
    if not organization_name.strip() or not reason.strip():
        raise ValidationError(_("Name the organisation and say why the CSO is referred."))
    override_reason = override_reason.strip()
    if not case.consent_referral:
        if not permissions.is_manager(actor):
            raise ValidationError(
                _("The CSO has not consented to a referral: only the legal coordinator can override, with a reason.")
            )
        if not override_reason:
            raise ValidationError(
                {"override_reason": _("The CSO has not consented to a referral: give the reason for the override.")}
            )
    basis = ConsentBasis.CONSENT if case.consent_referral else ConsentBasis.OVERRIDE
    with actor_context(actor, action="legal_referral" if basis == ConsentBasis.CONSENT else "legal_referral_override"):
        referral = Referral.objects.create(
            case=case,
            organization_name=organization_name.strip(),
            reason=reason.strip(),
            basis=basis,
            override_reason=override_reason if basis == ConsentBasis.OVERRIDE else "",
            referred_by=actor,
        )
        CASE.apply("refer", case, actor)
        case.save()
    _tell_cso(case, "legal_case_referred", {"referral": referral})
    return referral


@transaction.atomic
def referral_outcome(*, actor, referral, outcome: str, note: str) -> Referral:
    if not permissions.works_on(actor, referral.case):
        raise PermissionDenied
    if outcome not in ReferralOutcome.values or outcome == ReferralOutcome.PENDING:
        raise ValidationError({"outcome": _("Choose what came of the referral.")})
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    with actor_context(actor, action="legal_referral_outcome"):
        referral.outcome, referral.outcome_note = outcome, note.strip()
        referral.save(update_fields=["outcome", "outcome_note"])
    return referral


@transaction.atomic
def close(*, actor, case, outcome: str, summary: str) -> LegalCase:
    """Closing needs an outcome code and a summary the CSO reads. A case in progress or waiting is
    resolved and closed at once."""
    if not permissions.works_on(actor, case):
        raise PermissionDenied
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if not summary.strip():
        errors["summary"] = _("Summarise the outcome for the CSO.")
    if errors:
        raise ValidationError(errors)
    case = _locked(case)
    CASE.apply("close", case, actor)
    case.outcome, case.outcome_summary, case.closed_at = outcome, summary.strip(), timezone.now()
    with actor_context(actor, action="legal_close"):
        case.save()
    _tell_cso(case, "legal_case_closed")
    return case


@transaction.atomic
def rate(*, actor, case, rating: int, comment: str) -> LegalCase:
    if not permissions.is_client(actor, case):
        raise PermissionDenied
    case = _locked(case)
    if case.status not in permissions.RATED_STATUSES:
        raise ValidationError(_("The help can be rated once the case is resolved."))
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Choose from 1 to 5.")})
    with actor_context(actor, action="legal_rating"):
        case.rating, case.rating_comment = rating, comment.strip()
        case.save(update_fields=["rating", "rating_comment", "updated_at"])
    return case


def log_access(*, user, case, action: str = AccessAction.VIEW, document=None) -> None:
    CaseAccess.objects.create(case=case, user=user, action=action, document=document)


# --- Retention -----------------------------------------------------------------------------------


def anonymise_closed_cases(*, now=None) -> int:
    """Cases finished longer ago than the retention period (closed, not accepted, or referred out and
    left there) lose every personal and case detail, in their rows, their audit history and the
    notifications about them; what the aggregated figures need (category, centre, CSO, outcome code,
    dates) stays. Each case is anonymised in its own transaction with an audit entry; a case that
    fails is logged and the others go on."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=settings.TATWEER_LEGAL_RETENTION_DAYS)
    due = Q(status=Status.CLOSED, closed_at__lt=limit) | Q(
        status__in=[Status.REJECTED, Status.REFERRED], updated_at__lt=limit
    )
    done = 0
    for pk in LegalCase.objects.filter(due, anonymised_at__isnull=True).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                done += _anonymise(pk, due, now)
        except Exception:
            logger.exception("Legal case %s could not be anonymised", pk)
    return done


def _history(event_model: str) -> models.QuerySet:
    """The rows of one of this app's audit tables (pghistory makes their classes as models.py loads,
    out of sight of the type checker)."""
    return apps.get_model("legal_aid", event_model)._default_manager.all()


def _anonymise(pk, due, now) -> int:
    case = LegalCase.objects.select_for_update().filter(due, pk=pk, anonymised_at__isnull=True).first()
    if case is None:  # reopened or anonymised since the list was read
        return 0
    files = [document.file.name for document in case.documents.all()]
    _history("CaseNoteEvent").filter(pgh_obj__case=case).delete()
    _history("CaseTaskEvent").filter(pgh_obj__case=case).delete()
    _history("ReferralEvent").filter(pgh_obj__case=case).delete()
    _history("LegalCaseEvent").filter(pgh_obj=case).update(rejection_reason="")
    Notification.objects.filter(url__regex=rf"/legal/cases/{case.pk}/$").delete()
    with actor_context(None, action="legal_retention"):
        case.documents.all().delete()
        case.notes.all().delete()
        case.tasks.all().delete()
        case.referrals.update(
            organization_name="—",
            reason="",
            outcome_note="",
            override_reason=models.Case(
                models.When(basis=ConsentBasis.OVERRIDE, then=models.Value("—")), default=models.Value("")
            ),
        )
        case.access_log.all().delete()
        case.description = case.counterpart = case.outcome_summary = ""
        case.rejection_reason = case.conflict_note = case.rating_comment = ""
        case.requested_by = case.recorded_by = None
        case.anonymised_at = now
        case.save()
    # The referral's new audit rows carry no text; the files go once the database change is final.
    _history("ReferralEvent").filter(pgh_obj__case=case).delete()
    storage = CaseDocument._meta.get_field("file").storage

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return 1


def task_reminders_send() -> int:
    """Tells whoever holds a hearing or deadline two days before it, and once when it has passed
    without being marked done. Each reminder is sent once (notify_once); returns how many were sent."""
    now = timezone.now()
    sent = 0
    tasks = CaseTask.objects.filter(
        done_at__isnull=True,
        assigned_to__isnull=False,
        case__status__in=OPEN_STATUSES,
        due_at__lt=now + dt.timedelta(days=2),
    ).select_related("case", "assigned_to")
    for task in tasks:
        if task.assigned_to is None:  # excluded by the query; the type does not know it
            continue
        kind = "legal_task_overdue" if task.due_at < now else "legal_task_due"
        notification = notify_once(
            key=f"{kind}:{task.pk}:{task.due_at.isoformat()}",
            recipient=task.assigned_to,
            kind=kind,
            context={"case": task.case, "task": task},
            url=reverse("legal_aid:case", args=[task.case_id]),
        )
        sent += notification is not None
    return sent
