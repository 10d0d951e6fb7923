"""External partners and the typed relationships between parties (CSOs and partners).

A relationship is one row, read from both ends: its kind has a label for each direction ("mentors" /
"is mentored by"); a symmetric kind ("partner of") reads the same both ways and is stored in one
canonical order (a CSO before a partner, then the lower key first), so the database's uniqueness of
an active relationship holds whichever end it was entered from."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.geography import Governorate
from core.uploads import PrivateFileField


class PartnerKind(models.TextChoices):
    INGO = "ingo", _("International NGO")
    REGIONAL_CSO = "regional_cso", _("Regional CSO")
    NETWORK = "network", _("Network")
    UNIVERSITY = "university", _("University or research centre")
    AUTHORITY = "authority", _("Public authority")
    DONOR = "donor", _("Donor")
    PRIVATE = "private", _("Private sector")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Partner(models.Model):
    """An organisation outside the programme's Iraqi CSOs: an INGO, a regional CSO, a network, a
    university, an authority, a donor or a company. Managed by programme admins and by the managers
    of its centre; public when `is_public`."""

    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=PartnerKind.choices)
    country = models.CharField(
        _("country"), max_length=2, help_text=_("The country of its seat (two-letter ISO code, e.g. JO, TN, DE).")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    iraq_governorates = ArrayField(
        models.CharField(max_length=32, choices=Governorate.choices),
        verbose_name=_("governorates where it works in Iraq"),
        default=list,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    centre = models.ForeignKey(
        "centers.Center",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("centre in charge"),
        help_text=_("Empty for a partner of the whole programme."),
    )
    is_public = models.BooleanField(
        _("public profile"), default=False, help_text=_("Shown to visitors of the site, with its public contacts.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(country__regex=r"^[A-Z]{2}$"), name="partner_country_iso"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415 - models know no URLs at import time

        return reverse("partnerships:partner_detail", kwargs={"pk": self.pk})

    def governorate_labels(self) -> list[str]:
        labels = dict(Governorate.choices)
        return [str(labels.get(value, value)) for value in self.iraq_governorates]


# What the partner form changes (forms and services share it).
PARTNER_FIELDS = (
    "name",
    "acronym",
    "kind",
    "country",
    "city",
    "iraq_governorates",
    "website",
    "description",
    "centre",
    "is_public",
)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PartnerContact(models.Model):
    """A person to contact at a partner. Only staff see contacts not marked public. Removing one
    deletes it; the audit trail keeps who removed whom."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_public = models.BooleanField(_("shown on the public profile"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name


CONTACT_FIELDS = ("full_name", "position", "email", "phone", "is_public")


class RelationshipKind(models.TextChoices):
    MENTORS = "mentors", _("Mentoring")
    MEMBER_OF = "member_of", _("Membership")
    PARTNER_OF = "partner_of", _("Partnership")
    FUNDS = "funds", _("Funding")
    TRAINS = "trains", _("Training")
    HOSTS = "hosts", _("Hosting (exchange)")


# (how the source reads it, how the target reads it); a symmetric kind reads the same both ways.
RELATIONSHIP_LABELS = {
    RelationshipKind.MENTORS: (
        pgettext_lazy("relationship", "mentors"),
        pgettext_lazy("relationship", "is mentored by"),
    ),
    RelationshipKind.MEMBER_OF: (
        pgettext_lazy("relationship", "is a member of"),
        pgettext_lazy("relationship", "has as a member"),
    ),
    RelationshipKind.PARTNER_OF: (
        pgettext_lazy("relationship", "is a partner of"),
        pgettext_lazy("relationship", "is a partner of"),
    ),
    RelationshipKind.FUNDS: (pgettext_lazy("relationship", "funds"), pgettext_lazy("relationship", "is funded by")),
    RelationshipKind.TRAINS: (pgettext_lazy("relationship", "trains"), pgettext_lazy("relationship", "is trained by")),
    RelationshipKind.HOSTS: (
        pgettext_lazy("relationship", "hosts exchanges of"),
        pgettext_lazy("relationship", "visits on exchange"),
    ),
}
SYMMETRIC_KINDS = frozenset({RelationshipKind.PARTNER_OF})


class RelationshipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


def _canonical_order() -> Q:
    """The stored order of a symmetric relationship: a CSO before a partner, then the lower key."""
    return (
        (Q(source_organization__isnull=False) & Q(target_partner__isnull=False))
        | Q(
            source_organization__isnull=False,
            target_organization__isnull=False,
            source_organization__lt=F("target_organization"),
        )
        | Q(source_partner__isnull=False, target_partner__isnull=False, source_partner__lt=F("target_partner"))
    )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Relationship(models.Model):
    """`source` <kind> `target`, from `started_on` (to `ended_on`), with the evidence for it."""

    kind = models.CharField(_("type"), max_length=12, choices=RelationshipKind.choices)
    source_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="relationships_out"
    )
    source_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="relationships_out"
    )
    target_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="relationships_in"
    )
    target_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="relationships_in"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=RelationshipStatus.choices, default=RelationshipStatus.ACTIVE
    )
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("what it consists of"), blank=True)
    evidence_link = models.URLField(_("evidence (link)"), blank=True)
    evidence_file = PrivateFileField(_("evidence (file)"), blank=True)
    evidence_filename = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source_organization__isnull=False) & Q(source_partner__isnull=True))
                | (Q(source_organization__isnull=True) & Q(source_partner__isnull=False)),
                name="relationship_one_source",
            ),
            models.CheckConstraint(
                condition=(Q(target_organization__isnull=False) & Q(target_partner__isnull=True))
                | (Q(target_organization__isnull=True) & Q(target_partner__isnull=False)),
                name="relationship_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(source_organization=F("target_organization")) & ~Q(source_partner=F("target_partner")),
                name="relationship_not_with_itself",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="relationship_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(SYMMETRIC_KINDS)) | _canonical_order(),
                name="relationship_symmetric_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status=RelationshipStatus.ACTIVE) | Q(ended_on__isnull=False),
                name="relationship_ended_has_date",
            ),
            models.UniqueConstraint(
                fields=["kind", "source_organization", "source_partner", "target_organization", "target_partner"],
                condition=Q(status=RelationshipStatus.ACTIVE),
                nulls_distinct=False,
                name="relationship_one_active_per_kind_and_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.source_label()} {self.target}"

    @property
    def source(self):
        return self.source_organization or self.source_partner

    @property
    def target(self):
        return self.target_organization or self.target_partner

    def source_label(self):
        return RELATIONSHIP_LABELS[RelationshipKind(self.kind)][0]

    def target_label(self):
        return RELATIONSHIP_LABELS[RelationshipKind(self.kind)][1]
