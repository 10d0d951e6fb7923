from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings and events")

    def ready(self):
        from core import demo as demo_registry
        from core import navigation, panels
        from core.files import register_download_rule
        from notifications import kinds
        from organizations import profile_sections
        from trainings import demo, permissions
        from trainings import panels as trainings_panels
        from trainings.models import Certificate, Material, SignInSheet
        from trainings.panels import centre_context, dashboard_context, organization_section

        navigation.register_group(key="trainings", label=_("Trainings"))
        navigation.register(
            key="events",
            label=_("Events"),
            url_name="trainings:event_list",
            visible=lambda user: True,
            order=15,
            group="trainings",
        )
        navigation.register(
            key="packages",
            label=_("Training packages"),
            url_name="trainings:package_list",
            visible=lambda user: True,
            order=16,
            group="trainings",
        )
        navigation.register(
            key="participants",
            label=_("Participants"),
            url_name="trainings:participant_list",
            visible=permissions.can_manage_participants,
            order=17,
            group="trainings",
        )
        navigation.register(
            key="my_registrations",
            label=_("My registrations"),
            url_name="trainings:my_registrations",
            visible=lambda user: user.is_authenticated,
            order=86,
            area="user",
        )
        from organizations.permissions import can_view_indicators

        navigation.register(
            key="numbers",
            label=_("Participation numbers"),
            url_name="trainings:numbers",
            visible=can_view_indicators,
            order=71,
            group="trainings",
        )
        panels.register(
            page=panels.DASHBOARD,
            key="my_sessions",
            template="trainings/partials/sessions_panel.html",
            visible=permissions.runs_sessions,
            context=trainings_panels.sessions_context,
            order=1,
        )
        panels.register(
            page=panels.DASHBOARD,
            key="centre_week",
            template="trainings/partials/centre_week_panel.html",
            visible=permissions.works_at_centre,
            context=trainings_panels.centre_week_context,
            order=2,
        )
        panels.register(
            page=panels.DASHBOARD,
            key="events",
            template="trainings/partials/dashboard_panel.html",
            visible=lambda user: user.is_authenticated,
            context=dashboard_context,
            order=60,
        )
        panels.register(
            page=panels.HOME,
            key="home_events",
            template="trainings/partials/home_events.html",
            visible=lambda user: True,
            context=trainings_panels.home_context,
            order=20,
        )
        panels.register(
            page=panels.CENTRE,
            key="centre_events",
            template="trainings/partials/centre_panel.html",
            visible=lambda user: True,
            context=centre_context,
            order=10,
        )
        profile_sections.register(
            key="trainings",
            title=_("Trainings attended"),
            template="trainings/partials/organization_section.html",
            visible=lambda user, organization: True,
            context=organization_section,
            order=10,
        )
        kinds.register(
            key="event_cancelled",
            label=_("An event you registered for is cancelled"),
            subject_template="trainings/notifications/event_cancelled_subject.txt",
            body_template="trainings/notifications/event_cancelled_body.txt",
        )
        kinds.register(
            key="waitlist_promoted",
            label=_("A place freed up for you"),
            subject_template="trainings/notifications/waitlist_promoted_subject.txt",
            body_template="trainings/notifications/waitlist_promoted_body.txt",
        )
        kinds.register(
            key="event_reminder",
            label=_("Reminders of events you registered for"),
            subject_template="trainings/notifications/event_reminder_subject.txt",
            body_template="trainings/notifications/event_reminder_body.txt",
        )
        kinds.register(
            key="attendance_missing",
            label=_("A session you trained has no attendance recorded"),
            subject_template="trainings/notifications/attendance_missing_subject.txt",
            body_template="trainings/notifications/attendance_missing_body.txt",
        )
        kinds.register(
            key="event_changed",
            label=_("An event you registered for has changed"),
            subject_template="trainings/notifications/event_changed_subject.txt",
            body_template="trainings/notifications/event_changed_body.txt",
        )
        from core import indicators
        from trainings.reporting import indicator_rows

        indicators.register(indicator_rows, order=20)
        demo_registry.register(key="events", run=demo.seed, order=30)
        register_download_rule(Certificate, permissions.can_download_certificate)
        register_download_rule(Material, permissions.can_download_material)
        register_download_rule(SignInSheet, permissions.can_download_sign_in_sheet)
        from trainings import measures

        measures.register()
