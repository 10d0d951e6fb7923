from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.models import Center
from core.geography import Governorate
from grants.models import (
    BENEFICIARY_FIELDS,
    AmendmentKind,
    Application,
    ApplicationAnswer,
    BudgetLine,
    CallQuestion,
    Clarification,
    ConditionKind,
    Currency,
    Decision,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    GrantReport,
    MentoringVisit,
    ReportKind,
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


# Every formset has a maximum far above a real call and far below harm: a post that claims more
# forms is refused with a form error after building at most `absolute_max` forms.
BOUNDS = {"validate_max": True, "can_delete": True}

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


class AssignReviewersForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(label=_("Reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewers
        self.fields["reviewers"].label_from_instance = lambda user: (
            _("%(name)s (%(count)d open reviews)")
            % {
                "name": user.full_name,
                "count": user.open_reviews,
            }
        )


class DeclarationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Declaration"),
        choices=[
            (
                "none",
                _("I have no conflict of interest with this applicant and will keep the application confidential."),
            ),
            (
                "conflict",
                _("I have a conflict of interest (for example a family, work or financial link) and withdraw."),
            ),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False)


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", "–"), ("fund", _("Fund")), ("conditions", _("Fund with changes")), ("reject", _("Do not fund"))],
    )
    comment = forms.CharField(label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            old = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.title} (0-{criterion.max_score})",
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=2,
                initial=old.score if old else None,
            )
            self.fields[f"na_{criterion.pk}"] = forms.BooleanField(
                label=_("Not applicable"), required=False, initial=old.not_applicable if old else False
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, initial=old.comment if old else ""
            )

    def scores(self) -> dict:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"na_{c.pk}", False),
                self.cleaned_data.get(f"note_{c.pk}", ""),
            )
            for c in self.criteria
        }


class ConsensusForm(forms.Form):
    score = forms.DecimalField(
        label=_("Consensus score (out of 100)"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    comment = forms.CharField(label=_("Consensus comments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the decision departs from the ranking."),
    )


class HelpApplyForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    consent_note = forms.CharField(
        label=_("How the organisation asked for help and agreed"),
        max_length=300,
        help_text=_("For example: its director asked in person on 3 May and agreed that staff submit for it."),
    )

    def __init__(self, *args, user, **kwargs):
        from guardian.shortcuts import get_objects_for_user

        from organizations.models import Organization

        super().__init__(*args, **kwargs)
        centres = get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)
        allowed = user.is_authenticated and user.has_role("centre_staff", "centre_manager")
        self.fields["organization"].queryset = (
            Organization.objects.filter(nearest_centre__in=centres, verification_status="verified").order_by("name")
            if allowed
            else Organization.objects.none()
        )


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
        self.fields["show_if_question"].queryset = (
            CallQuestion.objects.filter(call_id=call_id).exclude(pk=self.instance.pk)
            if call_id
            else CallQuestion.objects.none()
        )


QuestionFormSet = forms.inlineformset_factory(
    GrantCall, CallQuestion, form=QuestionForm, fk_name="call", extra=1, max_num=50, absolute_max=60, **BOUNDS
)

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
            name = f"q{question.pk}"
            options = [(str(i), text) for i, text in enumerate(question.option_list())]
            common = {"label": question.label, "help_text": question.help, "required": False}
            if question.kind == "long_text":
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), initial=value, **common)
            elif question.kind == "number":
                field = forms.DecimalField(initial=value, **common)
            elif question.kind == "date":
                field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), initial=value, **common)
            elif question.kind == "single":
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, initial=value, **common)
            elif question.kind == "multiple":
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple, initial=value, **common
                )
            elif question.kind == "file":
                field = forms.FileField(**common)
            elif question.kind == "table":
                for row in range(TABLE_ROWS):
                    for column, header in enumerate(question.option_list()):
                        cell = (value or [[]] * TABLE_ROWS)[row] if value and row < len(value) else []
                        self.fields[f"{name}_r{row}_c{column}"] = forms.CharField(
                            label=f"{header} {row + 1}",
                            required=False,
                            initial=cell[column] if column < len(cell) else "",
                        )
                continue
            else:
                field = forms.CharField(max_length=500, initial=value, **common)
            self.fields[name] = field

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            upload = cleaned.get(f"q{question.pk}") if question.kind == "file" else None
            if upload:
                try:
                    ApplicationAnswer._meta.get_field("file").run_validators(upload)
                except forms.ValidationError as error:
                    self.add_error(f"q{question.pk}", error)
        return cleaned

    def values(self) -> dict:
        """{question id: value} for the answered questions (files separately)."""
        result = {}
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == "table":
                rows = [
                    [self.cleaned_data.get(f"{name}_r{row}_c{col}", "") for col in range(len(question.option_list()))]
                    for row in range(TABLE_ROWS)
                ]
                result[question.pk] = [row for row in rows if any(row)]
            elif question.kind == "file":
                if self.cleaned_data.get(name):
                    result[question.pk] = self.cleaned_data[name]
            else:
                value = self.cleaned_data.get(name)
                result[question.pk] = str(value) if value is not None and question.kind in ("number", "date") else value
        return result


