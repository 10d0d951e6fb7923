from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    name = "commons"
    verbose_name = _("Civil-society platform")

    def ready(self):
        from commons import demo, measures, permissions, selectors
        from commons.models import EntryVersion
        from core import demo as demo_registry
        from core import navigation, panels
        from core.files import register_download_rule
        from notifications import kinds

        measures.register()
        navigation.register_group(key="commons", label=_("Platform"))
        for key, label, url_name, visible, order in (
            ("commons_entries", _("Tools, practices and guides"), "commons:entry_list", lambda user: True, 60),
            (
                "commons_questions",
                _("Questions and answers"),
                "commons:question_list",
                permissions.can_read_questions,
                61,
            ),
            ("commons_mine", _("My entries"), "commons:my_entries", permissions.can_write, 62),
            ("commons_following", _("What I follow"), "commons:following", permissions.is_signed_in, 63),
            ("commons_review", _("Review queue"), "commons:review_queue", permissions.moderates_somewhere, 64),
        ):
            navigation.register(key=key, label=label, url_name=url_name, visible=visible, order=order, group="commons")
        demo_registry.register(key="commons", run=demo.seed, order=80)
        register_download_rule(EntryVersion, lambda user, version, field: permissions.can_read(user, version.entry))

        panels.register(
            page=panels.DASHBOARD,
            key="commons_unanswered",
            template="commons/partials/dashboard_unanswered.html",
            visible=permissions.moderates_somewhere,
            context=lambda request: {"questions": list(selectors.unanswered_questions(request.user)[:10])},
            order=30,
        )
        panels.register(
            page=panels.TRAINING_PACKAGE,
            key="commons_citing_entries",
            template="commons/partials/package_entries.html",
            visible=lambda user: True,
            context=lambda request: {
                "entries": selectors.citing_entries(
                    request.user, request.resolver_match.kwargs.get("code", "") if request.resolver_match else ""
                )
            },
            order=20,
        )
        # New entries reach followers by e-mail in the digest; in-app they are told at once.
        for key, label, email in (
            ("commons_answer", _("Someone answered a question you follow on the platform"), True),
            ("commons_followed_entry", _("A new platform entry in a topic, governorate or CSO you follow"), False),
            ("commons_new_version", _("A new file of a platform entry you follow"), True),
            ("commons_uptake_follow_up", _("Three months after using an entry: what changed?"), True),
        ):
            kinds.register(
                key=key,
                label=label,
                email_default=email,
                subject_template=f"commons/notifications/{key}_subject.txt",
                body_template=f"commons/notifications/{key}_body.txt",
            )
        kinds.register(
            key="commons_entry_moderated",
            label=_("A moderator (or readers' reports) changed one of your platform entries"),
            subject_template="commons/notifications/commons_entry_moderated_subject.txt",
            body_template="commons/notifications/commons_entry_moderated_body.txt",
        )
