"""The case page, panel by panel. Each panel has a template in `partials/` and its own form, which
posts to the panel's own view; htmx swaps the panel alone, and without JavaScript the whole page is
shown again (see `legal_aid.views`). What a panel offers comes from the workflow
(`workflows.CASE.actions_for`) and from the predicates of `legal_aid.permissions`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms

from legal_aid import permissions, selectors, services
from legal_aid.forms import (
    AssignForm,
    CloseForm,
    ConflictForm,
    DocumentForm,
    FilingForm,
    NoteForm,
    RatingForm,
    ReferralForm,
    ReferralOutcomeForm,
    StatusForm,
    TaskForm,
    TriageForm,
)
from legal_aid.models import AssignmentRole, Category, LegalCase, Visibility
from legal_aid.workflows import CASE

# The steps the status form takes (the reopen button is the fifth step of `workflows.CASE_WORK`).
STATUS_STEPS = frozenset({"start", "wait", "resume", "resolve"})


@dataclass(frozen=True)
class Viewer:
    """A person looking at a case: what they are to it, and the workflow's steps they may take."""

    user: Any
    case: LegalCase
    works: bool
    manager: bool
    client: bool
    actions: frozenset[str]

    @classmethod
    def of(cls, user, case: LegalCase) -> "Viewer":
        return cls(
            user=user,
            case=case,
            works=permissions.works_on(user, case),
            manager=permissions.is_manager(user),
            client=permissions.is_client(user, case),
            actions=CASE.actions_for(case, user),
        )

    def context(self) -> dict:
        """What every panel's template reads."""
        return {
            "case": self.case,
            "works": self.works,
            "manager": self.manager,
            "client": self.client,
            "actions": self.actions,
        }


Form = django_forms.Form | None


def _none(viewer: Viewer) -> dict:
    return {}


@dataclass(frozen=True)
class Panel:
    """One panel: its form (built by `make_form(viewer, data, files, prefix=...)`, under `form_name`
    in the template), the rest of what it shows (`details(viewer)`), and whether the page shows it."""

    key: str
    prefix: str  # each form of the page has its own, so that field ids never clash
    form_name: str
    make_form: Callable[..., django_forms.Form]
    visible: Callable[[Viewer], bool]
    details: Callable[[Viewer], dict] = _none

    @property
    def template(self) -> str:
        return f"legal_aid/partials/case_{self.key}.html"

    def form(self, viewer: Viewer, data=None, files=None) -> django_forms.Form:
        return self.make_form(viewer, data, files, prefix=self.prefix)

    def context(self, viewer: Viewer, form: Form = None) -> dict:
        """The panel's part of the context, with `form` (a refused one, bound) or a fresh form."""
        return {self.form_name: form if form is not None else self.form(viewer), **self.details(viewer)}


def _note_form(viewer: Viewer, data, files, *, prefix: str) -> NoteForm:
    visibility = Visibility.INTERNAL if viewer.works else Visibility.SHARED
    return NoteForm(data, prefix=prefix, initial={"visibility": visibility})


def _notes(viewer: Viewer) -> dict:
    notes = viewer.case.notes.select_related("author")
    if not viewer.works:
        notes = notes.filter(visibility=Visibility.SHARED)
    return {"notes": list(notes)}


def _document_form(viewer: Viewer, data, files, *, prefix: str) -> DocumentForm:
    return DocumentForm(data, files, prefix=prefix)


def _documents(viewer: Viewer) -> dict:
    documents = viewer.case.documents.select_related("uploaded_by")
    if not viewer.works:
        documents = documents.filter(visibility=Visibility.SHARED)
    return {"documents": list(documents)}


def _outcome_form(viewer: Viewer, data, files, *, prefix: str) -> ReferralOutcomeForm:
    return ReferralOutcomeForm(data, prefix=prefix)


def _referrals(viewer: Viewer) -> dict:
    return {"referrals": list(viewer.case.referrals.select_related("referred_by"))}


def _rating_form(viewer: Viewer, data, files, *, prefix: str) -> RatingForm:
    case = viewer.case
    return RatingForm(data, prefix=prefix, initial={"rating": case.rating, "comment": case.rating_comment})


def _rating(viewer: Viewer) -> dict:
    return {"can_rate": permissions.can_rate_case(viewer.user, viewer.case)}


def _conflict_form(viewer: Viewer, data, files, *, prefix: str) -> ConflictForm:
    return ConflictForm(data, prefix=prefix)


def _conflicts(viewer: Viewer) -> dict:
    return {"conflicts": services.conflicts(viewer.case)}


def _triage_form(viewer: Viewer, data, files, *, prefix: str) -> TriageForm:
    return TriageForm(data, prefix=prefix)


