from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships and advocacy")

    def ready(self):
        from core import demo as demo_registry
        from core import navigation
        from partnerships import demo, measures

        navigation.register_group(key="partnerships", label=_("Partnerships"))
        demo_registry.register(key="partnerships", run=demo.seed, order=85)
        measures.register()
        # --- partners and relationships ---
        from core.files import register_download_rule
        from organizations import profile_sections
        from partnerships import permissions as partner_permissions
        from partnerships.models import Relationship
        from partnerships.views import partners as partner_views

        navigation.register(
            key="partnerships_partners",
            label=_("Partners"),
            url_name="partnerships:partner_list",
            visible=lambda user: True,
            order=70,
            group="partnerships",
        )
        profile_sections.register(
            key="relationships",
            title=_("Partners and relationships"),
            template="partnerships/partials/partners_organization_section.html",
            visible=lambda user, organization: True,
            context=partner_views.organization_section,
            order=30,
        )
        register_download_rule(Relationship, partner_permissions.can_download_relationship_evidence)
        # --- end partners ---
        # --- agreements ---
        from core import panels
        from core.files import register_download_rule
        from notifications import kinds
        from partnerships import permissions as agreement_permissions
        from partnerships.models import Agreement
        from partnerships.selectors import agreements as agreement_selectors

        navigation.register(
            key="partnerships_agreements",
            label=_("Agreements"),
            url_name="partnerships:agreement_list",
            visible=agreement_permissions.can_list_agreements,
            order=71,
            group="partnerships",
        )
        register_download_rule(
            Agreement, lambda user, agreement, field: agreement_permissions.can_download_signed_copy(user, agreement)
        )
        panels.register(
            page=panels.DASHBOARD,
            key="partnerships_agreements",
            template="partnerships/partials/agreements_dashboard.html",
            visible=agreement_permissions.is_manager,
            context=lambda request: {
                "expiring": list(agreement_selectors.expiring_agreements(request.user)[:10]),
                "overdue": list(agreement_selectors.overdue_obligations(request.user)[:10]),
            },
            order=40,
        )
        for key, label in (
            ("partnerships_agreement_expiring", _("An agreement expires in 60 or 14 days")),
            ("partnerships_obligation_overdue", _("An obligation under an agreement is overdue")),
        ):
            kinds.register(
                key=key,
                label=label,
                subject_template=f"partnerships/notifications/{key}_subject.txt",
                body_template=f"partnerships/notifications/{key}_body.txt",
            )
        # --- end agreements ---
        # --- exchange visits ---
        from core import panels
        from notifications import kinds
        from partnerships import permissions as visit_permissions
        from partnerships.views import visits as visit_views

        for key, label, url_name, order in (
            ("partnerships_visits", _("Exchange visits"), "partnerships:visit_list", 72),
            ("partnerships_follow_ups", _("My follow-ups"), "partnerships:follow_up_list", 73),
        ):
            navigation.register(
                key=key,
                label=label,
                url_name=url_name,
                visible=visit_permissions.is_staff,
                order=order,
                group="partnerships",
            )
        panels.register(
            page=panels.DASHBOARD,
            key="partnerships_follow_ups",
            template="partnerships/partials/visits_dashboard.html",
            visible=visit_permissions.is_staff,
            context=visit_views.dashboard_panel_context,
            order=41,
        )
        panels.register(
            page=panels.EVENT,
            key="partnerships_exchange_visit",
            template="partnerships/partials/visits_event_panel.html",
            visible=lambda user: True,
            context=visit_views.event_panel_context,
            order=10,
        )
        kinds.register(
            key="partnerships_visit_follow_up",
            label=_("The 90-day follow-up of a CSO after an exchange visit is due"),
            subject_template="partnerships/notifications/partnerships_visit_follow_up_subject.txt",
            body_template="partnerships/notifications/partnerships_visit_follow_up_body.txt",
        )
        # --- end visits ---
        # --- coalitions and network view ---
        from partnerships import permissions as coalition_permissions

        # Public coalitions are public: the list is for everyone (each sees the ones she may).
        navigation.register(
            key="partnerships_coalitions",
            label=_("Coalitions"),
            url_name="partnerships:coalition_list",
            visible=lambda user: True,
            order=75,
            group="partnerships",
        )
        navigation.register(
            key="partnerships_network",
            label=_("Network"),
            url_name="partnerships:network",
            visible=coalition_permissions.can_see_network,
            order=76,
            group="partnerships",
        )
        # --- end coalitions ---
        # --- initiatives ---
        from core import exports
        from core.files import register_download_rule
        from partnerships import permissions as initiative_permissions
        from partnerships.models import AdvocacyOutcome, PaperSignature, TargetResponse
        from partnerships.services.initiative_sheets import SIGNATURE_LIST_EXPORT

        # Published initiatives are public: visitors, CSOs and every role reach the list.
        navigation.register(
            key="partnerships_initiatives",
            label=_("Joint initiatives"),
            url_name="partnerships:initiative_list",
            visible=lambda user: True,
            order=74,
            group="partnerships",
        )
        exports.register(SIGNATURE_LIST_EXPORT)
        register_download_rule(
            PaperSignature,
            lambda user, paper, field: initiative_permissions.can_download_paper_proof(user, paper.initiative),
        )
        for evidenced in (TargetResponse, AdvocacyOutcome):
            register_download_rule(
                evidenced,
                lambda user, record, field: initiative_permissions.can_see_advocacy(user, record.target.initiative),
            )
        # --- end initiatives ---
