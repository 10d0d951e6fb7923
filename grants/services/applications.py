"""Writes to applications: starting one (by the CSO, or by centre staff for it), saving a draft
section by section with its budget lines, documents and answers, submitting and withdrawing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions, tasks
from grants.models import (
    Application,
    ApplicationAnswer,
    ApplicationAttachment,
    ApplicationStatus,
    ApplicationVersion,
    BudgetLine,
    GrantCall,
    QuestionKind,
    RequiredAttachment,
)
from grants.rules.applications import SECTION_FIELDS, application_content, application_problems
from grants.workflows import APPLICATION
from notifications.services import notify
from organizations.models import Organization, VerificationStatus


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
def application_start_for_cso(
    *, actor: User, call: GrantCall, organization: Organization, consent_note: str
) -> Application:
    """Centre staff start an application for a CSO of their centre that asked for help; the CSO's
    consent is recorded with the application, which is marked as prepared by staff."""
    if not permissions.can_help_apply(actor, organization):
        raise PermissionDenied
    _open_or_refuse(call)
    if organization.verification_status != VerificationStatus.VERIFIED:
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
def application_start(*, actor: User, call: GrantCall, organization: Organization) -> Application:
    """Starts (or returns) the CSO's draft for an open call. Only verified CSOs apply."""
    if not permissions.can_prepare_application(actor, organization):
        raise PermissionDenied
    _open_or_refuse(call)
    if organization.verification_status != VerificationStatus.VERIFIED:
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


def _lock_draft(actor: User, application: Application) -> Application:
    if not permissions.can_prepare_application(actor, application.organization, application):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    APPLICATION.check("save", application, actor)
    _open_or_refuse(application.call, application.stage)
    return application


@transaction.atomic
def application_save_section(*, actor: User, application: Application, section: str, data: dict) -> Application:
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
def budget_line_add(*, actor: User, application: Application, data: dict) -> BudgetLine:
    application = _lock_draft(actor, application)
    line = BudgetLine(application=application, **data)
    line.full_clean()
    with actor_context(actor, action="budget_line_add"):
        line.save()
        Application.objects.filter(pk=application.pk).update(updated_at=timezone.now())
    return line


@transaction.atomic
def budget_line_remove(*, actor: User, line: BudgetLine) -> None:
    _lock_draft(actor, line.application)
    with actor_context(actor, action="budget_line_remove"):
        line.delete()


@transaction.atomic
def attachment_upload(
    *, actor: User, application: Application, required: RequiredAttachment, upload: File
) -> ApplicationAttachment:
    """Adds the document for one of the call's requirements, on a draft; a second upload replaces
    the file of the same record."""
    application = _lock_draft(actor, application)
    if required.call_id != application.call_id:
        raise PermissionDenied
    attachment = ApplicationAttachment.objects.filter(
        application=application, required=required
    ).first() or ApplicationAttachment(application=application, required=required)
    attachment.file, attachment.original_filename, attachment.uploaded_by = upload, (upload.name or "")[:255], actor
    attachment.uploaded_at = timezone.now()
    attachment.full_clean(exclude=["application", "required"])
    with actor_context(actor, action="attachment_upload"):
        attachment.save()
    return attachment


@transaction.atomic
def answers_save(*, actor: User, application: Application, values: dict) -> None:
    """Saves the answers of a draft ({question id: value, or an uploaded file})."""
    application = _lock_draft(actor, application)
    questions = {q.pk: q for q in application.call.questions.all()}
    with actor_context(actor, action="answers_save"):
        for question_id, value in values.items():
            question = questions.get(question_id)
            if question is None:
                continue
            answer, _created = ApplicationAnswer.objects.get_or_create(application=application, question=question)
            if question.kind == QuestionKind.FILE:
                answer.file, answer.original_filename = value, value.name[:255]
                answer.value = value.name[:255]
            else:
                answer.value = value
            answer.save()


@transaction.atomic
def application_submit(*, actor: User, application: Application, declaration: bool) -> Application:
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
        APPLICATION.apply("submit", application, actor)
        application.submitted_by = actor
        application.submitted_at = timezone.now()
        application.receipt = ""
        application.save(update_fields=["reference", "status", "submitted_by", "submitted_at", "receipt", "updated_at"])
        ApplicationVersion.objects.create(
            application=application, number=application.versions.count() + 1, content=application_content(application)
        )
    transaction.on_commit(lambda: tasks.send_application_receipt.delay(application.pk))
    notify(
        recipient=actor,
        kind="application_submitted",
        context={"application": application, "call": call},
        url=reverse("grants:application", args=[application.pk]),
    )
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    if not permissions.can_submit_application(actor, application.organization, application):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    APPLICATION.check("withdraw", application, actor)
    _open_or_refuse(application.call, application.stage)  # a full proposal has its own deadline
    with actor_context(actor, action="application_withdraw"):
        APPLICATION.apply("withdraw", application, actor)
        application.save(update_fields=["status", "updated_at"])
    return application
