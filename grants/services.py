"""Every write to grant calls and their parts."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import actor_context
from grants import permissions
from grants.models import CallStatus, Clarification, GrantCall

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
                    for name in ("title", "text", "name", "guidance", "help"):
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
