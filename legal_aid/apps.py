from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "legal_aid"
    verbose_name = _("Legal assistance")

    def ready(self):
        from core import demo as demo_registry
        from core import navigation, panels
        from core.files import register_download_rule
        from legal_aid import demo, permissions
        from legal_aid.models import CaseDocument
        from legal_aid.panels import legal_panel, requests_panel
        from notifications import kinds

        navigation.register_group(key="legal", label=_("Legal assistance"))
        for key, label, url_name, visible, order in (
            ("legal_cases", _("Legal cases"), "legal_aid:case_list", permissions.can_list_cases, 40),
            (
                "legal_record",
                _("Record a legal request"),
                "legal_aid:case_record",
                permissions.records_requests_only,
                43,
            ),
            ("legal_deadlines", _("Deadlines"), "legal_aid:deadlines", permissions.can_view_deadlines, 41),
            ("legal_overview", _("Legal overview"), "legal_aid:overview", permissions.is_manager, 42),
            ("legal_figures", _("Legal aid figures"), "legal_aid:figures", permissions.can_view_figures, 73),
        ):
            navigation.register(key=key, label=label, url_name=url_name, visible=visible, order=order, group="legal")
        for key, label in (
            ("legal_case_submitted", _("A CSO asked for legal help")),
            ("legal_case_triaged", _("The answer to your request for legal help")),
            ("legal_case_assigned", _("A legal case was assigned to you")),
            ("legal_case_note", _("A new message on a legal case")),
            ("legal_case_resolved", _("Your legal case is resolved")),
            ("legal_case_referred", _("Your legal case was referred to another organisation")),
            ("legal_case_closed", _("Your legal case is closed")),
            ("legal_task_assigned", _("A task on a legal case was given to you")),
            ("legal_task_due", _("A hearing or deadline is coming")),
            ("legal_task_overdue", _("A deadline of a legal case has passed")),
        ):
            kinds.register(
                key=key,
                label=label,
                subject_template=f"legal_aid/notifications/{key}_subject.txt",
                body_template=f"legal_aid/notifications/{key}_body.txt",
            )
        register_download_rule(CaseDocument, _document_rule)
        panels.register(
            page=panels.DASHBOARD,
            key="legal",
            template="legal_aid/partials/dashboard_panel.html",
            visible=permissions.can_view_deadlines,
            context=legal_panel,
            order=3,
        )
        panels.register(
            page=panels.DASHBOARD,
            key="legal_requests",
            template="legal_aid/partials/requests_panel.html",
            visible=permissions.asks_for_help,
            context=requests_panel,
            order=14,
        )
        from core import indicators
        from legal_aid.selectors import indicator_rows

        indicators.register(indicator_rows, order=40)
        demo_registry.register(key="legal_aid", run=demo.seed, order=50)
        from legal_aid import measures

        measures.register()


def _document_rule(user, document, field) -> bool:
    """Who may download a case document; every download allowed is logged with who and when."""
    from legal_aid import permissions, services
    from legal_aid.models import AccessAction

    allowed = permissions.can_download_document(user, document)
    if allowed:
        services.log_access(user=user, case=document.case, action=AccessAction.DOCUMENT, document=document)
    return allowed
