from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    name = "commons"
    verbose_name = _("Civil-society platform")

    def ready(self):
        from commons import demo, measures, permissions
        from commons.models import EntryVersion
        from core import demo as demo_registry
        from core import navigation
        from core.files import register_download_rule
        from notifications import kinds

        measures.register()
        navigation.register(
            key="commons", label=_("Platform"), url_name="commons:entry_list", visible=lambda user: True, order=60
        )
        demo_registry.register(key="commons", run=demo.seed, order=80)
        register_download_rule(EntryVersion, lambda user, version, field: permissions.can_read(user, version.entry))

        kinds.register(
            key="commons_entry_moderated",
            label=_("A moderator (or readers' reports) changed one of your platform entries"),
            subject_template="commons/notifications/commons_entry_moderated_subject.txt",
            body_template="commons/notifications/commons_entry_moderated_body.txt",
        )
