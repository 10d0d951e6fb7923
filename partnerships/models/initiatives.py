"""Joint advocacy initiatives: a statement or sign-on letter drafted by a lead CSO (with versions),
published with its text frozen (the SHA-256 of the text shown), signed within a window by CSOs'
administrators (one signature per CSO) or on paper (entered by centre staff, counted apart),
delivered to targets, answered, and the outcomes logged as evidence for the results indicators."""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import PrivateFileField


class InitiativeKind(models.TextChoices):
    STATEMENT = "statement", _("Joint statement")
    SIGN_ON_LETTER = "letter", _("Sign-on letter")
    POSITION_PAPER = "position", _("Position paper")


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    DELIVERED = "delivered", _("Delivered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
)
class Initiative(models.Model):
    kind = models.CharField(_("type"), max_length=10, choices=InitiativeKind.choices, default=InitiativeKind.STATEMENT)
    title = models.CharField(_("title"), max_length=250)
    language = models.CharField(_("language of the text"), max_length=8, choices=settings.LANGUAGES)
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="led_initiatives",
        verbose_name=_("lead CSO"),
    )
    coalition = models.ForeignKey(
        "partnerships.Coalition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("coalition"),
    )
    centre = models.ForeignKey(
        "centers.Center", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("accompanying centre")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.DRAFT
    )
    opens_on = models.DateField(_("signatures open on"), null=True, blank=True)
    closes_on = models.DateField(_("signatures close on"), null=True, blank=True)
    published_version = models.OneToOneField(
        "partnerships.InitiativeVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_as",
        verbose_name=_("published text"),
    )
    text_sha256 = models.CharField(_("fingerprint of the text (SHA-256)"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("joint initiative")
        verbose_name_plural = _("joint initiatives")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=InitiativeStatus.DRAFT)
                | Q(status=InitiativeStatus.WITHDRAWN, published_version__isnull=True)
                | (
                    Q(published_version__isnull=False)
                    & Q(opens_on__isnull=False)
                    & Q(closes_on__isnull=False)
                    & Q(text_sha256__regex=r"^[0-9a-f]{64}$")
                ),
                name="initiative_published_is_frozen",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(opens_on__isnull=True) | Q(closes_on__gte=F("opens_on")),
                name="initiative_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415 - models know no URLs at import time

        return reverse("partnerships:initiative_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in (InitiativeStatus.PUBLISHED, InitiativeStatus.DELIVERED)

    def window_is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == InitiativeStatus.PUBLISHED
            and self.opens_on is not None
            and self.closes_on is not None
            and self.opens_on <= today <= self.closes_on
        )


@pgtrigger.register(
    pgtrigger.Protect(name="initiative_version_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
class InitiativeVersion(models.Model):
    """One saved state of the text. Versions are never changed: an edit is a new version."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version of the text")
        verbose_name_plural = _("versions of the text")
        ordering = ["initiative", "number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="initiative_version_numbered_once"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} v{self.number}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Signature(models.Model):
    """A CSO's signature, given by one of its administrators. One row per CSO and initiative: a
    withdrawal marks it, signing again clears the mark (the row is kept, never deleted)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="signatures")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="initiative_signatures"
    )
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "organization"], name="signature_one_per_cso"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_by__isnull=False),
                name="signature_withdrawn_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class PaperSignature(models.Model):
    """A signature on paper, entered by centre staff with the scanned page; counted apart from the
    signatures given on the platform."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="paper_signatures")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_signatures",
        verbose_name=_("CSO on the platform"),
        help_text=_("Leave empty for an organisation that is not on the platform."),
    )
    organization_name = models.CharField(_("organisation as written on the paper"), max_length=250)
    signatory_name = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    proof = PrivateFileField(_("scanned page"), kinds=("pdf", "png", "jpeg"))
    proof_filename = models.CharField(max_length=255)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("paper signature")
        verbose_name_plural = _("paper signatures")
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization"],
                condition=Q(organization__isnull=False),
                name="paper_signature_one_per_cso",
            ),
        ]

    def __str__(self) -> str:
        return self.organization_name


class SignatureSheet(models.Model):
    """A signature list issued as a PDF: the SHA-256 of the file's bytes and the list it carried,
    so the public verification page can tell a genuine copy from an altered one."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="signature_sheets")
    sha256 = models.CharField(max_length=64, unique=True)
    code = models.CharField(max_length=16, unique=True)  # printed on the PDF, typed into the check page
    signatories = models.JSONField()  # [{"name": ..., "kind": "online" | "paper", "signed": iso date}]
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("signature list")
        verbose_name_plural = _("signature lists")
        ordering = ["-issued_at", "pk"]

    def __str__(self) -> str:
        return self.code


class TargetKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    PARLIAMENT = "parliament", _("Parliamentary committee")
    KRG = "krg", _("KRG directorate")
    GOVERNORATE = "governorate", _("Governorate council")
    EU = "eu", _("EU delegation")
    OTHER = "other", _("Other decision-maker")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class AdvocacyTarget(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("type"), max_length=12, choices=TargetKind.choices)
    name = models.CharField(_("addressee"), max_length=250, help_text=_("For example: the Ministry of Labour."))

    class Meta:
        verbose_name = pgettext_lazy("advocacy", "target")
        verbose_name_plural = pgettext_lazy("advocacy", "targets")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


def _evidence_fields():
    return (
        models.URLField(_("evidence (link)"), blank=True),
        PrivateFileField(_("evidence (file)"), blank=True, kinds=("pdf", "png", "jpeg", "docx")),
    )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Delivery(models.Model):
    """The text handed to a target: when, how, by whom."""

    target = models.ForeignKey(AdvocacyTarget, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField(_("delivered on"))
    method = models.CharField(_("how"), max_length=200, help_text=_("For example: handed over at a meeting."))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["delivered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.target} {self.delivered_on}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class TargetResponse(models.Model):
    target = models.ForeignKey(AdvocacyTarget, on_delete=models.PROTECT, related_name="responses")
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("what they answered"))
    evidence_link, evidence_file = _evidence_fields()
    evidence_filename = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.target} {self.received_on}"


class OutcomeKind(models.TextChoices):
    MEETING = "meeting", _("Meeting held with the decision-maker")
    POSITION = "position", _("Position changed")
    POLICY = "policy", _("Policy or law adopted")


# The outcomes that document a change (the second outcome indicator); a meeting only reaches.
CHANGE_OUTCOMES = frozenset({OutcomeKind.POSITION, OutcomeKind.POLICY})


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class AdvocacyOutcome(models.Model):
    """What an initiative achieved with a target, with the evidence: the results indicators count
    these (partnerships.measures)."""

    target = models.ForeignKey(AdvocacyTarget, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=10, choices=OutcomeKind.choices)
    occurred_on = models.DateField(_("on"))
    description = models.TextField(_("what happened"))
    evidence_link, evidence_file = _evidence_fields()
    evidence_filename = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("advocacy outcome")
        verbose_name_plural = _("advocacy outcomes")
        ordering = ["occurred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(evidence_link="") | ~Q(evidence_file=""), name="advocacy_outcome_has_evidence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.get_kind_display()}"
