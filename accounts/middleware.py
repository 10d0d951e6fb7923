from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404

from core import freshness

# What a staff member without two-factor authentication may still reach: setting it up, signing
# out, switching language, and the machine endpoints.
MFA_SETUP_ALLOWED_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "account_reauthenticate",
        "set_language",
        "healthz",
    }
)


class StaffMFAMiddleware:
    """Sends a signed-in staff member who has no authenticator app to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request) -> bool:
        if not settings.TATWEER_REQUIRE_STAFF_MFA:
            return False
        user = request.user
        if not user.is_authenticated or not user.is_programme_staff:
            return False
        if request.path_info.startswith(settings.STATIC_URL):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        if match.url_name in MFA_SETUP_ALLOWED_URL_NAMES:
            return False
        # Kept until the data changes (core.freshness): removing an authenticator is a write.
        has_totp = freshness.cached(
            "accounts.totp",
            (user.pk,),
            lambda: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
            version=freshness.version_of(request),
        )
        return not has_totp
