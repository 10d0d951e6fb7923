"""Legal assistance for CSOs: requests, their triage, case work by lawyers, referrals and closing.

A case is confidential: only the CSO's members (shared parts), the assigned lawyers, the legal
coordinator and programme admins see it, and every view of its details or documents is logged."""

import datetime as dt

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import PrivateFileField

# In the Kurdistan Region, an NGO registration filing not answered within 30 days counts as approved.
KRG_SILENCE_DAYS = 30


class Category(models.TextChoices):
    REGISTRATION = "registration", _("Registration or renewal with the NGO Directorate")
    LABOUR = "labour", _("Labour law")
    TAX = "tax", _("Tax")
    CONTRACTS = "contracts", _("Contracts and leases")
    DISPUTE = "dispute", _("Disputes")
    PROTECTION = "protection", _("Protection of activists")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent (within a week)")
    EMERGENCY = "emergency", _("Emergency (someone is at risk)")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online, by the CSO")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person at a centre")


# Which status may follow which, and who moves a case on: legal_aid.workflows.CASE.
class Status(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("legal case", "Submitted")
    TRIAGED = "triaged", pgettext_lazy("legal case", "Accepted")
    ASSIGNED = "assigned", pgettext_lazy("legal case", "Assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("legal case", "In progress")
    WAITING = "waiting", pgettext_lazy("legal case", "Waiting for the client or an authority")
    RESOLVED = "resolved", pgettext_lazy("legal case", "Resolved")
    CLOSED = "closed", pgettext_lazy("legal case", "Closed")
    REJECTED = "rejected", pgettext_lazy("legal case", "Not accepted")
    REFERRED = "referred", pgettext_lazy("legal case", "Referred out")


OPEN_STATUSES = [Status.SUBMITTED, Status.TRIAGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING]

# What the person asking for help fills in (the request form and the service share it).
REQUEST_FIELDS = (
    "category",
    "description",
    "counterpart",
    "urgency",
    "preferred_centre",
    "preferred_language",
    "consent_data_use",
    "consent_referral",
)


class Outcome(models.TextChoices):
    SOLVED = "solved", _("Solved in the CSO's favour")
    PARTLY = "partly", _("Partly solved")
    ADVICE = "advice", _("Advice given")
    NOT_SOLVED = "not_solved", _("Not solved")
    REFERRED = "referred", _("Referred to another organisation")
    WITHDRAWN = "withdrawn", _("Withdrawn by the CSO")


class Authority(models.TextChoices):
    FEDERAL = "federal", _("NGO Directorate, Baghdad (federal)")
    KRG = "krg", _("NGO Department, Kurdistan Region")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
    pghistory.UpdateEvent("anonymised", condition=pghistory.AnyChange("anonymised_at")),
    fields=["status", "primary_lawyer", "outcome", "rejection_reason", "anonymised_at"],
    model_name="LegalCaseEvent",
    append_only=False,  # the retention job blanks the rejection reason
)
class LegalCase(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="legal_cases")
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    description = models.TextField(_("what happened and what help you need"))
    counterpart = models.CharField(
        _("other party"),
        max_length=200,
        blank=True,
        help_text=_("The person, company or authority on the other side, if any (for the conflict check)."),
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    preferred_centre = models.ForeignKey(
        "centers.Center", on_delete=models.PROTECT, related_name="legal_cases", verbose_name=_("preferred centre")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=3, choices=settings.LANGUAGES, default="ar"
    )
    consent_data_use = models.BooleanField(
        _("The CSO agrees that the programme uses this information to give legal help"), default=False
    )
    consent_referral = models.BooleanField(
        _("The CSO agrees to be referred to another organisation if that helps"), default=False
    )
    channel = models.CharField(_("how the request came"), max_length=10, choices=Channel.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("reason given to the CSO"), blank=True)
    conflict_checked_at = models.DateTimeField(null=True, blank=True)
    conflict_note = models.TextField(_("conflict check"), blank=True)
    primary_lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filing_authority = models.CharField(_("filed with"), max_length=8, choices=Authority.choices, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_summary = models.TextField(_("summary of the outcome"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("how useful was the help?"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("comment"), blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("legal case")
        verbose_name_plural = _("legal cases")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(consent_data_use=True), name="legal_case_has_data_consent"),
            models.CheckConstraint(
                condition=~Q(status="closed")
                | (~Q(outcome="") & (~Q(outcome_summary="") | Q(anonymised_at__isnull=False))),
                name="closed_case_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="legal_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def deemed_approval_on(self) -> dt.date | None:
        """For a registration filed in the Kurdistan Region: the day from which silence counts as approval."""
        if self.category == Category.REGISTRATION and self.filing_authority == Authority.KRG and self.filed_on:
            return self.filed_on + dt.timedelta(days=KRG_SILENCE_DAYS)
        return None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class AssignmentRole(models.TextChoices):
    PRIMARY = "primary", _("Primary lawyer")
    ADDITIONAL = "additional", _("Additional lawyer")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="CaseAssignmentEvent")
class CaseAssignment(models.Model):
    """Who works on a case; an assignment that ends keeps its dates (the history of assignments)."""

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="assignments")
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="legal_assignments")
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "lawyer"], condition=Q(ended_at__isnull=True), name="one_current_assignment_per_lawyer"
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_at__isnull=True, role="primary"),
                name="one_current_primary_lawyer",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.lawyer}"


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal (lawyers only)")
    SHARED = "shared", _("Shared with the CSO")


