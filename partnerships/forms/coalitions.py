"""Forms of the coalition pages: a coalition (started or changed), a member added, a role changed,
a leaving recorded, and the list's search."""

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AnyUser
from centers.models import Center
from centers.selectors import centres_for_user
from organizations.models import Organization, VerificationStatus
from partnerships import permissions
from partnerships.models import Coalition, CoalitionKind, CoalitionRole, Partner
from partnerships.models.coalitions import COALITION_FIELDS
from partnerships.selectors.coalitions import startable_organizations


def _date() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class CoalitionSearchForm(forms.Form):
    """The list's filters (a GET form)."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *CoalitionKind.choices])


class CoalitionForm(forms.ModelForm):
    """A coalition's own fields, as its managers change them."""

    class Meta:
        model = Coalition
        fields = list(COALITION_FIELDS)
        widgets = {
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "purpose": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "founded_on": _date(),
        }
        help_texts = {
            "purpose": _("What the members work for together, in a few sentences."),
            "is_public": _("Visitors see its page, its members and its published joint actions."),
        }


def managed_centres(user: AnyUser) -> QuerySet[Center]:
    """The centres the person may start a coalition for: all for programme admins, her own for a
    centre manager."""
    managed = [centre.pk for centre in centres_for_user(user) if permissions.manages(user, centre)]
    return Center.objects.filter(pk__in=managed).order_by("pk")


class CoalitionStartForm(CoalitionForm):
    """A new coalition. A manager picks the centre that accompanies it and, if she wishes, its lead
    CSO; a CSO's admin picks which of her verified CSOs leads it."""

    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Accompanying centre"), queryset=Center.objects.none()
    )
    lead = forms.ModelChoiceField(label=_("Lead CSO"), queryset=Organization.objects.none())
    field_order = ["lead", "centre"]

    def __init__(self, *args, user: AnyUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_manager = permissions.is_manager(user)
        lead = cast(forms.ModelChoiceField, self.fields["lead"])
        if self.for_manager:
            cast(forms.ModelChoiceField, self.fields["centre"]).queryset = managed_centres(user)
            lead.queryset = Organization.objects.filter(verification_status=VerificationStatus.VERIFIED).order_by(
                "name"
            )
            lead.required = False
            lead.empty_label = _("None yet")
            lead.help_text = _("It becomes the coalition's lead member from the founding date.")
        else:
            del self.fields["centre"]  # the lead CSO's nearest centre accompanies it
            lead.queryset = startable_organizations(user)
            lead.empty_label = None
            lead.help_text = _("Your organisation leads the coalition from the founding date.")


class MemberAddForm(forms.Form):
    """A CSO or a partner joining, with its role and the day it joined."""

    organization = forms.ModelChoiceField(label=_("CSO"), queryset=Organization.objects.none(), required=False)
    partner = forms.ModelChoiceField(label=_("or a partner"), queryset=Partner.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=CoalitionRole.choices, initial=CoalitionRole.MEMBER)
    joined_on = forms.DateField(label=_("Joined on"), widget=_date())

    def __init__(self, *args, user: AnyUser, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = Organization.objects.filter(
            verification_status=VerificationStatus.VERIFIED
        ).order_by("name")
        partners = Partner.objects.order_by("name")
        if not permissions.is_staff(user):
            partners = partners.filter(is_public=True)
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = partners
        self.fields["joined_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean() or {}
        if not self.errors and (data.get("organization") is None) == (data.get("partner") is None):
            self.add_error("organization", _("Choose either a CSO or a partner."))
        return data


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=CoalitionRole.choices)


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=_date())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()
