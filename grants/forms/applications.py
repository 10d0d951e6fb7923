"""Forms of an application: its sections, budget lines, the declaration, the call's questions and
the centre staff's help."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user

from accounts.roles import Role
from centers.models import Center
from core.geography import Governorate
from grants.models import (
    Application,
    ApplicationAnswer,
    BudgetLine,
    QuestionKind,
)
from organizations.models import Organization, VerificationStatus


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


class HelpApplyForm(forms.Form):
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    consent_note = forms.CharField(
        label=_("How the organisation asked for help and agreed"),
        max_length=300,
        help_text=_("For example: its director asked in person on 3 May and agreed that staff submit for it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)
        allowed = user.is_authenticated and user.has_role(Role.CENTRE_STAFF, Role.CENTRE_MANAGER)
        self.organizations = (
            Organization.objects.filter(
                nearest_centre__in=centres, verification_status=VerificationStatus.VERIFIED
            ).order_by("name")
            if allowed
            else Organization.objects.none()
        )
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = self.organizations


TABLE_ROWS = 5


class AnswersForm(forms.Form):
    """The call's own questions, in the reader's language. Required answers are checked at
    submission, so a draft can be saved half-filled."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            old = answers.get(question.pk)
            value = old.value if old else None
            if question.kind == QuestionKind.TABLE:
                self._add_table(question, value)
            else:
                self.fields[f"q{question.pk}"] = _answer_field(question, value)

    def _add_table(self, question, value) -> None:
        """A table answer: TABLE_ROWS rows of one text field per column."""
        for row in range(TABLE_ROWS):
            for column, header in enumerate(question.option_list()):
                cell = (value or [[]] * TABLE_ROWS)[row] if value and row < len(value) else []
                self.fields[f"q{question.pk}_r{row}_c{column}"] = forms.CharField(
                    label=f"{header} {row + 1}",
                    required=False,
                    initial=cell[column] if column < len(cell) else "",
                )

    def clean(self):
        cleaned = super().clean() or {}
        for question in self.questions:
            upload = cleaned.get(f"q{question.pk}") if question.kind == QuestionKind.FILE else None
            if upload:
                try:
                    ApplicationAnswer._meta.get_field("file").run_validators(upload)
                except forms.ValidationError as error:
                    self.add_error(f"q{question.pk}", error)
        return cleaned

    def values(self) -> dict:
        """{question id: value} for the answered questions (files separately)."""
        result: dict[int, object] = {}
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.TABLE:
                rows = [
                    [self.cleaned_data.get(f"{name}_r{row}_c{col}", "") for col in range(len(question.option_list()))]
                    for row in range(TABLE_ROWS)
                ]
                result[question.pk] = [row for row in rows if any(row)]
            elif question.kind == QuestionKind.FILE:
                if self.cleaned_data.get(name):
                    result[question.pk] = self.cleaned_data[name]
            else:
                value = self.cleaned_data.get(name)
                result[question.pk] = (
                    str(value)
                    if value is not None and question.kind in (QuestionKind.NUMBER, QuestionKind.DATE)
                    else value
                )
        return result


def _answer_field(question, value) -> forms.Field:
    """The field for one question of any kind but a table, showing the stored answer."""
    options = [(str(i), text) for i, text in enumerate(question.option_list())]
    common = {"label": question.label, "help_text": question.help, "required": False}
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), initial=value, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(initial=value, **common)
    if question.kind == QuestionKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), initial=value, **common)
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, initial=value, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, initial=value, **common)
    if question.kind == QuestionKind.FILE:
        return forms.FileField(**common)
    return forms.CharField(max_length=500, initial=value, **common)