@pghistory.track(pghistory.InsertEvent(), model_name="CaseNoteEvent", append_only=False)  # retention deletes
class CaseNote(models.Model):
    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    visibility = models.CharField(_("visible to"), max_length=8, choices=Visibility.choices)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:40]


class CaseDocument(models.Model):
    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="documents")
    file = PrivateFileField(_("document"), kinds=("pdf", "jpeg", "png", "docx"))
    original_filename = models.CharField(max_length=255)
    visibility = models.CharField(_("visible to"), max_length=8, choices=Visibility.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_filename


class TaskKind(models.TextChoices):
    HEARING = "hearing", _("Hearing")
    FILING = "filing", _("Filing date")
    DEADLINE = "deadline", _("Deadline")
    MEETING = "meeting", _("Meeting with the client")
    OTHER = "other", _("Other")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="CaseTaskEvent", append_only=False)
class CaseTask(models.Model):
    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=10, choices=TaskKind.choices)
    title = models.CharField(_("what"), max_length=200)
    due_at = models.DateTimeField(_("when"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("who")
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("case task")
        verbose_name_plural = _("case tasks")
        ordering = ["due_at", "pk"]

    def __str__(self):
        return self.title


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("The CSO consented")
    OVERRIDE = "override", _("Coordinator's override")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Taken up")
    DECLINED = "declined", _("Declined")
    RESOLVED = "resolved", _("Resolved by them")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="ReferralEvent", append_only=False)
class Referral(models.Model):
    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="referrals")
    organization_name = models.CharField(_("referred to"), max_length=200)
    reason = models.TextField(_("why"))
    basis = models.CharField(_("basis"), max_length=8, choices=ConsentBasis.choices)
    override_reason = models.TextField(_("reason for referring without consent"), blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    referred_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["referred_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(basis="consent") | ~Q(override_reason=""), name="referral_override_has_reason"
            )
        ]

    def __str__(self):
        return self.organization_name


class AccessAction(models.TextChoices):
    VIEW = "view", _("Opened the case")
    DOCUMENT = "document", _("Downloaded a document")


class CaseAccess(models.Model):
    """Who looked at a case or downloaded one of its documents, and when. Append-only."""

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=8, choices=AccessAction.choices)
    document = models.ForeignKey(CaseDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.user} {self.action} {self.case}"
