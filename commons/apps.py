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
        navigation.register_group(key="commons", label=_("Platform"))
        for key, label, url_name, visible, order in (
            ("commons_entries", _("Tools, practices and guides"), "commons:entry_list", lambda user: True, 60),
            ("commons_mine", _("My entries"), "commons:my_entries", permissions.can_write, 61),
            ("commons_review", _("Review queue"), "commons:review_queue", permissions.moderates_somewhere, 62),
        ):
            navigation.register(key=key, label=label, url_name=url_name, visible=visible, order=order, group="commons")
        demo_registry.register(key="commons", run=demo.seed, order=80)
        register_download_rule(EntryVersion, lambda user, version, field: permissions.can_read(user, version.entry))

        kinds.register(
            key="commons_entry_moderated",
            label=_("A moderator (or readers' reports) changed one of your platform entries"),
            subject_template="commons/notifications/commons_entry_moderated_subject.txt",
            body_template="commons/notifications/commons_entry_moderated_body.txt",
        )
