"""Training packages, events and their sessions, participants, registration and attendance."""

import datetime as dt

import pghistory
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Deferrable, F, Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.geography import Governorate
from core.uploads import PrivateFileField


class TrainingPackage(models.Model):
    """A training package (good governance, strategic planning, ...), written in three languages."""

    code = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    objectives = models.TextField(_("learning objectives"), blank=True, help_text=_("One per line."))
    modules = models.TextField(_("modules"), blank=True, help_text=_("One per line."))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("training package")
        verbose_name_plural = _("training packages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def module_list(self) -> list[str]:
        return [line.strip() for line in self.modules.splitlines() if line.strip()]


class EventType(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    MEETING = "meeting", _("Meeting")
    CULTURAL = "cultural", _("Cultural event")
    EXCHANGE = "exchange", _("Exchange visit")
    LEGAL_CLINIC = "legal_clinic", _("Legal clinic")
    CONFERENCE = "conference", _("Conference")


class Audience(models.TextChoices):
    CSO_MEMBERS = "cso_members", _("Open to CSO members")
    INVITATION = "invitation", _("Invitation only")
    PUBLIC = "public", _("Public")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


@pghistory.track(
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
    fields=["status", "cancellation_reason"],
    model_name="EventStatusEvent",
)
class Event(models.Model):
    kind = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    centre = models.ForeignKey(
        "centers.Center", on_delete=models.PROTECT, related_name="events", verbose_name=_("centre")
    )
    room = models.ForeignKey(
        "centers.Room", on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("room")
    )
    external_venue = models.CharField(_("external venue"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    package = models.ForeignKey(
        TrainingPackage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("training package"),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="events_as_trainer", verbose_name=_("trainers")
    )
    capacity = models.PositiveSmallIntegerField(_("places"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.CSO_MEMBERS)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    certificate_threshold = models.PositiveSmallIntegerField(
        _("attendance needed for a certificate (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of the sessions a person must attend (present or late)."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept in step with the sessions by the services, so lists can sort and filter without a join.
    starts_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_window_ordered",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == EventStatus.PUBLISHED
            and (self.registration_opens is None or self.registration_opens <= now)
            and (self.registration_closes is None or now <= self.registration_closes)
            and (self.starts_at is None or now < self.starts_at)
        )


ATTENDANCE_OPENS_BEFORE = dt.timedelta(hours=1)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="SessionEvent")
class Session(models.Model):
    """One sitting of an event. A room holds one session at a time: PostgreSQL refuses an overlap."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    room = models.ForeignKey("centers.Room", on_delete=models.PROTECT, null=True, blank=True, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    period = DateTimeRangeField()
    is_cancelled = models.BooleanField(default=False)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
            # The room as a one-point range: overlap then means "the same room", which GiST indexes
            # without the btree_gist extension (not shipped with the embedded PostgreSQL).
            ExclusionConstraint(
                name="session_room_not_double_booked",
                expressions=[
                    (Func(F("room_id"), F("room_id"), Value("[]"), function="int8range"), RangeOperators.OVERLAPS),
                    ("period", RangeOperators.OVERLAPS),
                ],
                condition=Q(room__isnull=False, is_cancelled=False),
                # Checked at once, except where a save defers it to the end of the change, so the
                # sessions of one event may swap their times (trainings.services.events._sessions_save).
                deferrable=Deferrable.IMMEDIATE,
                violation_error_message=_("The room is already booked at that time."),
            ),
        ]

    def __str__(self):
        return f"{self.event} {self.date} {self.start_time:%H:%M}"

    def attendance_is_open(self) -> bool:
        """Attendance is taken from an hour before a session (people check in at the door), never
        for a session days ahead."""
        return timezone.now() >= self.period.lower - ATTENDANCE_OPENS_BEFORE


class Disability(models.TextChoices):
    """Washington Group short set answers."""

    NO = "no", _("No difficulty")
    SOME = "some", _("Some difficulty")
    A_LOT = "a_lot", _("A lot of difficulty")
    CANNOT = "cannot", _("Cannot do at all")


WG_DOMAINS = [
    ("wg_seeing", _("Difficulty seeing, even if wearing glasses")),
    ("wg_hearing", _("Difficulty hearing, even if using a hearing aid")),
    ("wg_walking", _("Difficulty walking or climbing steps")),
    ("wg_cognition", _("Difficulty remembering or concentrating")),
    ("wg_selfcare", _("Difficulty with self-care, such as washing all over or dressing")),
    ("wg_communication", _("Difficulty communicating, for example understanding or being understood")),
]


class Participant(models.Model):
    """A person who takes part in events, with or without an account. Personal data: shown only to
    the staff of the centres whose events they attend and to programme admins."""

    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=8, choices=[("female", _("Female")), ("male", _("Male"))])
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    governorate = models.CharField(_("governorate"), max_length=32, choices=Governorate.choices)
    phone = models.CharField(_("phone"), max_length=32, blank=True, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    wg_seeing = models.CharField(_("seeing"), max_length=8, choices=Disability.choices, default=Disability.NO)
    wg_hearing = models.CharField(_("hearing"), max_length=8, choices=Disability.choices, default=Disability.NO)
    wg_walking = models.CharField(_("walking"), max_length=8, choices=Disability.choices, default=Disability.NO)
    wg_cognition = models.CharField(_("remembering"), max_length=8, choices=Disability.choices, default=Disability.NO)
    wg_selfcare = models.CharField(_("self-care"), max_length=8, choices=Disability.choices, default=Disability.NO)
    wg_communication = models.CharField(
        _("communicating"), max_length=8, choices=Disability.choices, default=Disability.NO
    )
    consent = models.BooleanField(_("agrees to the use of this data for the programme's reports"), default=False)
    language = models.CharField(
        _("language for certificates and messages"), max_length=8, choices=settings.LANGUAGES, default="ar"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="participant"
    )
    # Set by the system, never typed; empty for records the demo or an import made, or once the
    # account is gone (blank, so such a record can still be saved through its form).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(condition=Q(birth_year__gte=1900), name="participant_birth_year_plausible"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def has_disability(self) -> bool:
        """The Washington Group cut-off: a lot of difficulty, or cannot do at all, in any domain."""
        return any(getattr(self, field) in (Disability.A_LOT, Disability.CANNOT) for field, _label in WG_DOMAINS)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="RegistrationEvent"
)
class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="registration_once_per_event")]

    def __str__(self):
        return f"{self.participant} → {self.event}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


# Attendance that counts as having been there: for certificates, feedback and the figures.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="AttendanceEvent"
)
class Attendance(models.Model):
    """Who was at one session, recorded per person, with who recorded it and when."""

    # Attendance is what people's certificates and the donor's figures rest on: a session that has
    # any cannot be deleted (the service says why; PROTECT makes sure nothing else does it silently).
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=8, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="attendance_once_per_session")]

    def __str__(self):
        return f"{self.participant} {self.session}: {self.status}"


class Certificate(models.Model):
    """A certificate of attendance, with a public verification code. The PDF is made in Celery."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="certificates")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    attended_sessions = models.PositiveSmallIntegerField()
    total_sessions = models.PositiveSmallIntegerField()
    file = PrivateFileField(kinds=("pdf",), blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["participant__full_name"]
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="certificate_once_per_event")]

    def __str__(self):
        return f"{self.code} {self.participant}"

    @property
    def original_filename(self) -> str:
        return f"certificate-{self.code}.pdf"


class MaterialVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    CSO = "cso", _("Signed-in CSO members and staff")


class Material(models.Model):
    """A training material file in one language. A new upload of the same title and language is a
    new version; the package page offers the latest published one."""

    package = models.ForeignKey(TrainingPackage, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    file = PrivateFileField(_("file"), kinds=("pdf", "docx", "pptx", "xlsx"), max_bytes=25 * 1024 * 1024)
    original_filename = models.CharField(max_length=255)
    visibility = models.CharField(
        _("who may download"), max_length=8, choices=MaterialVisibility.choices, default=MaterialVisibility.CSO
    )
    is_published = models.BooleanField(_("published"), default=True)
    download_count = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["package", "title", "language", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["package", "title", "language", "version"], name="material_version_unique")
        ]

    def __str__(self):
        return f"{self.title} ({self.language}) v{self.version}"


class KnowledgeQuestion(models.Model):
    """A question of a package's pre/post knowledge test, with its choices."""

    package = models.ForeignKey(TrainingPackage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("knowledge question")
        verbose_name_plural = _("knowledge questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class KnowledgeChoice(models.Model):
    question = models.ForeignKey(KnowledgeQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=200)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class KnowledgeTestKind(models.TextChoices):
    PRE = "pre", _("Before the training")
    POST = "post", _("After the training")


class KnowledgeTestAttempt(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="test_attempts")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="test_attempts")
    kind = models.CharField(max_length=4, choices=KnowledgeTestKind.choices)
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("knowledge test")
        verbose_name_plural = _("knowledge tests")
        constraints = [models.UniqueConstraint(fields=["event", "participant", "kind"], name="test_once_per_kind")]

    def __str__(self):
        return f"{self.participant} {self.kind} {self.correct}/{self.total}"

    @property
    def percent(self) -> float:
        return round(100 * self.correct / self.total, 1) if self.total else 0.0


class Feedback(models.Model):
    """What an attendee thought of an event. With the anonymous option the answers keep no link to
    the person; FeedbackReceipt alone records that they answered, so nobody answers twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    satisfaction = models.PositiveSmallIntegerField(
        _("overall, how satisfied are you?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    usefulness = models.PositiveSmallIntegerField(
        _("how useful will it be for your work?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__range=(1, 5), usefulness__range=(1, 5)), name="feedback_scores_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.event}: {self.satisfaction}/{self.usefulness}"


class FeedbackReceipt(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="feedback_once_per_person")]

    def __str__(self):
        return f"{self.participant} answered {self.event}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent(), model_name="SignInSheetEvent")
class SignInSheet(models.Model):
    """A photo of the paper sign-in sheet of a session, kept as evidence beside the digital record."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="sign_in_sheets")
    file = PrivateFileField(_("photo or scan"), kinds=("jpeg", "png", "pdf"), max_bytes=10 * 1024 * 1024)
    original_filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sign-in sheet")
        verbose_name_plural = _("sign-in sheets")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_filename
