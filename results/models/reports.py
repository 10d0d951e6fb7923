"""Progress reports to the EU, one per reporting period (PRAG Annex VI, the interim narrative
report), their frozen snapshots and the revisions of figures already reported."""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from centers.models import Center
from results.models.logframe import Indicator
from results.models.periods import Period


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("progress report", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("progress report", "Waiting for approval")
    RETURNED = "returned", pgettext_lazy("progress report", "Returned for revision")
    APPROVED = "approved", pgettext_lazy("progress report", "Approved")
    SENT = "sent", pgettext_lazy("progress report", "Sent to the EU")


# The narrative sections of PRAG's interim narrative report, in its order; the required ones must be
# written before the report is submitted.
SECTIONS = (
    ("summary", _("Summary of the action"), True),
    ("context", _("Context and changes in the action's environment"), False),
    ("activities", _("Activities and results"), True),
    ("beneficiaries", _("Final beneficiaries and target groups"), False),
    ("difficulties", _("Difficulties encountered and measures taken"), True),
    ("partners", _("Partners and other cooperation"), False),
    ("visibility", _("Visibility and communication"), False),
    ("workplan", _("Updated work plan for the next period"), True),
)
SECTION_NAMES = tuple(name for name, _label, _required in SECTIONS)
REQUIRED_SECTIONS = tuple(name for name, _label, required in SECTIONS if required)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
)
class ProgressReport(models.Model):
    period = models.OneToOneField(
        Period, on_delete=models.PROTECT, related_name="report", verbose_name=_("reporting period")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    language = models.CharField(_("language of the narrative"), max_length=8, choices=settings.LANGUAGES, default="en")
    summary = models.TextField(_("summary of the action"), blank=True)
    context = models.TextField(_("context and changes"), blank=True)
    activities = models.TextField(_("activities and results"), blank=True)
    beneficiaries = models.TextField(_("final beneficiaries and target groups"), blank=True)
    difficulties = models.TextField(_("difficulties and measures taken"), blank=True)
    partners = models.TextField(_("partners and other cooperation"), blank=True)
    visibility = models.TextField(_("visibility and communication"), blank=True)
    workplan = models.TextField(_("updated work plan"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(_("comments for the revision"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period__number"]
        constraints = [
            # Four eyes: whoever submitted the report neither approves nor returns it.
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True)
                | Q(submitted_by__isnull=True)
                | ~Q(reviewed_by=F("submitted_by")),
                name="report_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "sent"]) | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="report_approved_has_reviewer",
            ),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="report_sent_has_date"),
        ]

    def __str__(self):
        return str(_("Progress report, %(period)s") % {"period": self.period})

    @property
    def frozen(self) -> bool:
        """Submitted, approved or sent: its figures are those of its latest snapshot."""
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.SENT)


class Area(models.TextChoices):
    """The programme's key activities, for the contributions of the people who run them."""

    TRAININGS = "trainings", _("Trainings, workshops and events")
    GRANTS = "grants", _("Accompanied grants")
    LEGAL = "legal", _("Legal assistance")
    PLATFORM = "platform", _("Sharing of experience")
    PARTNERSHIPS = "partnerships", _("Regional exchange and partnerships")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Contribution(models.Model):
    """Narrative written for the report by those who run an area: a centre manager for her centre, a
    grant officer for the grants; the programme admin weaves it into the sections."""

    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="contributions")
    area = models.CharField(_("area"), max_length=16, choices=Area.choices)
    centre = models.ForeignKey(Center, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("centre"))
    text = models.TextField(_("contribution"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contribution to a report")
        verbose_name_plural = _("contributions to reports")
        ordering = ["area", "centre__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "area", "centre"], name="contribution_once_per_area", nulls_distinct=False
            )
        ]

    def __str__(self):
        return f"{self.report_id} {self.area}"


@pgtrigger.register(
    pgtrigger.Protect(name="snapshot_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
)
class Snapshot(models.Model):
    """The figures of a report as submitted: every indicator's values with the query that produced
    them, and the SHA-256 of their canonical JSON. The database refuses to change or delete one; a
    report returned and submitted again gets a new snapshot, the old one stays."""

    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="snapshots")
    figures = models.JSONField()
    content_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.report_id} {self.content_hash[:12]}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Revision(models.Model):
    """A figure reported for an earlier period whose live value now differs (a late attendance sheet,
    a corrected report), with the reason given in the report that first shows it."""

    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="revisions")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    reported = models.DecimalField(_("value reported"), max_digits=14, decimal_places=2)
    current = models.DecimalField(_("value now"), max_digits=14, decimal_places=2)
    reason = models.TextField(_("reason for the change"), blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("revision of a reported figure")
        verbose_name_plural = _("revisions of reported figures")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator", "period"], name="revision_once_per_figure")
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.period_id}: {self.reported} -> {self.current}"
