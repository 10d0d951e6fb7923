from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Keeps the full name typed at sign-up and the language the person signed up in."""
        user.full_name = form.cleaned_data.get("full_name", "").strip()
        user.preferred_language = translation.get_language() or "en"
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """After signing in, people land on their dashboard in their own language."""
        language = getattr(request.user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            return reverse("core:dashboard")
