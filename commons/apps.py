from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    name = "commons"
    verbose_name = _("Civil-society platform")

    def ready(self):
        from commons import measures
        from notifications import kinds

        measures.register()

        kinds.register(
            key="commons_entry_moderated",
            label=_("A moderator (or readers' reports) changed one of your platform entries"),
            subject_template="commons/notifications/commons_entry_moderated_subject.txt",
            body_template="commons/notifications/commons_entry_moderated_body.txt",
        )
