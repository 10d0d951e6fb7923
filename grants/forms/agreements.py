"""Forms of an agreement: the agreement itself, the tranche schedule, the signature and a
tranche's cancellation."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import (
    ConditionKind,
)


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
        data = super().clean() or {}
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


class CancelTrancheForm(forms.Form):
    reason = forms.CharField(label=_("Why is the tranche cancelled?"), max_length=300)