def _assign_form(viewer: Viewer, data, files, *, prefix: str) -> AssignForm:
    case = viewer.case
    current = case.assignments.filter(ended_at__isnull=True)
    initial = {
        "primary": case.primary_lawyer_id,
        "additional": [a.lawyer_id for a in current if a.role == AssignmentRole.ADDITIONAL],
    }
    lawyers, centres = selectors.lawyers_with_load(), selectors.lawyer_centres()
    return AssignForm(data, prefix=prefix, lawyers=lawyers, centres=centres, initial=initial)


def _status_form(viewer: Viewer, data, files, *, prefix: str) -> StatusForm:
    return StatusForm(data, prefix=prefix)


def _can_reopen(viewer: Viewer) -> bool:
    return "reopen" in viewer.actions and viewer.case.anonymised_at is None


def _status(viewer: Viewer) -> dict:
    return {"status_steps": bool(viewer.actions & STATUS_STEPS), "can_reopen": _can_reopen(viewer)}


def _close_form(viewer: Viewer, data, files, *, prefix: str) -> CloseForm:
    return CloseForm(data, prefix=prefix)


def _filing_form(viewer: Viewer, data, files, *, prefix: str) -> FilingForm:
    case = viewer.case
    return FilingForm(data, prefix=prefix, initial={"authority": case.filing_authority, "filed_on": case.filed_on})


def _referral_form(viewer: Viewer, data, files, *, prefix: str) -> ReferralForm:
    return ReferralForm(data, prefix=prefix)


def _task_form(viewer: Viewer, data, files, *, prefix: str) -> TaskForm:
    case = viewer.case
    people = selectors.case_team(case, viewer.user)
    return TaskForm(
        data, prefix=prefix, people=people, initial={"assigned_to": case.primary_lawyer_id or viewer.user.pk}
    )


def _tasks(viewer: Viewer) -> dict:
    return {"tasks": list(viewer.case.tasks.select_related("assigned_to"))}


def _always(viewer: Viewer) -> bool:
    return True


def _shows_rating(viewer: Viewer) -> bool:
    return permissions.can_rate_case(viewer.user, viewer.case) or bool(viewer.case.rating and viewer.works)


def _records_filing(viewer: Viewer) -> bool:
    return viewer.case.category == Category.REGISTRATION and permissions.can_record_case_work(viewer.user, viewer.case)


def _records_tasks(viewer: Viewer) -> bool:
    return permissions.can_record_case_work(viewer.user, viewer.case)


PANELS = {
    panel.key: panel
    for panel in (
        Panel("notes", "note", "note_form", _note_form, _always, _notes),
        Panel("documents", "document", "document_form", _document_form, _always, _documents),
        Panel("referrals", "outcome", "outcome_form", _outcome_form, _always, _referrals),
        Panel("rating", "rating", "rating_form", _rating_form, _shows_rating, _rating),
        # The conflict check is made before a request is accepted.
        Panel("conflict", "conflict", "conflict_form", _conflict_form, lambda v: "accept" in v.actions, _conflicts),
        Panel("triage", "triage", "triage_form", _triage_form, lambda v: bool(v.actions & {"accept", "reject"})),
        Panel("assign", "assign", "assign_form", _assign_form, lambda v: "assign" in v.actions),
        Panel(
            "status",
            "status",
            "status_form",
            _status_form,
            lambda v: bool(v.actions & STATUS_STEPS) or _can_reopen(v),
            _status,
        ),
        Panel("close", "close", "close_form", _close_form, lambda v: "close" in v.actions),
        Panel("filing", "filing", "filing_form", _filing_form, _records_filing),
        Panel("refer", "referral", "referral_form", _referral_form, lambda v: "refer" in v.actions),
        Panel("tasks", "task", "task_form", _task_form, _records_tasks, _tasks),
    )
}


def panel_context(viewer: Viewer, key: str, form: Form = None) -> dict:
    """One panel's fragment: what every panel reads, and the panel's own part."""
    return {**viewer.context(), **PANELS[key].context(viewer, form), "fragment": True}


def page_context(viewer: Viewer, bound: tuple[str, django_forms.Form] | None = None) -> dict:
    """The whole page. `bound` is (panel key, refused form): that panel shows the form with its
    errors, even if the case has moved on since the page was opened."""
    bound_key, bound_form = bound or (None, None)
    shown = [p for p in PANELS.values() if p.key == bound_key or p.visible(viewer)]
    context = viewer.context()
    for panel in shown:
        context.update(panel.context(viewer, bound_form if panel.key == bound_key else None))
    case = viewer.case
    context.update(
        panels={p.key for p in shown},
        assignments=list(case.assignments.select_related("lawyer", "assigned_by")) if viewer.works else [],
        access_log=list(case.access_log.select_related("user", "document")[:20]) if viewer.manager else [],
    )
    return context
