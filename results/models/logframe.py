"""The logframe as data: a programme's results chain (impact, outcomes, outputs, activities) as a tree
of nodes, and its indicators with baselines, targets per reporting period, means of verification and
the disaggregations each must be reported by. A later phase of the programme is new rows.

An indicator is either bound to a *measure* (core.measures: computed from the records) or entered by
staff period by period (results.models.ManualValue, approved by a second person)."""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centers.models import Programme


class Level(models.TextChoices):
    IMPACT = "impact", _("Overall objective (impact)")
    OUTCOME = "outcome", _("Specific objective (outcome)")
    OUTPUT = "output", _("Output")
    ACTIVITY = "activity", _("Activity")


# Which level a node's parent must have (PRAG's chain: an activity serves an output, and so on).
PARENT_LEVEL = {
    Level.IMPACT: None,
    Level.OUTCOME: Level.IMPACT,
    Level.OUTPUT: Level.OUTCOME,
    Level.ACTIVITY: Level.OUTPUT,
}


class Unit(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YESNO = "yesno", _("Yes / no")
    AMOUNT = "amount", _("Amount of money")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class Cumulation(models.TextChoices):
    """How the values of periods add up to the value to date (TolaData's distinction)."""

    SUM = "sum", _("Sum of the periods")
    LATEST = "latest", _("Latest period's value")
    TO_DATE = "to_date", _("Counted from the programme's start")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE_BAND = "age_band", _("Age band")
    DISABILITY = "disability", _("Disability")
    GOVERNORATE = "governorate", _("Governorate")
    CENTRE = "centre", _("Centre")
    CSO_LED = "cso_led", _("Women-led / youth-led CSO")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Logframe(models.Model):
    """The results framework of one programme, with what the reports and the IATI file need to say
    about the programme as an activity."""

    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="logframe", verbose_name=_("programme")
    )
    period_months = models.PositiveSmallIntegerField(
        _("months per interim reporting period"),
        default=12,
        help_text=_("The EU's interim reports usually cover twelve months."),
    )
    iati_identifier = models.CharField(_("IATI activity identifier"), max_length=150, blank=True)
    reporting_org_ref = models.CharField(_("IATI reporting organisation identifier"), max_length=100, blank=True)
    reporting_org_type = models.CharField(_("IATI organisation type code"), max_length=4, default="22")
    funder_ref = models.CharField(_("IATI identifier of the donor"), max_length=100, default="XI-IATI-EC_NEAR")
    budget = models.DecimalField(_("total budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency of the budget"), max_length=3, default="EUR")

    class Meta:
        verbose_name = _("logframe")
        verbose_name_plural = _("logframes")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_months__gte=3, period_months__lte=24), name="logframe_period_months"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="logframe_budget_positive"
            ),
        ]

    def __str__(self):
        return str(self.programme)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Node(models.Model):
    """One box of the results chain."""

    logframe = models.ForeignKey(Logframe, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("logframe"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("serves")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20, help_text=_("For example OO, SO1, R1.2, A1.2.3."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("logframe result")
        verbose_name_plural = _("logframe results")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["logframe", "code"], name="node_code_unique_in_logframe"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=models.F("id")), name="node_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(level=Level.IMPACT, parent__isnull=True)
                | (~Q(level=Level.IMPACT) & Q(parent__isnull=False)),
                name="node_only_impact_without_parent",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Indicator(models.Model):
    logframe = models.ForeignKey(
        Logframe, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("logframe")
    )
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("result"))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("indicator"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices, default=Unit.NUMBER)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    final_target = models.DecimalField(_("final target"), max_digits=14, decimal_places=2, null=True, blank=True)
    means_of_verification = models.TextField(_("sources and means of verification"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    disaggregations = ArrayField(
        models.CharField(max_length=24),  # dimension codes of core.measures
        verbose_name=_("split by"),
        default=list,
        blank=True,
    )
    measure = models.CharField(
        _("computed from"),
        max_length=64,
        blank=True,
        help_text=_("The measure of the records that gives the value; leave empty to enter values by hand."),
    )
    filters = models.JSONField(_("filters of the measure"), default=dict, blank=True)
    cumulation = models.CharField(_("value to date"), max_length=10, choices=Cumulation.choices, default=Cumulation.SUM)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["logframe", "code"], name="indicator_code_unique_in_logframe"),
            models.CheckConstraint(
                condition=~Q(unit="percentage")
                | (Q(final_target__isnull=True) | Q(final_target__gte=0, final_target__lte=100)),
                name="indicator_percentage_target_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(unit="percentage") | (Q(baseline__isnull=True) | Q(baseline__gte=0, baseline__lte=100)),
                name="indicator_percentage_baseline_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(unit="yesno") | (Q(final_target__isnull=True) | Q(final_target__in=[0, 1])),
                name="indicator_yesno_target_0_1",
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True) | Q(baseline_year__gte=1990, baseline_year__lte=2100),
                name="indicator_baseline_year_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_computed(self) -> bool:
        return bool(self.measure)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Target(models.Model):
    """The value an indicator should reach by the end of one reporting period (cumulated the
    indicator's way)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        "results.Period", on_delete=models.PROTECT, related_name="targets", verbose_name=_("reporting period")
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_once_per_period"),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value}"
