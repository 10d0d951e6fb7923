import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermission

from core.geography import Governorate


class Programme(models.Model):
    """The programme the centres deliver. A later phase is another row, not a code change."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=200)
    donor = models.CharField(_("donor"), max_length=200)
    implementing_partner = models.CharField(_("implementing partner"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="programme_dates_ordered"
            )
        ]

    def __str__(self):
        return self.name


class Center(models.Model):
    """A Civil Society Service Centre. Staff are bound to it by object permissions."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="centres", verbose_name=_("programme")
    )
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    governorate = models.CharField(_("governorate"), max_length=32, choices=Governorate.choices)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["name"]
        permissions = [
            ("work_at_center", _("Works at the centre")),
            ("manage_center", _("Manages the centre")),
        ]

    def __str__(self):
        return self.name


class Room(models.Model):
    """A room of a centre that events can book (one event at a time: see trainings.Session)."""

    centre = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    equipment = models.CharField(
        _("equipment"), max_length=300, blank=True, help_text=_("For example: projector, screen, 20 laptops.")
    )
    is_accessible = models.BooleanField(_("wheelchair accessible"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["centre", "name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="room_name_unique_per_centre"),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="room_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.centre})"


# Granting and revoking centre rights is an access decision: keep every change in the audit trail.
class CentrePermission(UserObjectPermission):
    """A proxy, so that the audit triggers on guardian's table live in this app's migrations."""

    class Meta:
        verbose_name = _("centre permission")
        verbose_name_plural = _("centre permissions")
        proxy = True


CentrePermissionEvent = pghistory.create_event_model(
    CentrePermission,
    pghistory.InsertEvent(),
    pghistory.DeleteEvent(),
    model_name="CentrePermissionEvent",
    app_label="centers",
    obj_field=pghistory.ObjForeignKey(db_constraint=False, on_delete=models.DO_NOTHING, related_name="+"),
    abstract=False,
)
