from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self):
        from core import demo as demo_registry
        from core import navigation
        from core.files import register_download_rule
        from grants import demo, permissions
        from grants.models import Application, ApplicationAnswer, ApplicationAttachment, GrantAgreement
        from notifications import kinds
        from organizations import profile_sections

        navigation.register_group(key="grants", label=_("Grants"))
        navigation.register(
            key="grant_calls",
            label=_("Grant calls"),
            url_name="grants:public_calls",
            visible=lambda user: True,
            order=30,
            group="grants",
        )
        navigation.register(
            key="manage_calls",
            label=_("Manage calls"),
            url_name="grants:call_list",
            visible=permissions.can_manage_calls,
            order=31,
            group="grants",
        )
        kinds.register(
            key="application_submitted",
            label=_("Your grant application was received"),
            subject_template="grants/notifications/application_submitted_subject.txt",
            body_template="grants/notifications/application_submitted_body.txt",
        )
        from organizations.permissions import can_view_indicators

        navigation.register(
            key="grant_figures",
            label=_("Grant figures"),
            url_name="grants:figures",
            visible=can_view_indicators,
            order=72,
            group="grants",
        )
        from core import panels
        from grants import panels as grants_panels
        from organizations.permissions import is_cso_member

        for key, template, visible, context, order in (
            ("grant_officer", "officer_panel", permissions.can_manage_calls, grants_panels.officer_panel, 3),
            ("finance", "finance_panel", permissions.can_approve_payments, grants_panels.finance_panel, 3),
            ("reviews", "reviews_panel", permissions.can_review, grants_panels.reviewer_panel, 3),
            ("cso_grants", "cso_panel", is_cso_member, grants_panels.cso_panel, 6),
        ):
            panels.register(
                page=panels.DASHBOARD,
                key=key,
                template=f"grants/partials/{template}.html",
                visible=visible,
                context=context,
                order=order,
            )
        panels.register(
            page=panels.HOME,
            key="home_calls",
            template="grants/partials/home_calls.html",
            visible=lambda user: True,
            context=grants_panels.home_panel,
            order=30,
        )
        navigation.register(
            key="agreements",
            label=_("Grant agreements"),
            url_name="grants:agreement_list",
            visible=permissions.can_list_agreements,
            order=33,
            group="grants",
        )
        navigation.register(
            key="my_reviews",
            label=_("My reviews"),
            url_name="grants:my_reviews",
            visible=permissions.can_review,
            order=32,
            group="grants",
        )
        kinds.register(
            key="review_assigned",
            label=_("An application was assigned to you for review"),
            subject_template="grants/notifications/review_assigned_subject.txt",
            body_template="grants/notifications/review_assigned_body.txt",
        )
        kinds.register(
            key="application_invited",
            label=_("Your concept note was shortlisted"),
            subject_template="grants/notifications/application_invited_subject.txt",
            body_template="grants/notifications/application_invited_body.txt",
        )
        kinds.register(
            key="application_decided",
            label=_("The decision on your grant application"),
            subject_template="grants/notifications/application_decided_subject.txt",
            body_template="grants/notifications/application_decided_body.txt",
        )
        kinds.register(
            key="application_ineligible",
            label=_("Your grant application was found not eligible"),
            subject_template="grants/notifications/application_ineligible_subject.txt",
            body_template="grants/notifications/application_ineligible_body.txt",
        )
        profile_sections.register(
            key="grant_applications",
            title=_("Grant applications"),
            template="grants/partials/organization_section.html",
            visible=lambda user, organization: (
                permissions.can_prepare_application(user, organization) or permissions.can_manage_calls(user)
            ),
            context=lambda request, organization: {
                "applications": list(organization.grant_applications.select_related("call").order_by("-updated_at"))
            },
            order=20,
        )
        register_download_rule(
            ApplicationAnswer, lambda user, obj, field: permissions.can_view_application(user, obj.application)
        )
        register_download_rule(
            ApplicationAttachment, lambda user, obj, field: permissions.can_view_application(user, obj.application)
        )
        register_download_rule(GrantAgreement, permissions.can_download_agreement_file)
        register_download_rule(
            Application,
            lambda user, obj, field: (
                field in ("receipt", "decision_letter") and permissions.can_view_application(user, obj)
            ),
        )
        from core import exports
        from grants.exporters import RECIPIENTS_EXPORT
        from grants.models import ReportReceipt

        register_download_rule(
            ReportReceipt, lambda user, obj, field: permissions.can_view_agreement(user, obj.report.agreement)
        )
        exports.register(RECIPIENTS_EXPORT)
        navigation.register(
            key="grant_portfolio",
            label=_("Grant portfolio"),
            url_name="grants:portfolio",
            visible=permissions.can_view_portfolio,
            order=34,
            group="grants",
        )
        for key, label in (
            ("report_submitted", _("A grantee submitted a report")),
            ("report_reviewed", _("The review of your grant report")),
            ("report_due", _("A grant report is due soon")),
            ("report_overdue", _("A grant report is overdue")),
            ("amendment_requested", _("A grantee asked for an amendment")),
            ("amendment_decided", _("The decision on your amendment request")),
            ("agreement_closed", _("Your grant is closed")),
        ):
            kinds.register(
                key=key,
                label=label,
                subject_template=f"grants/notifications/{key}_subject.txt",
                body_template=f"grants/notifications/{key}_body.txt",
            )
        from core import indicators
        from grants.selectors import indicator_rows

        indicators.register(indicator_rows, order=30)
        demo_registry.register(key="grant_calls", run=demo.seed, order=40)
        from grants import measures

        measures.register()
