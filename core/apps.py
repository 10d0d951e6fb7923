from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core.files import register_download_rule
        from core.models import ExportJob

        register_download_rule(ExportJob, lambda user, job, field: user.is_authenticated and job.user_id == user.pk)

        from accounts.roles import Role
        from core import navigation

        navigation.register(
            key="audit",
            label=_("Audit trail"),
            url_name="core:audit",
            visible=lambda user: user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN),
            order=88,
            area="user",
        )
