from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from centers.models import Center
from legal_aid.models import (
    REQUEST_FIELDS,
    Authority,
    Category,
    Channel,
    LegalCase,
    Outcome,
    ReferralOutcome,
    Status,
    TaskKind,
    Urgency,
    Visibility,
)

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the documented pattern of Django's file upload guide)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class PersonChoiceField(forms.ModelChoiceField):
    """People by name, else by e-mail address."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name or obj.email


def _lawyer_label(obj: Any, centres: dict[int, str]) -> str:
    return f"{obj.full_name or obj.email} · {centres.get(obj.pk, '')} ({obj.load})"


class LawyerChoiceField(forms.ModelChoiceField):
    """A lawyer with their centre and number of open cases (`centres` is {user id: centre name})."""

    centres: dict[int, str]

    def label_from_instance(self, obj: Any) -> str:
        return _lawyer_label(obj, self.centres)


class LawyersChoiceField(forms.ModelMultipleChoiceField):
    centres: dict[int, str]

    def label_from_instance(self, obj: Any) -> str:
        return _lawyer_label(obj, self.centres)


class RequestForm(forms.ModelForm):
    """A CSO member's request; `organizations` are the CSOs the person belongs to."""

    documents = MultipleFileField(
        label=_("Documents (PDF, Word or photos)"),
        required=False,
        help_text=_("Contracts, letters, decisions: whatever helps the lawyer understand the case."),
    )

    class Meta:
        model = LegalCase
        fields = ["organization", *REQUEST_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        labels = {"organization": _("Organisation")}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        organization = cast(forms.ModelChoiceField, self.fields["organization"])
        organization.queryset, organization.empty_label = organizations, None
        cast(forms.ModelChoiceField, self.fields["preferred_centre"]).queryset = Center.objects.filter(is_active=True)
        self.fields["consent_data_use"].required = True
        self.fields["consent_data_use"].error_messages["required"] = _(
            "Legal help needs the CSO's consent to the use of this information."
        )


class StaffRequestForm(RequestForm):
    channel = forms.ChoiceField(
        label=_("How the request came"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )

    class Meta(RequestForm.Meta):
        labels = {
            "organization": _("Organisation"),
            "consent_data_use": _("The CSO agreed that the programme uses this information to give legal help"),
            "consent_referral": _("The CSO agreed to be referred to another organisation if that helps"),
        }


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Do not accept"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason given to the CSO (if not accepted)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConflictForm(forms.Form):
    note = forms.CharField(label=_("Conflict check"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    primary = LawyerChoiceField(label=_("Primary lawyer"), queryset=None)
    additional = LawyersChoiceField(
        label=_("Additional lawyers"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, lawyers, centres, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("primary", "additional"):
            field = cast(LawyerChoiceField | LawyersChoiceField, self.fields[name])
            field.queryset, field.centres = lawyers, centres


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s, Status(s).label) for s in (Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED)],
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Visibility.choices, initial=Visibility.INTERNAL)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF, Word or photo)"))
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Visibility.choices, initial=Visibility.SHARED)


class TaskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices)
    title = forms.CharField(label=_("What"), max_length=200)
    due_at = forms.DateTimeField(label=_("When"), widget=DATETIME)
    assigned_to = PersonChoiceField(label=_("Who"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["assigned_to"]).queryset = people


class FilingForm(forms.Form):
    authority = forms.ChoiceField(label=_("Filed with"), choices=Authority.choices)
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)


class ReferralForm(forms.Form):
    organization_name = forms.CharField(label=_("Referred to"), max_length=200)
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label=_("Reason for referring without the CSO's consent (coordinator only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in ReferralOutcome.choices if c[0] != ReferralOutcome.PENDING]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "---------"), *Outcome.choices], required=False)
    summary = forms.CharField(
        label=_("Summary of the outcome (the CSO reads it)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the help?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + Status.choices, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[("", _("All"))] + Category.choices, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=[("", _("All"))] + Urgency.choices, required=False)
    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Centre"), queryset=Center.objects.filter(is_active=True), required=False
    )
    lawyer = PersonChoiceField(label=_("Lawyer"), queryset=None, required=False)

    def __init__(self, *args, manager: bool, **kwargs):
        """The lawyer filter is for the coordinator and admins only (it lists the lawyers)."""
        super().__init__(*args, **kwargs)
        if not manager:
            del self.fields["lawyer"]
            return
        lawyers = User.objects.filter(groups__name=Role.LAWYER).order_by("full_name")
        cast(PersonChoiceField, self.fields["lawyer"]).queryset = lawyers
