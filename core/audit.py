"""The audit trail. Models that carry money, decisions or access rights are tracked with
django-pghistory (database triggers, so bulk updates are recorded too). Requests attach the acting
user and URL through pghistory's middleware; services called elsewhere (tasks, commands) wrap their
writes in `actor_context` so every event still names who did it.

What the trail shows is put in the reader's words here, from the models' metadata and without a query
per row: a changed column as its field's verbose name, a value with choices as its label, a boolean
as yes/no, a date or time in the reader's language and time zone, a person by name, another record by
its kind and number; event labels and service actions through the tables below. A code nobody has
named is shown as it is."""

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import pghistory
from django.apps import apps
from django.conf import settings
from django.db import models
from django.template.defaultfilters import yesno
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from pghistory.models import Event, Events


def actor_context(actor, **metadata):
    return pghistory.context(user=getattr(actor, "pk", None), **metadata)


def events(*, model: str = "", user_id: int | None = None, since=None, until=None, obj_id: str = ""):
    """Every audit event (all history tables, newest first), filtered. Uses pghistory's Events view,
    which reads the event tables as one."""
    selection = Events.objects.all()
    if model:
        selection = selection.filter(pgh_obj_model=model)
    if obj_id:
        selection = selection.filter(pgh_obj_id=obj_id)
    if user_id is not None:
        selection = selection.filter(pgh_context__user=user_id)
    if since:
        selection = selection.filter(pgh_created_at__date__gte=since)
    if until:
        selection = selection.filter(pgh_created_at__date__lte=until)
    # The diff is left out here: pghistory computes it with a window over every event table, which
    # is slow on a large history; `diffs` adds it for the rows of one page.
    return selection.order_by("-pgh_created_at", "-pgh_id").values(
        "pgh_slug", "pgh_obj_model", "pgh_obj_id", "pgh_label", "pgh_created_at", "pgh_context"
    )


def diffs(rows) -> dict[str, dict]:
    """The changed fields of these events ({slug: {field: [old, new]}}): one query per kind of
    record on the page, each reading only that record's history table."""
    by_model: dict[str, list[str]] = {}
    for row in rows:
        by_model.setdefault(row["pgh_obj_model"], []).append(row["pgh_slug"])
    found: dict[str, dict] = {}
    for model, slugs in by_model.items():
        found.update(Events.objects.filter(pgh_obj_model=model, pgh_slug__in=slugs).values_list("pgh_slug", "pgh_diff"))
    return found


def tracked_models() -> list[tuple[str, str]]:
    """(label "app.Model", verbose name) of every model that has a history, for the filter."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if issubclass(model, Event) and tracked is not None:
            found[tracked._meta.label] = str(tracked._meta.verbose_name).capitalize()
    return sorted(found.items(), key=lambda item: item[1])


# --- in the reader's words ------------------------------------------------------------------------


def event_label(code: str) -> str:
    """The pghistory label of an event ("insert", "status_changed"...) in the reader's language."""
    label = EVENT_LABELS.get(code)
    return str(label) if label is not None else code


def action_label(code: str) -> str:
    """The service action an event was made by (`actor_context(action=...)`), in the reader's language."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


@cache
def _fields_of(model_label: str) -> dict[str, tuple[int, models.Field]]:
    """The tracked model's concrete fields by database column (what pghistory's diff is keyed by)
    and by name, with their place in the model."""
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return {}
    found: dict[str, tuple[int, models.Field]] = {}
    for place, field in enumerate(model._meta.concrete_fields):
        found.setdefault(field.column, (place, field))
        found.setdefault(field.name, (place, field))
    return found


def _target(field: models.Field) -> type[models.Model] | None:
    """The model a foreign key points to (resolved once the apps are loaded)."""
    related = field.related_model
    return related if isinstance(related, type) else None


def _is_person(field: models.Field) -> bool:
    target = _target(field)
    return (
        bool(field.many_to_one or field.one_to_one)
        and target is not None
        and target._meta.label == settings.AUTH_USER_MODEL
    )


def people_named(rows: Iterable[Mapping[str, Any]], changes: Mapping[str, Mapping | None]) -> set[int]:
    """The ids of the people a page names: who acted, and who a changed person field points to."""
    found: set[int] = set()
    for row in rows:
        user = (row.get("pgh_context") or {}).get("user")
        if isinstance(user, int):
            found.add(user)
        fields = _fields_of(row["pgh_obj_model"])
        for key, values in (changes.get(row["pgh_slug"]) or {}).items():
            known = fields.get(key)
            if known and _is_person(known[1]):
                found.update(value for value in values if isinstance(value, int))
    return found


def _moment(field: models.Field, value: str) -> str | None:
    """A date, time or timestamp as pghistory stored it (ISO text), in the reader's format and zone."""
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, dt.UTC)
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        day = parse_date(value)
        return formats.date_format(day, "DATE_FORMAT") if day else None
    if isinstance(field, models.TimeField):
        time = parse_time(value)
        return formats.time_format(time, "TIME_FORMAT") if time else None
    return None


