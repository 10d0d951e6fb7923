from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form does not have; allauth calls signup() after saving the user."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user):
        """The adapter has already stored the name; nothing more to save here."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language"]
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"})}
