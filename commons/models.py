"""The civil-society platform: entries (tools, practices, guides) with their file versions and human
translations, the moderation of them (reports by readers, the steps of moderators), questions and
answers per topic, what people follow, and the CSOs that used an entry.

Invariants the database keeps: one version number per entry and a change note on every version; one
translation per entry and language; one report per entry and person; one accepted answer per
question; one "we used this" per entry and CSO; one digest per person, frequency and period; a follow
names exactly one thing. Entries, versions, translations, answers and uptakes are tracked by
pghistory; the moderation steps are an append-only log (a trigger refuses updates and deletes)."""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.geography import Governorate
from core.uploads import PrivateFileField
from organizations.models import TargetGroup

LANGUAGE_CHOICES = settings.LANGUAGES
MAX_FILE_BYTES = 20 * 1024 * 1024
FILE_KINDS = ("pdf", "docx", "doc", "xlsx", "xls", "pptx", "csv", "png", "jpeg", "webp")


class Topic(models.TextChoices):
    """The five training areas and the four grant themes."""

    GOVERNANCE = "governance", _("Good governance")
    STRATEGIC_PLANNING = "strategic_planning", _("Strategic planning")
    CAMPAIGNING = "campaigning", _("Campaigning and advocacy")
    PROJECT_MANAGEMENT = "project_management", _("Project management")
    FUNDRAISING = "fundraising", _("Fundraising")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    ENVIRONMENT = "environment", _("Environmental protection")
    PEACEBUILDING = "peacebuilding", _("Peacebuilding")
    DEVELOPMENT = "development", _("Development")


