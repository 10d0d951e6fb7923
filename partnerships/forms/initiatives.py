"""Forms of the joint initiatives' pages. They keep what was typed on a refusal; the rules that need
the database (one signature per CSO, the window, the frozen text) are the services'."""

import hashlib
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.uploads import UploadValidator
from organizations.models import Organization
from partnerships.models import (
    AdvocacyOutcome,
    AdvocacyTarget,
    Coalition,
    Delivery,
    InitiativeKind,
    PaperSignature,
    TargetResponse,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_ROWS = 14


def _text_field(label) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=20000, strip=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS, "dir": "auto"})
    )


class InitiativeForm(forms.Form):
    """A new initiative: the CSO that leads it (one the person administers), its coalition if any."""

    organization = forms.ModelChoiceField(label=_("Led by"), queryset=Organization.objects.none(), empty_label=None)
    coalition = forms.ModelChoiceField(
        label=_("Coalition (optional)"), queryset=Coalition.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Type"), choices=InitiativeKind.choices)
    title = forms.CharField(label=_("Title"), max_length=250, widget=forms.TextInput(attrs={"dir": "auto"}))
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    text = _text_field(_("Text"))

    def __init__(self, *args, organizations=None, coalitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )
        cast(forms.ModelChoiceField, self.fields["coalition"]).queryset = (
            coalitions if coalitions is not None else Coalition.objects.none()
        )


class VersionForm(forms.Form):
    """The draft's text, saved as a new version."""

    title = forms.CharField(label=_("Title"), max_length=250, widget=forms.TextInput(attrs={"dir": "auto"}))
    text = _text_field(_("Text"))
    note = forms.CharField(
        label=_("What changed (optional)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class PublishForm(forms.Form):
    opens_on = forms.DateField(label=_("Signatures open on"), widget=DATE)
    closes_on = forms.DateField(label=_("Signatures close on"), widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )


class SignForm(forms.Form):
    """The CSO the person signs for (or withdraws the signature of): one she administers."""

    organization = forms.ModelChoiceField(
        label=_("Sign for"),
        queryset=Organization.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("You can sign only for a verified CSO you administer.")},
    )

    def __init__(self, *args, organizations=(), label=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organization"])
        if label is not None:
            field.label = label
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations]).order_by("name", "pk")


class PaperSignatureForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("CSO on the platform (if it is one)"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Leave empty for an organisation that is not on the platform."),
    )

    class Meta:
        model = PaperSignature
        fields = ["organization", "organization_name", "signatory_name", "signed_on", "proof"]
        widgets = {
            "signed_on": DATE,
            "organization_name": forms.TextInput(attrs={"dir": "auto"}),
            "signatory_name": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )
        self.fields["organization_name"].required = False
        self.fields["organization_name"].help_text = _("Filled with the CSO's name when left empty.")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("organization") and not (cleaned.get("organization_name") or "").strip():
            self.add_error("organization_name", _("Write the organisation's name as it is on the paper."))
        return cleaned


class TargetForm(forms.ModelForm):
    class Meta:
        model = AdvocacyTarget
        fields = ["kind", "name"]
        widgets = {"name": forms.TextInput(attrs={"dir": "auto"})}


class DeliveryForm(forms.ModelForm):
    class Meta:
        model = Delivery
        fields = ["delivered_on", "method", "note"]
        widgets = {
            "delivered_on": DATE,
            "method": forms.TextInput(attrs={"dir": "auto"}),
            "note": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }


class ResponseForm(forms.ModelForm):
    class Meta:
        model = TargetResponse
        fields = ["received_on", "summary", "evidence_link", "evidence_file"]
        widgets = {"received_on": DATE, "summary": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = AdvocacyOutcome
        fields = ["kind", "occurred_on", "description", "evidence_link", "evidence_file"]
        widgets = {"occurred_on": DATE, "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if (
            not cleaned.get("evidence_link")
            and not cleaned.get("evidence_file")
            and not self.has_error("evidence_file")
        ):
            self.add_error("evidence_link", _("Give the evidence: a link or a file."))
        return cleaned


class VerifyForm(forms.Form):
    """The public check: the PDF itself, or the code printed on it."""

    code = forms.CharField(label=_("Verification code"), max_length=32, required=False)
    file = forms.FileField(
        label=_("The PDF of the signature list"),
        required=False,
        validators=[UploadValidator(kinds=("pdf",))],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("code") and not cleaned.get("file") and not self.errors:
            raise forms.ValidationError(_("Choose the PDF file of the list, or type the code printed on it."))
        return cleaned

    def file_sha256(self) -> str | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        return digest.hexdigest()
