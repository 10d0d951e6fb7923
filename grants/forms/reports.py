"""Forms after signature: the report schedule, the report and its receipts, its review, an
amendment and the decision on it."""

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.forms.common import line_amount
from grants.models import (
    BENEFICIARY_FIELDS,
    AgreementBudgetLine,
    AmendmentKind,
    GrantReport,
    ReportKind,
)


class ReportScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))


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
            self.fields[f"line_{row.line.pk}"] = line_amount(row, initial=row.this_report or None)

    def beneficiary_fields(self):
        return [self[name] for name in BENEFICIARY_FIELDS]

    def expense_fields(self):
        return [(row, self[f"line_{row.line.pk}"]) for row in self.rows]

    def expenses(self) -> dict:
        return {row.line.pk: self.cleaned_data.get(f"line_{row.line.pk}") or Decimal("0") for row in self.rows}


class ReceiptForm(forms.Form):
    file = forms.FileField(label=_("Receipt (PDF or photo)"))
    line: "forms.ModelChoiceField[AgreementBudgetLine]" = forms.ModelChoiceField(
        label=_("Budget line"), queryset=None, required=False, empty_label=_("Several lines")
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["line"]).queryset = agreement.budget_lines.all()


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
            self.fields[f"line_{row.line.pk}"] = line_amount(row, initial=row.budget)

    def line_fields(self):
        return [(row, self[f"line_{row.line.pk}"]) for row in self.rows]

    def clean(self):
        data = super().clean() or {}
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
