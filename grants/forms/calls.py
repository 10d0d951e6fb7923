"""Forms of a call: the call, its grid, criteria, documents, questions and clarifications."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from centers.models import Center
from core.forms import label_translations
from core.geography import Governorate
from grants.forms.common import BOUNDS, DATETIME
from grants.models import (
    CallQuestion,
    Clarification,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    RequiredAttachment,
)
from organizations.models import ThematicArea


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
    eligible_centres: "forms.ModelMultipleChoiceField[Center]" = forms.ModelMultipleChoiceField(
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
            "full_proposal_deadline",
            "reviewers_per_application",
            "anonymous_review",
            "overall_threshold",
        ]
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "full_proposal_deadline": DATETIME,
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
        for name in ("opens_at", "closes_at", "full_proposal_deadline"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = ["%Y-%m-%dT%H:%M"]
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
    GrantCall, EvaluationCriterion, form=CriterionForm, extra=1, max_num=20, absolute_max=30, **BOUNDS
)


EligibilityFormSet = forms.inlineformset_factory(
    GrantCall, EligibilityCriterion, form=EligibilityForm, extra=1, max_num=30, absolute_max=40, **BOUNDS
)


AttachmentFormSet = forms.inlineformset_factory(
    GrantCall, RequiredAttachment, form=AttachmentForm, extra=1, max_num=20, absolute_max=30, **BOUNDS
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


class QuestionForm(forms.ModelForm):
    class Meta:
        model = CallQuestion
        fields = [
            "label_en",
            "label_ar",
            "label_ckb",
            "help_en",
            "help_ar",
            "help_ckb",
            "kind",
            "required",
            "options_en",
            "options_ar",
            "options_ckb",
            "show_if_question",
            "show_if_value",
            "order",
        ]
        widgets = {f"options_{language}": forms.Textarea(attrs={"rows": 2}) for language in ("en", "ar", "ckb")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_translations(self, "label", "help", "options")
        self.fields["help_en"].required = False
        self.fields["options_en"].required = False
        call_id = self.instance.call_id
        cast(forms.ModelChoiceField, self.fields["show_if_question"]).queryset = (
            CallQuestion.objects.filter(call_id=call_id).exclude(pk=self.instance.pk)
            if call_id
            else CallQuestion.objects.none()
        )


QuestionFormSet = forms.inlineformset_factory(
    GrantCall, CallQuestion, form=QuestionForm, fk_name="call", extra=1, max_num=50, absolute_max=60, **BOUNDS
)
