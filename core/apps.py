from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import navigation, permissions
        from core.files import register_download_rule
        from core.models import ExportJob

        register_download_rule(ExportJob, lambda user, job, field: user.is_authenticated and job.user_id == user.pk)
        navigation.register(
            key="audit",
            label=_("Audit trail"),
            url_name="core:audit",
            visible=lambda user: permissions.allows(permissions.VIEW_AUDIT_TRAIL, user),
            order=88,
            area="user",
        )
