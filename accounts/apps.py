from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.permissions import can_view_audit_trail
        from core import navigation, permissions

        navigation.register(
            key="account",
            label=_("My account"),
            url_name="accounts:profile",
            visible=lambda user: user.is_authenticated,
            order=90,
            area="user",
        )
        permissions.register_rule(permissions.VIEW_AUDIT_TRAIL, can_view_audit_trail)
