"""What people learn and say: training materials, the knowledge tests before and after, feedback."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from trainings import permissions
from trainings.models import (
    ATTENDED,
    Attendance,
    Event,
    EventStatus,
    Feedback,
    FeedbackReceipt,
    KnowledgeQuestion,
    KnowledgeTestAttempt,
    KnowledgeTestKind,
    Material,
    Participant,
    RegistrationStatus,
    TrainingPackage,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@transaction.atomic
def material_upload(*, actor: User, package: TrainingPackage, data: dict[str, Any]) -> Material:
    """Stores a material; the same title in the same language becomes the next version."""
    if not permissions.can_upload_materials(actor):
        raise PermissionDenied
    latest = (
        Material.objects.select_for_update()
        .filter(package=package, title=data["title"], language=data["language"])
        .order_by("-version")
        .first()
    )
    material = Material(
        package=package,
        title=data["title"],
        language=data["language"],
        version=(latest.version + 1) if latest else 1,
        change_note=data.get("change_note", ""),
        file=data["file"],
        original_filename=data["file"].name[:255],
        visibility=data["visibility"],
        is_published=data.get("is_published", True),
        uploaded_by=actor,
    )
    if material.version > 1 and not material.change_note.strip():
        raise ValidationError({"change_note": _("Say what changed in this version.")})
    material.full_clean()
    with actor_context(actor, action="material_upload"):
        material.save()
    return material


def material_count_download(*, material: Material) -> None:
    Material.objects.filter(pk=material.pk).update(download_count=F("download_count") + 1)


def _attended(event: Event, participant: Participant) -> bool:
    return Attendance.objects.filter(session__event=event, participant=participant, status__in=ATTENDED).exists()


def knowledge_test_allowed(*, event: Event, participant: Participant | None, kind: str) -> "StrOrPromise | None":
    """None when the person may take this test now, otherwise the reason they may not."""
    if (
        participant is None
        or not event.registrations.filter(participant=participant, status=RegistrationStatus.REGISTERED).exists()
    ):
        return _("Only registered participants take this test.")
    if not event.package or not event.package.questions.exists():
        return _("This event has no knowledge test.")
    if event.test_attempts.filter(participant=participant, kind=kind).exists():
        return _("You have already taken this test.")
    return _test_closed(event=event, participant=participant, kind=kind)


def _test_closed(*, event: Event, participant: Participant, kind: str) -> "StrOrPromise | None":
    """The test before closes once the test after is taken; the test after opens with the training."""
    if (
        kind == KnowledgeTestKind.PRE
        and event.test_attempts.filter(participant=participant, kind=KnowledgeTestKind.POST).exists()
    ):
        return _("The test before the training can no longer be taken.")
    started = event.starts_at is not None and timezone.now() >= event.starts_at
    if kind == KnowledgeTestKind.POST and not (started or event.status == EventStatus.COMPLETED):
        return _("The test after the training opens when the training has started.")
    return None


def _score(questions: list[KnowledgeQuestion], answers: dict[int, int]) -> int:
    """How many questions were answered correctly; every question must be answered with one of its choices."""
    correct = 0
    for question in questions:
        chosen = answers.get(question.pk)
        choice = next((c for c in question.choices.all() if c.pk == chosen), None) if chosen is not None else None
        if choice is None:
            raise ValidationError(_("Answer every question."))
        correct += choice.is_correct
    return correct


@transaction.atomic
def knowledge_test_submit(
    *, actor: User, event: Event, participant: Participant, kind: str, answers: dict[int, int]
) -> KnowledgeTestAttempt:
    """Scores a test from the chosen answers (question id -> choice id). Each test is taken once."""
    refusal = knowledge_test_allowed(event=event, participant=participant, kind=kind)
    if refusal:
        raise ValidationError(refusal)
    if not permissions.is_own_record(actor, participant):
        raise PermissionDenied
    package = event.package
    if package is None:  # knowledge_test_allowed refused an event without a package already
        raise ValidationError(_("This event has no knowledge test."))
    questions = list(package.questions.prefetch_related("choices"))
    correct = _score(questions, answers)
    try:
        with transaction.atomic():
            return KnowledgeTestAttempt.objects.create(
                event=event,
                participant=participant,
                kind=kind,
                correct=correct,
                total=len(questions),
                answers={str(k): v for k, v in answers.items()},
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already taken this test.")) from error


def feedback_allowed(*, event: Event, participant: Participant | None) -> "StrOrPromise | None":
    if participant is None or not _attended(event, participant):
        return _("Only people who attended the event can give feedback.")
    if not (event.status == EventStatus.COMPLETED or (event.ends_at and event.ends_at <= timezone.now())):
        return _("Feedback opens when the event is over.")
    if FeedbackReceipt.objects.filter(event=event, participant=participant).exists():
        return _("You have already given your feedback. Thank you!")
    return None


@transaction.atomic
def feedback_submit(*, actor: User, event: Event, participant: Participant, data: dict[str, Any]) -> Feedback:
    refusal = feedback_allowed(event=event, participant=participant)
    if refusal:
        raise ValidationError(refusal)
    if not permissions.is_own_record(actor, participant):
        raise PermissionDenied
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(event=event, participant=participant)
    except IntegrityError as error:
        raise ValidationError(_("You have already given your feedback. Thank you!")) from error
    return Feedback.objects.create(
        event=event,
        participant=None if data.get("anonymous") else participant,
        satisfaction=data["satisfaction"],
        usefulness=data["usefulness"],
        comments=data.get("comments", ""),
    )
