from django import forms
from django.utils.translation import gettext_lazy as _

from centers.models import Center
from core.geography import Governorate
from grants.models import (
    Application,
    BudgetLine,
    Clarification,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    RequiredAttachment,
)
from organizations.models import ThematicArea

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LANGUAGE_LABELS = {"en": _("in English"), "ar": _("in Arabic"), "ckb": _("in Kurdish")}


def label_translations(form, *names):
    """'Title in Arabic' and so on for modeltranslation's per-language fields; English is required."""
    for name in names:
        for language, suffix in LANGUAGE_LABELS.items():
            field = form.fields.get(f"{name}_{language}")
            if field is not None:
                field.label = f"{form._meta.model._meta.get_field(name).verbose_name.capitalize()} {suffix}"
                field.required = language == "en"


class CallForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=ThematicArea.choices, widget=forms.CheckboxSelectMultiple
    )
    eligible_governorates = forms.MultipleChoiceField(
        label=_("Eligible governorates"),
        choices=Governorate.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty for all governorates."),
    )
    eligible_centres = forms.ModelMultipleChoiceField(
        label=_("Eligible centres"),
        queryset=Center.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty for all centres."),
    )

    class Meta:
        model = GrantCall
        fields = [
            "code",
            "title_en",
            "title_ar",
            "title_ckb",
            "description_en",
            "description_ar",
            "description_ckb",
            "themes",
            "eligible_centres",
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
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
            "description_ckb": forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "title_ckb": forms.TextInput(attrs={"dir": "rtl"}),
            "code": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_translations(self, "title", "description")
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
            self.fields[name].help_text = _("Iraq time.")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = EvaluationCriterion
        fields = ["title_en", "title_ar", "title_ckb", "max_score", "weight", "threshold", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_translations(self, "title")


class EligibilityForm(forms.ModelForm):
    class Meta:
        model = EligibilityCriterion
        fields = ["text_en", "text_ar", "text_ckb", "auto_check", "year", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_translations(self, "text")


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = RequiredAttachment
        fields = ["name_en", "name_ar", "name_ckb", "is_required", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_translations(self, "name")


CriteriaFormSet = forms.inlineformset_factory(
    GrantCall, EvaluationCriterion, form=CriterionForm, extra=1, can_delete=True
)
EligibilityFormSet = forms.inlineformset_factory(
    GrantCall, EligibilityCriterion, form=EligibilityForm, extra=1, can_delete=True
)
AttachmentFormSet = forms.inlineformset_factory(
    GrantCall, RequiredAttachment, form=AttachmentForm, extra=1, can_delete=True
)


class ClarificationForm(forms.ModelForm):
    class Meta:
        model = Clarification
        fields = ["question_en", "question_ar", "question_ckb", "answer_en", "answer_ar", "answer_ckb"]
        widgets = {
            f"{name}_{language}": forms.Textarea(attrs={"rows": 2})
            for name in ("question", "answer")
            for language in ("en", "ar", "ckb")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_translations(self, "question", "answer")


class ProjectSectionForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["title", "summary", "objectives"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "objectives": forms.Textarea(attrs={"rows": 4})}


class ActivitiesSectionForm(forms.ModelForm):
    locations = forms.MultipleChoiceField(
        label=_("Locations"), choices=Governorate.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Application
        fields = ["activities", "duration_months", "locations"]
        widgets = {"activities": forms.Textarea(attrs={"rows": 6})}


class BeneficiariesSectionForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "beneficiaries_women_youth",
            "beneficiaries_women_adult",
            "beneficiaries_men_youth",
            "beneficiaries_men_adult",
            "beneficiaries_children",
        ]


class CofinancingForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["cofinancing"]


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description", "unit", "quantity", "unit_cost"]


class SubmitForm(forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "I declare, for the organisation, that the information given is true, that the organisation is eligible, "
            "and that it will use the grant only for this project."
        ),
        required=False,
    )


SECTION_FORMS = {
    "project": ProjectSectionForm,
    "activities": ActivitiesSectionForm,
    "beneficiaries": BeneficiariesSectionForm,
    "budget": CofinancingForm,
}


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("eligible", _("Eligible")), ("ineligible", _("Not eligible"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