def _number(field: models.DecimalField, value) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return formats.number_format(amount, field.decimal_places, use_l10n=True, force_grouping=True)


def _related(field: models.Field, value, people: Mapping[int, Any]) -> str:
    person = people.get(value) if _is_person(field) and isinstance(value, int) else None
    if person is not None:
        return str(person.full_name or person.email)
    target = _target(field)
    kind = capfirst(target._meta.verbose_name) if target is not None else capfirst(field.verbose_name)
    return f"{kind} #{value}"


def shown_value(field: models.Field | None, value, people: Mapping[int, Any] | None = None) -> str:
    """One value of a change as the reader should see it ("" for none)."""
    if value is None or value == "":
        return ""
    if field is None:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(value, bool):
        return str(yesno(value))
    if field.is_relation:
        return _related(field, value, people or {})
    if isinstance(field, models.DecimalField):
        return _number(field, value)
    if isinstance(value, str) and isinstance(field, models.DateField | models.TimeField):
        return _moment(field, value) or value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def readable_changes(
    model_label: str, diff: Mapping[str, Any] | None, people: Mapping[int, Any] | None = None
) -> list[tuple[str, str, str]]:
    """(field, before, after) of one event's diff, in the model's field order, every part in the
    reader's words. Reads only the models' metadata: no query."""
    fields = _fields_of(model_label)
    shown = []
    for key, values in (diff or {}).items():
        place, field = fields.get(key, (len(fields), None))
        old, new = values if isinstance(values, list | tuple) and len(values) == 2 else (None, values)
        name = capfirst(field.verbose_name) if field is not None else key
        shown.append((place, key, str(name), shown_value(field, old, people), shown_value(field, new, people)))
    return [(name, old, new) for _place, _key, name, old, new in sorted(shown)]


# --- the tables ------------------------------------------------------------------------------------

# pghistory's event labels (`pgh_label`): the default ones and those the models name.
EVENT_LABELS = {
    "insert": _("Created"),
    "update": _("Changed"),
    "delete": _("Deleted"),
    "status_changed": _("Status changed"),
    "anonymised": _("Anonymised"),
    "decided": _("Decided"),
    "screened": pgettext_lazy("audit event", "Eligibility checked"),
    "verification_changed": pgettext_lazy("audit event", "Verification changed"),
}

