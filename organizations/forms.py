from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.models import Center
from core.geography import Governorate
from organizations.models import (
    PROFILE_FIELDS,
    AssessmentKind,
    AssessmentTemplate,
    DocumentKind,
    LeadershipMember,
    MembershipRole,
    Organization,
    OrganizationDocument,
    RegistrationStatus,
    TargetGroup,
    ThematicArea,
    VerificationStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganizationForm(forms.ModelForm):
    thematic_areas = forms.MultipleChoiceField(
        label=_("Thematic areas"), choices=ThematicArea.choices, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Organization
        fields = PROFILE_FIELDS
        widgets = {
            "registration_date": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
            "website": forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"}),
            "facebook": forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://facebook.com/…"}),
            "instagram": forms.URLInput(attrs={"dir": "ltr"}),
            "x_twitter": forms.URLInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["nearest_centre"]).queryset = Center.objects.filter(is_active=True)
        self.fields["founded_year"].widget.attrs.update({"min": 1900, "max": timezone.localdate().year})

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("The year founded cannot be in the future."))
        if year and year < 1900:
            raise forms.ValidationError(_("Please check the year founded."))
        return year

    def clean_registration_date(self):
        day = self.cleaned_data.get("registration_date")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The registration date cannot be in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("registration_status")
        if status in (RegistrationStatus.REGISTERED, RegistrationStatus.IN_PROCESS) and not cleaned.get(
            "registration_authority"
        ):
            self.add_error("registration_authority", _("Choose the authority the organisation is registered with."))
        if status == RegistrationStatus.REGISTERED and not cleaned.get("registration_number"):
            self.add_error("registration_number", _("Enter the registration number."))
        if status == RegistrationStatus.NOT_REGISTERED:
            cleaned["registration_authority"] = ""
            cleaned["registration_number"] = ""
            cleaned["registration_date"] = None
        return cleaned


class LeadershipForm(forms.ModelForm):
    class Meta:
        model = LeadershipMember
        fields = ["full_name", "body", "position", "is_head", "sex", "birth_year", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("The birth year cannot be in the future."))
        return year


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"dir": "ltr"}))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = OrganizationDocument
        fields = ["kind", "title", "file", "expires_on"]
        widgets = {"expires_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = DocumentKind.choices


class VerifyForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(v, label) for v, label in VerificationStatus.choices if v != VerificationStatus.PENDING],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason, shown to the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when changes are needed or the organisation is rejected."),
    )


class AssessmentStartForm(forms.Form):
    template: "forms.ModelChoiceField[AssessmentTemplate]" = forms.ModelChoiceField(
        label=_("Tool"), queryset=AssessmentTemplate.objects.filter(is_active=True)
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AssessmentKind.choices)
    assessed_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    participants = forms.CharField(label=_("Taking part for the organisation"), required=False, max_length=300)

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


SCORE_CHOICES = [("", "–"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


class AssessmentScoresForm(forms.Form):
    """One score (1-4) and note per indicator, grouped by dimension in the template."""

    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    finalize = forms.BooleanField(label=_("Mark as final (no further changes)"), required=False)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        self.fields["notes"].initial = assessment.notes
        for score in assessment.scores.all():
            key = f"score_{score.indicator_id}"
            self.fields[key] = forms.TypedChoiceField(
                label=score.indicator.text,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=score.score,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{score.indicator_id}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500, initial=score.note
            )
            self.rows.append(score)

    def scores(self) -> dict[int, tuple]:
        return {
            s.indicator_id: (
                self.cleaned_data.get(f"score_{s.indicator_id}"),
                self.cleaned_data.get(f"note_{s.indicator_id}", ""),
            )
            for s in self.rows
        }


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    governorate = forms.ChoiceField(
        label=_("Governorate"), choices=[("", _("All")), *Governorate.choices], required=False
    )
    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Center.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    thematic_area = forms.ChoiceField(
        label=_("Thematic area"), choices=[("", _("All")), *ThematicArea.choices], required=False
    )
    verification_status = forms.ChoiceField(
        label=_("Verification"), choices=[("", _("All")), *VerificationStatus.choices], required=False
    )
    women_led = forms.BooleanField(label=_("Women-led"), required=False)
    youth_led = forms.BooleanField(label=_("Youth-led"), required=False)


class PublicDirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    governorate = forms.ChoiceField(
        label=_("Governorate"), choices=[("", _("All")), *Governorate.choices], required=False
    )


class IndicatorsForm(forms.Form):
    at = forms.DateField(label=_("On"), widget=DATE, required=False)
    verified_only = forms.BooleanField(label=_("Verified organisations only"), required=False)
