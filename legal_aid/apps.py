from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "legal_aid"
    verbose_name = _("Legal assistance")
