"""Coalitions and networks: CSOs and partners acting together, with roles and the dates they joined
and left. A coalition's joint actions are its advocacy initiatives."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models.party import PartyMixin, one_party


class CoalitionKind(models.TextChoices):
    COALITION = "coalition", _("Coalition")
    NETWORK = "network", _("Network")


# What a coalition's form changes (its centre is set when it starts).
COALITION_FIELDS = ("name", "kind", "purpose", "founded_on", "is_public")


class CoalitionRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Coalition(models.Model):
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("type"), max_length=10, choices=CoalitionKind.choices, default=CoalitionKind.COALITION)
    purpose = models.TextField(_("purpose"))
    founded_on = models.DateField(_("founded on"))
    centre = models.ForeignKey(
        "centers.Center",
        on_delete=models.PROTECT,
        related_name="coalitions",
        verbose_name=_("accompanying centre"),
    )
    is_public = models.BooleanField(_("public page"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415 - models know no URLs at import time

        return reverse("partnerships:coalition_detail", kwargs={"pk": self.pk})


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class CoalitionMember(PartyMixin, models.Model):
    """A CSO or partner in a coalition from `joined_on` (to `left_on`). A member who leaves and
    comes back is a new row: the old one keeps its dates."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coalition_memberships",
        verbose_name=_("CSO"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coalition_memberships",
        verbose_name=_("partner"),
    )
    role = models.CharField(_("role"), max_length=10, choices=CoalitionRole.choices, default=CoalitionRole.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")
        ordering = ["role", "joined_on", "pk"]
        constraints = [
            one_party("", "coalition_member_one_party"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="coalition_member_left_after_joining",
            ),
            models.UniqueConstraint(
                fields=["coalition", "organization", "partner"],
                condition=Q(left_on__isnull=True),
                nulls_distinct=False,
                name="coalition_member_once_at_a_time",
            ),
        ]

    def __str__(self) -> str:
        return str(self.party)

    @property
    def is_current(self) -> bool:
        return self.left_on is None
