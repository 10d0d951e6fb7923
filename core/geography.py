from django.db import models
from django.utils.translation import gettext_lazy as _


class Governorate(models.TextChoices):
    """Iraq's 18 governorates (the Kurdistan Region's four included)."""

    ANBAR = "anbar", _("Al Anbar")
    BABIL = "babil", _("Babil")
    BAGHDAD = "baghdad", _("Baghdad")
    BASRA = "basra", _("Basra")
    DHI_QAR = "dhi_qar", _("Dhi Qar")
    DIYALA = "diyala", _("Diyala")
    DUHOK = "duhok", _("Duhok")
    ERBIL = "erbil", _("Erbil")
    HALABJA = "halabja", _("Halabja")
    KARBALA = "karbala", _("Karbala")
    KIRKUK = "kirkuk", _("Kirkuk")
    MAYSAN = "maysan", _("Maysan")
    MUTHANNA = "muthanna", _("Muthanna")
    NAJAF = "najaf", _("Najaf")
    NINEWA = "ninewa", _("Ninewa")
    QADISIYAH = "qadisiyah", _("Al-Qadisiyah")
    SALADIN = "saladin", _("Saladin")
    SULAYMANIYAH = "sulaymaniyah", _("Sulaymaniyah")
    WASIT = "wasit", _("Wasit")
