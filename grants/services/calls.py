"""Writes to grant calls: the call with its criteria, documents and questions, its publication and
its clarifications."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import CallStatus, Clarification, GrantCall
from grants.rules.calls import publication_problems

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


# Once a call is published its rules are frozen: only its texts and closing date may still change.
STILL_EDITABLE_WHEN_PUBLISHED = {
    "title_en",
    "title_ar",
    "title_ckb",
    "description_en",
    "description_ar",
    "description_ckb",
    "closes_at",
}
TRANSLATED_PART_FIELDS = ("title", "text", "name", "guidance", "help", "label", "options")


@transaction.atomic
def call_save(
    *, actor: User, call: GrantCall | None, data: dict, formsets: Sequence[BaseInlineFormSet] = ()
) -> GrantCall:
    """Creates or changes a call with its criteria and attachments. A published call keeps its
    rules: only its texts and closing date may still change, so applicants are treated alike."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    call = call or GrantCall(created_by=actor)
    # The form has already copied the new values onto `call`: compare with what is stored.
    stored = GrantCall.objects.select_for_update().get(pk=call.pk) if call.pk else None
    if stored is not None and stored.status != CallStatus.DRAFT:
        _refuse_rule_changes(stored, data, formsets)
    for field in CALL_FIELDS:
        if field in data:
            setattr(call, field, data[field])
    call.title, call.description = call.title_en, call.description_en  # type: ignore[attr-defined]  # modeltranslation's fields
    call.full_clean(exclude=["eligible_centres", "created_by"])
    with actor_context(actor, action="call_save"):
        call.save()
        if "eligible_centres" in data:
            call.eligible_centres.set(data["eligible_centres"])
        for formset in formsets:
            _save_parts(call, formset)
    return call


def _refuse_rule_changes(stored: GrantCall, data: dict, formsets: Sequence[BaseInlineFormSet]) -> None:
    locked = set(CALL_FIELDS) - STILL_EDITABLE_WHEN_PUBLISHED
    changed = [f for f in locked if f in data and getattr(stored, f) != data[f]]
    if changed or any(fs.has_changed() for fs in formsets):
        raise ValidationError(_("A published call's rules cannot change; only its texts and closing date can."))


def _save_parts(call: GrantCall, formset: BaseInlineFormSet) -> None:
    """Saves a formset of the call's parts; each changed part gets its untranslated fields from the
    English ones."""
    formset.instance = call
    for form in formset.forms:
        if form.has_changed() and not form.cleaned_data.get("DELETE"):
            for name in TRANSLATED_PART_FIELDS:
                if f"{name}_en" in form.cleaned_data:
                    setattr(form.instance, name, form.cleaned_data[f"{name}_en"])
    formset.save()


@transaction.atomic
def call_publish(*, actor: User, call: GrantCall) -> GrantCall:
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
def clarification_add(*, actor: User, call: GrantCall, data: dict) -> Clarification:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    clarification = Clarification(call=call, **data)
    clarification.question, clarification.answer = clarification.question_en, clarification.answer_en  # type: ignore[attr-defined]  # modeltranslation's fields
    clarification.full_clean()
    with actor_context(actor, action="clarification_add"):
        clarification.save()
    return clarification


@transaction.atomic
def clarification_delete(*, actor: User, clarification: Clarification) -> None:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    with actor_context(actor, action="clarification_delete"):
        clarification.delete()
