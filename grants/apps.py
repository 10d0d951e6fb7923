from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self):
        from core import demo as demo_registry
        from core import navigation
        from grants import demo, permissions

        navigation.register(
            key="grant_calls",
            label=_("Grant calls"),
            url_name="grants:public_calls",
            visible=lambda user: True,
            order=30,
        )
        navigation.register(
            key="manage_calls",
            label=_("Manage calls"),
            url_name="grants:call_list",
            visible=permissions.can_manage_calls,
            order=31,
        )
        demo_registry.register(key="grant_calls", run=demo.seed, order=40)