class EntryKind(models.TextChoices):
    TOOL = "tool", _("Tool or template")
    PRACTICE = "practice", _("Practice or case study")
    GUIDE = "guide", _("Guide")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY 4.0 (reuse with credit)")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0 (reuse with credit, share alike)")
    ALL_RIGHTS = "all-rights", _("All rights reserved")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in CSO members and staff")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Not published")
    HIDDEN = "hidden", _("Hidden")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
)
class Entry(models.Model):
    """What a CSO (or the programme, through centre staff) shares. The byline is the organisation;
    the person who wrote it is shown to members only."""

    kind = models.CharField(_("type"), max_length=10, choices=EntryKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commons_entries",
        verbose_name=_("organisation"),
        help_text=_("Empty when centre staff publish for the programme."),
    )
    centre = models.ForeignKey(
        "centers.Center",
        on_delete=models.PROTECT,
        related_name="commons_entries",
        verbose_name=_("reviewing centre"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commons_entries", verbose_name=_("author")
    )
    language = models.CharField(_("original language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("text"), blank=True)  # sanitised HTML (commons.rules.sanitise)
    topics = ArrayField(models.CharField(max_length=24, choices=Topic.choices), verbose_name=_("topics"))
    governorates = ArrayField(
        models.CharField(max_length=32, choices=Governorate.choices),
        verbose_name=_("governorates"),
        default=list,
        blank=True,
    )
    target_groups = ArrayField(
        models.CharField(max_length=32, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    visibility = models.CharField(
        _("who can read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # A tool or template.
    purpose = models.TextField(_("what it is for"), blank=True)
    file_format = models.CharField(_("format"), max_length=100, blank=True)
    licence = models.CharField(_("licence"), max_length=12, choices=Licence.choices, blank=True)
    # A practice or case study.
    problem = models.TextField(_("the problem"), blank=True)
    approach = models.TextField(_("what we did"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    did_not_work = models.TextField(_("what did not work"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    training_package = models.ForeignKey(
        "trainings.TrainingPackage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commons_entries",
        verbose_name=_("training package it draws on"),
    )
    # A case study made from a grantee's approved final report, with the CSO's consent to publish it.
    grant_report = models.OneToOneField(
        "grants.GrantReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commons_case_study",
        verbose_name=_("final report it tells"),
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent to publish given by"),
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    status_reason = models.TextField(_("reason"), blank=True)
    hidden_by_reports = models.BooleanField(_("hidden by readers' reports"), default=False)
    second_review_requested_at = models.DateTimeField(_("second review asked for"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("platform entry")
        verbose_name_plural = _("platform entries")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="commons_entry_listed")]
        constraints = [
            models.CheckConstraint(condition=~Q(topics=[]), name="commons_entry_has_a_topic"),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="commons_entry_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="commons_entry_published_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(grant_report__isnull=True) | Q(consent_at__isnull=False, consent_by__isnull=False),
                name="commons_case_study_has_consent",
            ),
        ]

    def __str__(self):
        return self.title


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class EntryTranslation(models.Model):
    """A person's translation of an entry into another language (never a machine's)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("text"), blank=True)
    # The fields of a tool or a practice, translated too (blank: the reader sees the original's).
    purpose = models.TextField(_("what it is for"), blank=True)
    problem = models.TextField(_("the problem"), blank=True)
    approach = models.TextField(_("what we did"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    did_not_work = models.TextField(_("what did not work"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("translator")
    )
    translated_at = models.DateTimeField(_("translated"), auto_now=True)

    class Meta:
        verbose_name = _("translation of an entry")
        verbose_name_plural = _("translations of entries")
        constraints = [models.UniqueConstraint(fields=["entry", "language"], name="commons_translation_once")]

    def __str__(self):
        return f"{self.entry_id} {self.language}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class EntryVersion(models.Model):
    """One file of an entry, as it was uploaded. A new file is a new version, with what changed."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = PrivateFileField(kinds=FILE_KINDS, max_bytes=MAX_FILE_BYTES, verbose_name=_("file"))
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    # A small JPEG of an image (photos of a practice), made when it is uploaded; the page shows it and
    # links the original, so a reader on a phone downloads the large file only when she asks for it.
    thumbnail = PrivateFileField(kinds=("jpeg",), blank=True, verbose_name=_("thumbnail"))
    change_note = models.CharField(_("what changed"), max_length=500)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="commons_version_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="commons_version_number_positive"),
            models.CheckConstraint(condition=~Q(change_note=""), name="commons_version_has_a_note"),
        ]

    def __str__(self):
        return f"{self.filename} v{self.number}"

    @property
    def original_filename(self) -> str:
        """The name the file is downloaded under (core.views.private_file): the uploaded one."""
        return self.filename


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OFF_TOPIC = "off_topic", _("Off topic")
    PERSONAL_DATA = "personal_data", _("Shows personal data")
    UNSAFE = "unsafe", _("Unsafe for activists")


class EntryReport(models.Model):
    """A reader's report that an entry should not be shown. Three distinct readers hide it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report of an entry")
        verbose_name_plural = _("reports of entries")
        constraints = [models.UniqueConstraint(fields=["entry", "reporter"], name="commons_report_once_per_person")]

    def __str__(self):
        return f"{self.entry_id} {self.reason}"


class ModerationAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Not published")
    HIDDEN = "hidden", _("Hidden")
    HIDDEN_BY_REPORTS = "hidden_by_reports", _("Hidden after three reports")
    RESTORED = "restored", _("Shown again")
    SECOND_REVIEW = "second_review", _("Second review asked for")


@pgtrigger.register(
    pgtrigger.Protect(name="commons_moderation_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
class ModerationStep(models.Model):
    """What a moderator (or the threshold of reports, with no actor) did to an entry, and why."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="moderation_steps")
    action = models.CharField(_("action"), max_length=20, choices=ModerationAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation step")
        verbose_name_plural = _("moderation steps")
        ordering = ["entry", "created_at", "pk"]

    def __str__(self):
        return f"{self.entry_id} {self.action}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Question(models.Model):
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commons_questions")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    centre = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="commons_questions")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commons_answers")
    body = models.TextField(_("answer"))
    by_expert = models.BooleanField(_("by programme staff"), default=False)  # a trainer, lawyer or centre staff
    accepted = models.BooleanField(_("accepted"), default=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question"], condition=Q(accepted=True), name="commons_one_accepted_answer")
        ]

    def __str__(self):
        return f"{self.question_id}: {self.body[:40]}"


class FollowLevel(models.TextChoices):
    WATCH = "watch", _("Everything")
    NEW = "new", _("New entries only")
    MUTE = "mute", _("Nothing (muted)")


class Follow(models.Model):
    """A person follows one thing: a topic, a governorate, a CSO, an entry or a question."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commons_follows")
    level = models.CharField(_("what to receive"), max_length=8, choices=FollowLevel.choices, default=FollowLevel.WATCH)
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices, blank=True)
    governorate = models.CharField(_("governorate"), max_length=32, choices=Governorate.choices, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="follows")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, null=True, blank=True, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=~Q(
                    topic="", governorate="", organization__isnull=True, entry__isnull=True, question__isnull=True
                ),
                name="commons_follow_names_something",
            ),
            models.UniqueConstraint(
                fields=["user", "topic", "governorate", "organization", "entry", "question"],
                name="commons_follow_once",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.level}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Uptake(models.Model):
    """A CSO says it used an entry; three months later it may say what changed."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="uptakes")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    used_on = models.DateField(_("used on"))
    follow_up = models.TextField(_("what changed"), blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # asked for the follow-up, once
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("use of an entry")
        verbose_name_plural = _("uses of entries")
        constraints = [models.UniqueConstraint(fields=["entry", "organization"], name="commons_uptake_once_per_cso")]

    def __str__(self):
        return f"{self.entry_id} {self.organization_id}"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Digest(models.Model):
    """The digest e-mail of one person for one period: the row is taken before the e-mail is sent, so
    a job that runs twice sends once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=8, choices=DigestFrequency.choices)
    period = models.CharField(max_length=10)  # 2026-12-03 or 2026-W49
    items = models.PositiveIntegerField(default=0)
    since = models.DateTimeField()
    until = models.DateTimeField(null=True)  # the next digest starts here
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "frequency", "period"], name="commons_digest_once_per_period")
        ]

    def __str__(self):
        return f"{self.user_id} {self.period}"


class DigestPreference(models.Model):
    """How often a person who follows something receives the digest e-mail (weekly unless chosen)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commons_digest")
    frequency = models.CharField(
        _("digest e-mail"),
        max_length=8,
        choices=[*DigestFrequency.choices, ("off", _("No e-mail"))],
        default=DigestFrequency.WEEKLY,
    )

    def __str__(self):
        return f"{self.user_id} {self.frequency}"


# The fields of a tool or practice that a translation carries (besides title, summary and text).
TRANSLATED_FIELDS = ("purpose", "problem", "approach", "results", "lessons", "did_not_work", "partners")

# What the writers of an entry fill in (the form's fields, and what entry_save takes).
ENTRY_FIELDS = (
    "kind",
    "language",
    "title",
    "summary",
    "body",
    "purpose",
    "file_format",
    "licence",
    "problem",
    "approach",
    "results",
    "lessons",
    "did_not_work",
    "partners",
    "period_start",
    "period_end",
    "training_package",
    "topics",
    "governorates",
    "target_groups",
    "visibility",
)
