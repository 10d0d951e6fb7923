from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = _("Centres")

    def ready(self):
        from accounts.roles import CENTRE_ROLES
        from centers import demo
        from centers.permissions import can_manage_roles
        from centers.selectors import centres_for_user, public_centres
        from core import demo as demo_registry
        from core import navigation, panels
        from notifications import kinds

        navigation.register(
            key="centres", label=_("Centres"), url_name="centers:list", visible=lambda user: True, order=10
        )
        navigation.register(
            key="people",
            label=_("People and roles"),
            url_name="centers:people",
            visible=can_manage_roles,
            order=87,
            area="user",  # an administrator's tool, beside the audit trail
        )
        panels.register(
            page=panels.HOME,
            key="centres",
            template="centers/partials/home_centres.html",
            visible=lambda user: True,
            context=lambda request: {"centres": list(public_centres())},
            order=40,
        )
        panels.register(
            page=panels.DASHBOARD,
            key="my_centres",
            template="centers/partials/dashboard_centres.html",
            visible=lambda user: user.is_authenticated and user.has_role(*CENTRE_ROLES),
            context=lambda request: {"centres": list(centres_for_user(request.user))},
            order=50,
        )
        kinds.register(
            key="roles_changed",
            label=_("Your roles or centre changed"),
            subject_template="centers/notifications/roles_changed_subject.txt",
            body_template="centers/notifications/roles_changed_body.txt",
        )
        demo_registry.register(key="staff", run=demo.seed, order=10)
        from centers.models import Center
        from core import measures

        measures.register_dimension(
            measures.Dimension(
                "centre",
                _("Centre"),
                lambda: [(str(pk), name) for pk, name in Center.objects.order_by("name").values_list("pk", "name")],
            )
        )
