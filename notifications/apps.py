from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core import navigation, panels
        from notifications.selectors import latest_for_dashboard

        navigation.register(
            key="notifications",
            label=_("Notifications"),
            url_name="notifications:list",
            visible=lambda user: user.is_authenticated,
            order=85,
            area="user",
        )
        panels.register(
            page=panels.DASHBOARD,
            key="notifications",
            template="notifications/partials/dashboard_panel.html",
            visible=lambda user: user.is_authenticated,
            context=latest_for_dashboard,
            order=90,
        )
