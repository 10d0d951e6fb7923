"""Forms of the decisions on applications: screening, consensus and the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import (
    Decision,
    Eligibility,
)


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, label) for value, label in Eligibility.choices if value != Eligibility.PENDING],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


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
