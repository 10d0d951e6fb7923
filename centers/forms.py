from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import CENTRE_ROLES, Role
from centers.models import Center, Room


class UserRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Center.objects.filter(is_active=True),
        required=False,
        help_text=_("Centre managers, centre staff and trainers work at one centre."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
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


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = [
            "name_en",
            "name_ar",
            "name_ckb",
            "capacity",
            "equipment_en",
            "equipment_ar",
            "equipment_ckb",
            "is_accessible",
            "is_active",
        ]
        labels = {
            "name_en": _("Name in English"),
            "name_ar": _("Name in Arabic"),
            "name_ckb": _("Name in Kurdish"),
            "equipment_en": _("Equipment (English)"),
            "equipment_ar": _("Equipment (Arabic)"),
            "equipment_ckb": _("Equipment (Kurdish)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True


class CentreStaffForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person's account"), widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[(Role.CENTRE_STAFF, Role.CENTRE_STAFF.label), (Role.TRAINER, Role.TRAINER.label)]
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has an account with this address. Ask them to sign up first."))
        self.user = user
        return email
