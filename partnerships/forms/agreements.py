"""The forms of the agreement pages. The services decide; these keep what was typed when they
refuse (a refused upload cannot be kept by the browser, everything else is)."""

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from centers.models import Center
from organizations.models import Organization
from partnerships.models import Agreement, AgreementKind, AgreementParty, AgreementStatus, ObligationStatus, Partner
from partnerships.permissions import STAFF

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganizationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name


class PartnerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name


class AgreementFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *AgreementStatus.choices])
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *AgreementKind.choices])
    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Centre"), required=False, queryset=Center.objects.filter(is_active=True), empty_label=_("All")
    )
    expiring = forms.BooleanField(label=_("Expiring within 60 days"), required=False)


class AgreementForm(forms.ModelForm):
    """The agreement's text and centre; on a new draft, its parties too."""

    organizations = OrganizationChoice(
        label=_("CSOs that are parties"), required=False, queryset=Organization.objects.order_by("name")
    )
    partners = PartnerChoice(label=_("Partners that are parties"), required=False, queryset=Partner.objects.all())

    class Meta:
        model = Agreement
        fields = ["title", "kind", "purpose", "centre"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, centres: QuerySet[Center], programme_wide: bool, with_parties: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        centre = cast(forms.ModelChoiceField, self.fields["centre"])
        centre.queryset = centres
        centre.required = not programme_wide
        if programme_wide:
            centre.empty_label = str(_("The whole programme"))
        if not with_parties:
            del self.fields["organizations"]
            del self.fields["partners"]


class PartyAddForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("A CSO"), required=False, queryset=Organization.objects.none())
    partner = forms.ModelChoiceField(label=_("or a partner"), required=False, queryset=Partner.objects.none())

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        parties = agreement.parties.all()
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = Organization.objects.exclude(
            pk__in=[p.organization_id for p in parties if p.organization_id]
        ).order_by("name")
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = Partner.objects.exclude(
            pk__in=[p.partner_id for p in parties if p.partner_id]
        )


class PartySignForm(forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["signatory_name", "signatory_title", "signed_on"]
        widgets = {"signed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory_name"].required = True
        self.fields["signed_on"].required = True


class SignForm(forms.Form):
    """Every field optional here: the service names everything still missing at once."""

    starts_on = forms.DateField(label=_("In force from"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE)
    signed_copy = forms.FileField(
        label=_("Signed copy"),
        required=False,
        help_text=_("A PDF, or a photo of the signed pages (PNG or JPEG). Only the parties' admins and staff see it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class TerminateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the agreement terminated?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    terminated_on = forms.DateField(
        label=_("Terminated on"), required=False, widget=DATE, help_text=_("Today if left empty.")
    )


def owner_choices(agreement: Agreement) -> QuerySet[User]:
    """Who may follow an obligation up: programme staff, and the members of the CSO parties."""
    organizations = [p.organization_id for p in agreement.parties.all() if p.organization_id]
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=sorted(STAFF)) | Q(cso_memberships__organization__in=organizations))
        .distinct()
        .order_by("full_name", "email")
    )


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class ObligationForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=AgreementParty.objects.none())
    description = forms.CharField(label=_("Obligation"), max_length=500)
    owner = OwnerChoice(label=_("Followed up by"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["party"]).queryset = AgreementParty.objects.filter(
            agreement=agreement
        ).select_related("organization", "partner")
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owner_choices(agreement)


class ObligationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ObligationStatus.choices)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
