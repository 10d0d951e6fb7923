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
        demo_registry.register(key="partnerships", run=demo.seed, order=90)
        measures.register()
        # --- partners and relationships ---
        # --- end partners ---
        # --- agreements ---
        # --- end agreements ---
        # --- exchange visits ---
        # --- end visits ---
        # --- coalitions and network view ---
        # --- end coalitions ---
        # --- initiatives ---
        # --- end initiatives ---
