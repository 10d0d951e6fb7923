"""The partner directory's filters, the partner and contact forms, and the forms that record and
end a relationship (the other party, and the relationship as this party reads it)."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AnyUser, User
from accounts.roles import Role
from core.geography import Governorate
from partnerships.models import Partner, PartnerContact, PartnerKind, RelationshipKind
from partnerships.models.partners import CONTACT_FIELDS, PARTNER_FIELDS, RELATIONSHIP_LABELS, SYMMETRIC_KINDS
from partnerships.selectors import partners as selectors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
INVERSE = ":inverse"  # a relationship choice read from the target's end ("is mentored by")


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    governorate = forms.ChoiceField(label=_("Works in (governorate)"), required=False)

    def __init__(self, *args, user: AnyUser, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [*everything, *PartnerKind.choices]
        countries = [(code, code) for code in selectors.partner_countries(user)]
        cast(forms.ChoiceField, self.fields["country"]).choices = [*everything, *countries]
        cast(forms.ChoiceField, self.fields["governorate"]).choices = [*everything, *Governorate.choices]


class PartnerForm(forms.ModelForm):
    """The partner's profile; the centre among those the person manages (programme admins may
    leave it empty: a partner of the whole programme)."""

    country = forms.CharField(
        label=_("Country"),
        max_length=60,
        help_text=_("The country of its seat (two-letter ISO code, e.g. JO, TN, DE)."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "characters", "size": 3}),
    )
    iraq_governorates = forms.MultipleChoiceField(
        label=_("Governorates where it works in Iraq"),
        choices=Governorate.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Partner
        fields = PARTNER_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "website": forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        centre = cast(forms.ModelChoiceField, self.fields["centre"])
        centre.queryset = selectors.manageable_centres(user)
        if not user.has_role(Role.PROGRAMME_ADMIN):
            centre.required = True
            centre.empty_label = None

    def clean_country(self) -> str:
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if len(country) != 2 or not country.isascii() or not country.isalpha():
            raise forms.ValidationError(_("Give the country's two-letter code (for example JO, TN or DE)."))
        return country


class ContactForm(forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = CONTACT_FIELDS
        widgets = {
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "off"}),
        }


def relationship_choices() -> list[tuple[str, Any]]:
    """Each kind as the party on whose page the form is read: "mentors" and "is mentored by" (one
    choice for a symmetric kind, which reads the same both ways)."""
    choices: list[tuple[str, Any]] = []
    for kind in RelationshipKind:
        as_source, as_target = RELATIONSHIP_LABELS[kind]
        choices.append((kind.value, as_source))
        if kind not in SYMMETRIC_KINDS:
            choices.append((f"{kind.value}{INVERSE}", as_target))
    return choices


class RelationshipForm(forms.Form):
    """`<this party> <relationship> <other>`, since (until) a date, with the evidence for it."""

    kind = forms.ChoiceField(
        label=_("Relationship"), help_text=_("As this organisation reads it: it … the other party.")
    )
    other = forms.ChoiceField(label=_("Other party"))
    started_on = forms.DateField(label=_("Since"), widget=DATE)
    ended_on = forms.DateField(
        label=_("Until"),
        widget=DATE,
        required=False,
        help_text=_("Only for a relationship that has already ended."),
    )
    description = forms.CharField(
        label=_("What it consists of"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    evidence_link = forms.URLField(
        label=_("Evidence (link)"), required=False, widget=forms.URLInput(attrs={"dir": "ltr"})
    )
    evidence_file = forms.FileField(
        label=_("Evidence (file)"), required=False, help_text=_("A PDF, Word document or picture; staff see it.")
    )

    def __init__(self, *args, party, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "—"), *relationship_choices()]
        groups = {"organizations": _("Iraqi organisations"), "partners": _("Partners")}
        cast(forms.ChoiceField, self.fields["other"]).choices = [
            ("", "—"),
            *((groups[group], options) for group, options in selectors.party_choices(exclude=party)),
        ]

    def clean_other(self):
        other = selectors.party_from_key(self.cleaned_data["other"])
        if other is None:
            raise forms.ValidationError(_("Choose the other party from the list."))
        return other

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        kind = data.pop("kind")
        return {
            **data,
            "kind": kind.removesuffix(INVERSE),
            "inverse": kind.endswith(INVERSE),
            "evidence_file": data.get("evidence_file") or None,
        }


class RelationshipEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE, initial=timezone.localdate)
