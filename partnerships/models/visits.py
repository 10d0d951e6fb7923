"""Exchange visits, built on a trainings event of the "exchange visit" type: who hosts, which CSOs
visit, the itinerary per session, the practices observed, and for each visiting CSO a follow-up
90 days after the visit: did it adopt, adapt or not adopt what it saw, and why."""

import datetime as dt

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FOLLOW_UP_AFTER = dt.timedelta(days=90)
# The measure counts a practice adopted within this time of the visit.
ADOPTION_WINDOW = dt.timedelta(days=183)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class ExchangeVisit(models.Model):
    """The exchange side of an event: the event holds dates, sessions, centre and participants."""

    event = models.OneToOneField(
        "trainings.Event", on_delete=models.PROTECT, related_name="exchange_visit", verbose_name=_("event")
    )
    host_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_visits",
        verbose_name=_("host CSO"),
    )
    host_partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_visits",
        verbose_name=_("host partner"),
    )
    host_country = models.CharField(_("country of the visit"), max_length=2, default="IQ")
    objectives = models.TextField(_("objectives"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exchange visit")
        verbose_name_plural = _("exchange visits")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(host_organization__isnull=False) & Q(host_partner__isnull=True))
                | (Q(host_organization__isnull=True) & Q(host_partner__isnull=False)),
                name="exchange_visit_one_host",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415 - models know no URLs at import time

        return reverse("partnerships:visit_detail", kwargs={"pk": self.pk})

    @property
    def host(self):
        return self.host_organization or self.host_partner


class ItineraryItem(models.Model):
    """What the visitors do in one session of the event, and where."""

    visit = models.ForeignKey(ExchangeVisit, on_delete=models.CASCADE, related_name="itinerary")
    session = models.ForeignKey("trainings.Session", on_delete=models.CASCADE, related_name="itinerary_items")
    place = models.CharField(_("place"), max_length=250)
    activity = models.TextField(_("activity"))
    hosted_by = models.CharField(_("hosted by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary")
        ordering = ["session__date", "session__start_time", "pk"]

    def __str__(self) -> str:
        return self.place


class ObservedPractice(models.Model):
    """A practice the visitors observed, linked to the platform entry that documents it when one does."""

    visit = models.ForeignKey(ExchangeVisit, on_delete=models.CASCADE, related_name="practices")
    title = models.CharField(_("practice"), max_length=250)
    description = models.TextField(_("what was observed"), blank=True)
    entry = models.ForeignKey(
        "commons.Entry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observed_in_visits",
        verbose_name=_("platform entry"),
    )

    class Meta:
        verbose_name = _("observed practice")
        verbose_name_plural = _("observed practices")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class FollowUpOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    ADAPTED = "adapted", _("Adapted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class VisitingOrganization(models.Model):
    """A CSO that sent people on the visit, with its follow-up: due 90 days after the visit's last
    session, assigned to a member of the centre's staff, answered once (then corrected in place)."""

    visit = models.ForeignKey(ExchangeVisit, on_delete=models.CASCADE, related_name="visitors")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="exchange_visits", verbose_name=_("CSO")
    )
    follow_up_due_on = models.DateField(_("follow-up due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit_follow_ups",
        verbose_name=_("follow-up by"),
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=FollowUpOutcome.choices, blank=True)
    explanation = models.TextField(_("what changed, or why not"), blank=True)
    practices = models.ManyToManyField(
        ObservedPractice, blank=True, related_name="taken_up_by", verbose_name=_("practices taken up")
    )
    adopted_on = models.DateField(_("in use since"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("visiting CSO")
        verbose_name_plural = _("visiting CSOs")
        ordering = ["follow_up_due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "organization"], name="visiting_organization_once"),
            models.CheckConstraint(
                condition=Q(outcome="") | (~Q(explanation="") & Q(recorded_at__isnull=False)),
                name="visit_follow_up_explained",
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=[FollowUpOutcome.ADOPTED, FollowUpOutcome.ADAPTED])
                | Q(adopted_on__isnull=False),
                name="visit_follow_up_adoption_dated",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def is_recorded(self) -> bool:
        return bool(self.outcome)

    def is_due(self, today=None) -> bool:
        return not self.outcome and self.follow_up_due_on <= (today or timezone.localdate())
