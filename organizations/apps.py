from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from core import demo as demo_registry
        from core import exports, navigation, panels
        from core.files import register_download_rule
        from notifications import kinds
        from organizations import demo, permissions
        from organizations import panels as organization_panels
        from organizations.exporters import DIRECTORY_EXPORT
        from organizations.models import Organization, OrganizationDocument
        from organizations.panels import dashboard_context

        navigation.register(
            key="organizations",
            label=_("Organisations"),
            url_name="organizations:directory",
            visible=permissions.can_browse_directory,
            order=20,
        )
        navigation.register(
            key="public_directory",
            label=_("CSO directory"),
            url_name="organizations:public_directory",
            visible=lambda user: not permissions.can_browse_directory(user),
            order=20,
        )
        navigation.register(
            key="indicators",
            label=_("Indicators"),
            url_name="organizations:indicators",
            visible=permissions.can_view_indicators,
            order=69,
            group="results",  # the programme's figures, beside the results dashboard
        )
        panels.register(
            page=panels.DASHBOARD,
            key="my_organizations",
            template="organizations/partials/dashboard_panel.html",
            visible=permissions.is_cso_member,
            context=dashboard_context,
            order=5,
            kept=False,  # the organisation switch is a form
        )
        panels.register(
            page=panels.DASHBOARD,
            key="verification",
            template="organizations/partials/verification_panel.html",
            visible=permissions.verifies_organizations,
            context=organization_panels.verification_context,
            order=20,
        )
        register_download_rule(
            OrganizationDocument, lambda user, doc, field: permissions.can_view_documents(user, doc.organization)
        )
        register_download_rule(
            Organization, lambda user, org, field: field == "logo" and permissions.can_view_logo(user, org)
        )
        exports.register(DIRECTORY_EXPORT)
        kinds.register(
            key="organization_verification",
            label=_("Verification of your organisation"),
            subject_template="organizations/notifications/verification_subject.txt",
            body_template="organizations/notifications/verification_body.txt",
        )
        from core import indicators as programme_indicators
        from organizations.selectors import indicator_rows

        programme_indicators.register(indicator_rows, order=10)
        exports.register(programme_indicators.exporter(permissions.can_view_indicators))
        demo_registry.register(key="organizations", run=demo.seed, order=20)
        from organizations import measures

        measures.register()