class AgreementForm(forms.Form):
    number = forms.CharField(label=_("Agreement number"), max_length=40, widget=forms.TextInput(attrs={"dir": "ltr"}))
    amount = forms.DecimalField(label=_("Grant amount"), min_value=Decimal("0.001"), max_digits=18, decimal_places=3)
    start_date = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))
    special_conditions = forms.CharField(
        label=_("Special conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TrancheRowForm(forms.Form):
    """A tranche as an amount, or as a percentage of the grant; `id` names the tranche a row changes
    (empty for a new one)."""

    id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=Decimal("0.001"), max_digits=18, decimal_places=3
    )
    percent = forms.DecimalField(
        label=_("or percentage of the grant"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
    )
    planned_date = forms.DateField(label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}))
    conditions = forms.MultipleChoiceField(
        label=_("Release conditions"),
        choices=ConditionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("DELETE") and data.get("amount") is None and data.get("percent") is None:
            self.add_error("amount", _("Give an amount or a percentage."))
        return data


TrancheFormSet = forms.formset_factory(
    TrancheRowForm,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=12,
    validate_max=True,
    absolute_max=20,
    can_delete=True,
)


class SignForm(forms.Form):
    signed_copy = forms.FileField(label=_("Signed copy (PDF or photo)"))
    cso_date = forms.DateField(label=_("Signed by the organisation on"), widget=forms.DateInput(attrs={"type": "date"}))
    programme_date = forms.DateField(
        label=_("Signed by the programme on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Bank reference"), max_length=100, widget=forms.TextInput(attrs={"dir": "ltr"}))
    paid_currency = forms.ChoiceField(label=_("Currency paid"), choices=Currency.choices)
    exchange_rate = forms.DecimalField(
        label=_("Exchange rate"), required=False, min_value=Decimal("0.000001"), max_digits=18, decimal_places=6
    )


class ReverseForm(forms.Form):
    note = forms.CharField(label=_("Why is the payment reversed?"), max_length=300)


class VisitForm(forms.ModelForm):
    class Meta:
        model = MentoringVisit
        fields = ["kind", "held_on", "mentor", "topics", "findings"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}), "findings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda user: user.full_name or user.email

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Record a visit once it has taken place."))
        return held_on


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Agreed action"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


ActionFormSet = forms.formset_factory(ActionForm, extra=3, max_num=10, validate_max=True, absolute_max=20)


# --- Reports, amendments, close-out, exchange rates -----------------------------------------------


class ReportScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))


def _line_amount(row, *, initial) -> forms.DecimalField:
    """An amount for one budget line (spending in a report, a new amount in a reallocation)."""
    return forms.DecimalField(
        label=row.line.description,
        required=False,
        min_value=Decimal("0"),
        max_digits=18,
        decimal_places=3,
        initial=initial,
        widget=forms.NumberInput(attrs={"step": "0.001", "dir": "ltr"}),
    )


class ReportForm(forms.ModelForm):
    """The report as the grantee writes it; one spending field per line of the current budget."""

    class Meta:
        model = GrantReport
        fields = ["narrative", *BENEFICIARY_FIELDS]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"line_{row.line.pk}"] = _line_amount(row, initial=row.this_report or None)

    def beneficiary_fields(self):
        return [self[name] for name in BENEFICIARY_FIELDS]

    def expense_fields(self):
        return [(row, self[f"line_{row.line.pk}"]) for row in self.rows]

    def expenses(self) -> dict:
        return {row.line.pk: self.cleaned_data.get(f"line_{row.line.pk}") or Decimal("0") for row in self.rows}


class ReceiptForm(forms.Form):
    file = forms.FileField(label=_("Receipt (PDF or photo)"))
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None, required=False, empty_label=_("Several lines"))

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = agreement.budget_lines.all()


class ReviewReportForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments for the organisation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change asked for"), choices=AmendmentKind.choices, widget=forms.RadioSelect)
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 4}))
    new_end_date = forms.DateField(
        label=_("New end date (for an extension)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"line_{row.line.pk}"] = _line_amount(row, initial=row.budget)

    def line_fields(self):
        return [(row, self[f"line_{row.line.pk}"]) for row in self.rows]

    def clean(self):
        data = super().clean()
        if data.get("kind") == AmendmentKind.EXTENSION and not data.get("new_end_date"):
            self.add_error("new_end_date", _("Give the new end date."))
        if data.get("kind") == AmendmentKind.REALLOCATION:
            for row in self.rows:
                if data.get(f"line_{row.line.pk}") is None and f"line_{row.line.pk}" not in self.errors:
                    self.add_error(f"line_{row.line.pk}", _("Give the new amount of this line (0 if none)."))
        return data

    def amounts(self) -> dict:
        return {row.line.pk: self.cleaned_data[f"line_{row.line.pk}"] for row in self.rows}


class DecisionCommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CancelTrancheForm(forms.Form):
    reason = forms.CharField(label=_("Why is the tranche cancelled?"), max_length=300)


class ExchangeRateForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=[c for c in Currency.choices if c[0] != Currency.EUR])
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    per_euro = forms.DecimalField(
        label=_("Units for one euro"), min_value=Decimal("0.000001"), max_digits=18, decimal_places=6
    )


class PaymentFilterForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Call"), queryset=GrantCall.objects.all(), required=False, to_field_name="code"
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=[("", _("All"))] + Currency.choices, required=False)