# The services' actions (`actor_context(actor, action=...)`), by code; core/tests/test_audit.py checks
# that every code written in the project has its label here.
ACTION_LABELS = {
    "action_status": pgettext_lazy("audit action", "Follow-up action status set"),
    "agreement_close": pgettext_lazy("audit action", "Grant agreement closed"),
    "agreement_create": pgettext_lazy("audit action", "Grant agreement prepared"),
    "agreement_sign": pgettext_lazy("audit action", "Grant agreement signed"),
    "amendment_decide": pgettext_lazy("audit action", "Amendment decided"),
    "amendment_request": pgettext_lazy("audit action", "Amendment requested"),
    "answers_save": pgettext_lazy("audit action", "Application answers saved"),
    "application_invite": pgettext_lazy("audit action", "Invited to a full proposal"),
    "application_save": pgettext_lazy("audit action", "Application section saved"),
    "application_screen": pgettext_lazy("audit action", "Eligibility decided"),
    "application_start": pgettext_lazy("audit action", "Application started"),
    "application_start_for_cso": pgettext_lazy("audit action", "Application started for a CSO"),
    "application_submit": pgettext_lazy("audit action", "Application submitted"),
    "application_withdraw": pgettext_lazy("audit action", "Application withdrawn"),
    "assessment_create": pgettext_lazy("audit action", "Assessment started"),
    "assessment_save": pgettext_lazy("audit action", "Assessment saved"),
    "attachment_upload": pgettext_lazy("audit action", "Application document uploaded"),
    "attendance_record": pgettext_lazy("audit action", "Attendance recorded"),
    "budget_line_add": pgettext_lazy("audit action", "Budget line added"),
    "budget_line_remove": pgettext_lazy("audit action", "Budget line removed"),
    "call_publish": pgettext_lazy("audit action", "Grant call published"),
    "call_save": pgettext_lazy("audit action", "Grant call saved"),
    "centre_staff_assign": pgettext_lazy("audit action", "Centre staff member added"),
    "centre_staff_remove": pgettext_lazy("audit action", "Centre staff member removed"),
    "certificates_issue": pgettext_lazy("audit action", "Certificates issued"),
    "clarification_add": pgettext_lazy("audit action", "Clarification added"),
    "clarification_delete": pgettext_lazy("audit action", "Clarification deleted"),
    "commons_answer_accept": pgettext_lazy("audit action", "Answer accepted"),
    "commons_answer_post": pgettext_lazy("audit action", "Answer posted"),
    "commons_case_study_from_report": pgettext_lazy("audit action", "Case study drafted from a report"),
    "commons_entry_approve": pgettext_lazy("audit action", "Entry approved"),
    "commons_entry_decline": pgettext_lazy("audit action", "Entry declined"),
    "commons_entry_hidden_by_reports": pgettext_lazy("audit action", "Entry hidden after reports"),
    "commons_entry_hide": pgettext_lazy("audit action", "Entry hidden"),
    "commons_entry_publish": pgettext_lazy("audit action", "Entry published"),
    "commons_entry_restore": pgettext_lazy("audit action", "Entry shown again"),
    "commons_entry_save": pgettext_lazy("audit action", "Entry saved"),
    "commons_entry_submit": pgettext_lazy("audit action", "Entry sent for review"),
    "commons_question_ask": pgettext_lazy("audit action", "Question asked"),
    "commons_second_review": pgettext_lazy("audit action", "Second review requested"),
    "commons_translation_save": pgettext_lazy("audit action", "Translation saved"),
    "commons_uptake_follow_up": pgettext_lazy("audit action", "Uptake follow-up recorded"),
    "commons_uptake_mark": pgettext_lazy("audit action", "Marked as used"),
    "commons_version_add": pgettext_lazy("audit action", "New file version added"),
    "condition_check": pgettext_lazy("audit action", "Tranche condition checked"),
    "consensus_record": pgettext_lazy("audit action", "Consensus score recorded"),
    "decision_record": pgettext_lazy("audit action", "Grant decision recorded"),
    "document_add": pgettext_lazy("audit action", "Organisation document added"),
    "document_delete": pgettext_lazy("audit action", "Organisation document deleted"),
    "event_cancel": pgettext_lazy("audit action", "Event cancelled"),
    "event_complete": pgettext_lazy("audit action", "Event completed"),
    "event_publish": pgettext_lazy("audit action", "Event published"),
    "event_save": pgettext_lazy("audit action", "Event saved"),
    "invitation_accept": pgettext_lazy("audit action", "Invitation accepted"),
    "invitation_create": pgettext_lazy("audit action", "Invitation sent"),
    "leadership_delete": pgettext_lazy("audit action", "Leadership position removed"),
    "leadership_save": pgettext_lazy("audit action", "Leadership position saved"),
    "legal_assign": pgettext_lazy("audit action", "Lawyers assigned"),
    "legal_close": pgettext_lazy("audit action", "Case closed"),
    "legal_conflict_check": pgettext_lazy("audit action", "Conflict check recorded"),
    "legal_document": pgettext_lazy("audit action", "Case document added"),
    "legal_filing": pgettext_lazy("audit action", "Filing recorded"),
    "legal_note": pgettext_lazy("audit action", "Case note added"),
    "legal_rating": pgettext_lazy("audit action", "Help rated"),
    "legal_referral": pgettext_lazy("audit action", "Case referred"),
    "legal_referral_outcome": pgettext_lazy("audit action", "Referral outcome recorded"),
    "legal_referral_override": pgettext_lazy("audit action", "Case referred without consent"),
    "legal_request": pgettext_lazy("audit action", "Legal help requested"),
    "legal_retention": pgettext_lazy("audit action", "Case anonymised (retention)"),
    "legal_status": pgettext_lazy("audit action", "Case status changed"),
    "legal_task": pgettext_lazy("audit action", "Case task added"),
    "legal_task_done": pgettext_lazy("audit action", "Case task done"),
    "legal_triage": pgettext_lazy("audit action", "Request triaged"),
    "material_upload": pgettext_lazy("audit action", "Material uploaded"),
    "membership_remove": pgettext_lazy("audit action", "Member removed"),
    "membership_set_role": pgettext_lazy("audit action", "Member's role changed"),
    "organization_register": pgettext_lazy("audit action", "Organisation registered"),
    "organization_update": pgettext_lazy("audit action", "Organisation profile changed"),
    "organization_verify": pgettext_lazy("audit action", "Verification decided"),
    "participant_merge": pgettext_lazy("audit action", "Participant records merged"),
    "participant_save": pgettext_lazy("audit action", "Participant saved"),
    "partnerships.agreement_activate": pgettext_lazy("audit action", "Partnership agreement activated"),
    "partnerships.agreement_create": pgettext_lazy("audit action", "Partnership agreement created"),
    "partnerships.agreement_negotiate": pgettext_lazy("audit action", "Partnership agreement under negotiation"),
    "partnerships.agreement_party_add": pgettext_lazy("audit action", "Party added to an agreement"),
    "partnerships.agreement_party_remove": pgettext_lazy("audit action", "Party removed from an agreement"),
    "partnerships.agreement_party_sign": pgettext_lazy("audit action", "Party signed an agreement"),
    "partnerships.agreement_renew": pgettext_lazy("audit action", "Partnership agreement renewed"),
    "partnerships.agreement_sign": pgettext_lazy("audit action", "Partnership agreement signed"),
    "partnerships.agreement_terminate": pgettext_lazy("audit action", "Partnership agreement terminated"),
    "partnerships.agreement_update": pgettext_lazy("audit action", "Partnership agreement changed"),
    "partnerships.coalition_create": pgettext_lazy("audit action", "Coalition created"),
    "partnerships.coalition_member_add": pgettext_lazy("audit action", "Coalition member added"),
    "partnerships.coalition_member_leave": pgettext_lazy("audit action", "Coalition member left"),
    "partnerships.coalition_member_role": pgettext_lazy("audit action", "Coalition member's role changed"),
    "partnerships.coalition_update": pgettext_lazy("audit action", "Coalition changed"),
    "partnerships.contact_add": pgettext_lazy("audit action", "Contact added"),
    "partnerships.contact_remove": pgettext_lazy("audit action", "Contact removed"),
    "partnerships.contact_update": pgettext_lazy("audit action", "Contact changed"),
    "partnerships.follow_up_correct": pgettext_lazy("audit action", "Visit follow-up corrected"),
    "partnerships.follow_up_record": pgettext_lazy("audit action", "Visit follow-up recorded"),
    "partnerships.initiative_create": pgettext_lazy("audit action", "Initiative created"),
    "partnerships.initiative_delivery_record": pgettext_lazy("audit action", "Initiative delivery recorded"),
    "partnerships.initiative_outcome_record": pgettext_lazy("audit action", "Initiative outcome recorded"),
    "partnerships.initiative_paper_signature_add": pgettext_lazy("audit action", "Paper signature added"),
    "partnerships.initiative_publish": pgettext_lazy("audit action", "Initiative published"),
    "partnerships.initiative_response_record": pgettext_lazy("audit action", "Target's response recorded"),
    "partnerships.initiative_sign": pgettext_lazy("audit action", "Initiative signed"),
    "partnerships.initiative_signature_list": pgettext_lazy("audit action", "List of signatures issued"),
    "partnerships.initiative_signature_withdraw": pgettext_lazy("audit action", "Signature withdrawn"),
    "partnerships.initiative_target_add": pgettext_lazy("audit action", "Initiative target added"),
    "partnerships.initiative_version_save": pgettext_lazy("audit action", "Initiative text saved"),
    "partnerships.initiative_withdraw": pgettext_lazy("audit action", "Initiative withdrawn"),
    "partnerships.itinerary_remove": pgettext_lazy("audit action", "Itinerary stop removed"),
    "partnerships.itinerary_save": pgettext_lazy("audit action", "Itinerary stop saved"),
    "partnerships.obligation_add": pgettext_lazy("audit action", "Agreement obligation added"),
    "partnerships.obligation_update": pgettext_lazy("audit action", "Agreement obligation changed"),
    "partnerships.partner_create": pgettext_lazy("audit action", "Partner added"),
    "partnerships.partner_update": pgettext_lazy("audit action", "Partner changed"),
    "partnerships.practice_remove": pgettext_lazy("audit action", "Observed practice removed"),
    "partnerships.practice_save": pgettext_lazy("audit action", "Observed practice saved"),
    "partnerships.relationship_add": pgettext_lazy("audit action", "Relationship added"),
    "partnerships.relationship_end": pgettext_lazy("audit action", "Relationship ended"),
    "partnerships.visit_create": pgettext_lazy("audit action", "Exchange visit recorded"),
    "partnerships.visit_update": pgettext_lazy("audit action", "Exchange visit changed"),
    "partnerships.visitor_add": pgettext_lazy("audit action", "Visiting CSO added"),
    "partnerships.visitor_assign": pgettext_lazy("audit action", "Follow-up reassigned"),
    "partnerships.visitor_remove": pgettext_lazy("audit action", "Visiting CSO removed"),
    "payment_record": pgettext_lazy("audit action", "Payment recorded"),
    "payment_reverse": pgettext_lazy("audit action", "Payment reversed"),
    "rate_add": pgettext_lazy("audit action", "Exchange rate added"),
    "receipt_add": pgettext_lazy("audit action", "Receipt added"),
    "receipt_remove": pgettext_lazy("audit action", "Receipt removed"),
    "registration_cancel": pgettext_lazy("audit action", "Registration cancelled"),
    "registration_create": pgettext_lazy("audit action", "Registered"),
    "registration_reject": pgettext_lazy("audit action", "Registration turned down"),
    "report_review": pgettext_lazy("audit action", "Grant report reviewed"),
    "report_save": pgettext_lazy("audit action", "Grant report saved"),
    "report_schedule": pgettext_lazy("audit action", "Grant report scheduled"),
    "report_submit": pgettext_lazy("audit action", "Grant report submitted"),
    "report_unschedule": pgettext_lazy("audit action", "Grant report taken off the schedule"),
    "results_contribution": pgettext_lazy("audit action", "Contribution to a results report saved"),
    "results_logframe": pgettext_lazy("audit action", "Logframe changed"),
    "results_periods": pgettext_lazy("audit action", "Reporting periods updated"),
    "results_report_approve": pgettext_lazy("audit action", "Results report approved"),
    "results_report_return": pgettext_lazy("audit action", "Results report returned"),
    "results_report_save": pgettext_lazy("audit action", "Results report saved"),
    "results_report_send": pgettext_lazy("audit action", "Results report sent to the EU"),
    "results_report_start": pgettext_lazy("audit action", "Results report started"),
    "results_report_submit": pgettext_lazy("audit action", "Results report submitted"),
    "results_revision": pgettext_lazy("audit action", "Revision explained"),
    "results_value_review": pgettext_lazy("audit action", "Indicator value reviewed"),
    "results_value_save": pgettext_lazy("audit action", "Indicator value saved"),
    "review_declare": pgettext_lazy("audit action", "Reviewer's declaration made"),
    "review_save": pgettext_lazy("audit action", "Review scores saved"),
    "reviewers_assign": pgettext_lazy("audit action", "Reviewers assigned"),
    "room_save": pgettext_lazy("audit action", "Room saved"),
    "sign_in_sheet_add": pgettext_lazy("audit action", "Sign-in sheet added"),
    "tranche_cancel": pgettext_lazy("audit action", "Tranche cancelled"),
    "tranche_request": pgettext_lazy("audit action", "Tranche payment requested"),
    "tranches_set": pgettext_lazy("audit action", "Tranche schedule saved"),
    "user_set_roles": pgettext_lazy("audit action", "Roles changed"),
    "visit_record": pgettext_lazy("audit action", "Mentoring visit recorded"),
}
