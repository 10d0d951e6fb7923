"""What happens to a joint initiative once it is out: the decision-makers it is addressed to, its
delivery to each (the first delivery moves it to "delivered", which ends the signing), their
responses, and the outcomes with their evidence that the results indicators count."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from partnerships import permissions
from partnerships.models import (
    AdvocacyOutcome,
    AdvocacyTarget,
    Delivery,
    Initiative,
    InitiativeStatus,
    TargetResponse,
)
from partnerships.workflows import INITIATIVE

CLEAN_EXCLUDE = ["target", "recorded_by"]


def _locked(initiative_id: int) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("lead_organization", "centre")
        .get(pk=initiative_id)
    )


def _allowed(actor: User, initiative: Initiative) -> None:
    if not permissions.can_record_advocacy(actor, initiative):
        raise PermissionDenied


def _out(initiative: Initiative) -> None:
    if not initiative.is_public:
        raise ValidationError(_("Publish the initiative first: only a published text is delivered."))


def _not_future(field: str, value: dt.date, today: dt.date | None) -> None:
    if value > (today or timezone.localdate()):
        raise ValidationError({field: _("This date is in the future.")})


@transaction.atomic
def target_add(*, actor: User, initiative: Initiative, kind: str, name: str) -> AdvocacyTarget:
    """A decision-maker the initiative is addressed to (planned while drafting, or later)."""
    initiative = _locked(initiative.pk)
    _allowed(actor, initiative)
    if initiative.status == InitiativeStatus.WITHDRAWN:
        raise ValidationError(_("This initiative is withdrawn."))
    target = AdvocacyTarget(initiative=initiative, kind=kind, name=name.strip())
    target.full_clean(exclude=["initiative"])
    if initiative.targets.filter(kind=kind, name__iexact=target.name).exists():
        raise ValidationError({"name": _("This target is already listed.")})
    with actor_context(actor, action="partnerships.initiative_target_add"):
        target.save()
    return target


@transaction.atomic
def delivery_record(
    *, actor: User, target: AdvocacyTarget, delivered_on: dt.date, method: str, note: str = "", today=None
) -> Delivery:
    """The published text handed to the target. The first delivery of an initiative moves it to
    "delivered" (INITIATIVE): its signature list is then final."""
    initiative = _locked(target.initiative_id)
    _allowed(actor, initiative)
    _out(initiative)
    _not_future("delivered_on", delivered_on, today)
    if initiative.published_at and delivered_on < timezone.localdate(initiative.published_at):
        raise ValidationError({"delivered_on": _("The text was not published yet on that day.")})
    delivery = Delivery(target=target, delivered_on=delivered_on, method=method.strip(), note=note, recorded_by=actor)
    delivery.full_clean(exclude=CLEAN_EXCLUDE)
    with actor_context(actor, action="partnerships.initiative_delivery_record"):
        if initiative.status == InitiativeStatus.PUBLISHED:
            INITIATIVE.apply("deliver", initiative, actor)
            initiative.save(update_fields=["status"])
        delivery.save()
    return delivery


def _evidence(record, link: str, file: File | None) -> None:
    record.evidence_link = (link or "").strip()
    if file is not None:
        record.evidence_file = file
        record.evidence_filename = (getattr(file, "name", "") or "")[:255]


@transaction.atomic
def response_record(
    *,
    actor: User,
    target: AdvocacyTarget,
    received_on: dt.date,
    summary: str,
    evidence_link: str = "",
    evidence_file: File | None = None,
    today=None,
) -> TargetResponse:
    """What the target answered, after the text reached it."""
    initiative = _locked(target.initiative_id)
    _allowed(actor, initiative)
    _out(initiative)
    first = target.deliveries.order_by("delivered_on").first()
    if first is None:
        raise ValidationError(_("Record the delivery to this target before its response."))
    _not_future("received_on", received_on, today)
    if received_on < first.delivered_on:
        raise ValidationError({"received_on": _("The response cannot come before the delivery.")})
    response = TargetResponse(target=target, received_on=received_on, summary=summary.strip(), recorded_by=actor)
    _evidence(response, evidence_link, evidence_file)
    response.full_clean(exclude=CLEAN_EXCLUDE)
    with actor_context(actor, action="partnerships.initiative_response_record"):
        response.save()
    return response


@transaction.atomic
def outcome_record(
    *,
    actor: User,
    target: AdvocacyTarget,
    kind: str,
    occurred_on: dt.date,
    description: str,
    evidence_link: str = "",
    evidence_file: File | None = None,
    today=None,
) -> AdvocacyOutcome:
    """A meeting held, a position changed, a policy or law adopted: with a link or a file as
    evidence (required; the database refuses an outcome without)."""
    initiative = _locked(target.initiative_id)
    _allowed(actor, initiative)
    _out(initiative)
    _not_future("occurred_on", occurred_on, today)
    if not (evidence_link or "").strip() and evidence_file is None:
        raise ValidationError({"evidence_link": _("Give the evidence: a link or a file.")})
    outcome = AdvocacyOutcome(
        target=target, kind=kind, occurred_on=occurred_on, description=description.strip(), recorded_by=actor
    )
    _evidence(outcome, evidence_link, evidence_file)
    outcome.full_clean(exclude=CLEAN_EXCLUDE)
    with actor_context(actor, action="partnerships.initiative_outcome_record"):
        outcome.save()
    return outcome
