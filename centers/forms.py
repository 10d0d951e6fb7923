from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import CENTRE_ROLES, Role
from centers.models import Center


class UserRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    centre = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Center.objects.filter(is_active=True),
        required=False,
        help_text=_("Centre managers, centre staff and trainers work at one centre."),
    )

    def clean(self):
        cleaned = super().clean()
        if set(cleaned.get("roles", [])) & CENTRE_ROLES and not cleaned.get("centre"):
            self.add_error("centre", _("Choose the centre this person works at."))
        return cleaned


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("All roles")), *Role.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
