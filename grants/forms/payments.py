"""Forms of payments and the ledger: a payment, its reversal, exchange rates, the payments filter."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import (
    Currency,
    GrantCall,
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


class ExchangeRateForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=[c for c in Currency.choices if c[0] != Currency.EUR])
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    per_euro = forms.DecimalField(
        label=_("Units for one euro"), min_value=Decimal("0.000001"), max_digits=18, decimal_places=6
    )


class PaymentFilterForm(forms.Form):
    call: "forms.ModelChoiceField[GrantCall]" = forms.ModelChoiceField(
        label=_("Call"), queryset=GrantCall.objects.all(), required=False, to_field_name="code"
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=[("", _("All"))] + Currency.choices, required=False)
