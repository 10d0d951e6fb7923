"""CSO profiles, memberships, invitations, documents, leadership and capacity assessments."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.geography import Governorate
from core.uploads import IMAGE_KINDS, PrivateFileField

YOUTH_MIN_AGE = 15
YOUTH_MAX_AGE = 29


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IN_PROCESS = "in_process", _("Registration in process")
    NOT_REGISTERED = "not_registered", _("Not registered")


class RegistrationAuthority(models.TextChoices):
    FEDERAL = "federal", _("NGO Directorate (federal, Baghdad)")
    KURDISTAN = "kurdistan", _("NGO Department (Kurdistan Region)")


class ThematicArea(models.TextChoices):
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    ENVIRONMENT = "environment", _("Environmental protection")
    PEACEBUILDING = "peacebuilding", _("Peacebuilding")
    DEVELOPMENT = "development", _("Development")
    WOMENS_RIGHTS = "womens_rights", _("Women's rights")
    YOUTH = "youth", _("Youth")
    GOVERNANCE = "governance", _("Good governance")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    LIVELIHOODS = "livelihoods", _("Livelihoods")
    CULTURE = "culture", _("Culture and heritage")
    DISABILITY = "disability", _("Disability inclusion")
    LEGAL_AID = "legal_aid", _("Legal aid")
    MEDIA = "media", _("Media and freedom of expression")


class TargetGroup(models.TextChoices):
    WOMEN = "women", _("Women and girls")
    YOUTH = "youth", _("Youth")
    CHILDREN = "children", _("Children")
    DISPLACED = "displaced", _("Internally displaced people")
    RETURNEES = "returnees", _("Returnees")
    DISABILITY = "disability", _("People with disabilities")
    MINORITIES = "minorities", _("Ethnic and religious minorities")
    ELDERLY = "elderly", _("Older people")
    FARMERS = "farmers", _("Farmers and rural communities")
    GENERAL = "general", _("The general public")


class BudgetBand(models.TextChoices):
    UNDER_10K = "under_10k", _("Under 10,000 USD")
    FROM_10K = "10k_50k", _("10,000 to 50,000 USD")
    FROM_50K = "50k_250k", _("50,000 to 250,000 USD")
    FROM_250K = "250k_1m", _("250,000 to 1 million USD")
    OVER_1M = "over_1m", _("Over 1 million USD")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")
    REJECTED = "rejected", _("Rejected")


@pghistory.track(
    pghistory.UpdateEvent(
        "verification_changed",
        condition=pghistory.AnyChange("verification_status", "verification_reason"),
    ),
    fields=["verification_status", "verification_reason", "verified_by", "verified_at"],
    model_name="OrganizationVerificationEvent",
)
class Organization(models.Model):
    """A civil-society organisation: its profile, as the CSO keeps it."""

    name = models.CharField(_("name"), max_length=250, help_text=_("As the organisation writes it."))
    name_en = models.CharField(_("name in English"), max_length=250, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    registration_status = models.CharField(_("registration status"), max_length=20, choices=RegistrationStatus.choices)
    registration_authority = models.CharField(
        _("registration authority"), max_length=20, choices=RegistrationAuthority.choices, blank=True
    )
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    governorate = models.CharField(_("governorate"), max_length=32, choices=Governorate.choices)
    district = models.CharField(_("district"), max_length=100, blank=True)
    nearest_centre = models.ForeignKey(
        "centers.Center", on_delete=models.PROTECT, related_name="organizations", verbose_name=_("nearest centre")
    )
    thematic_areas = ArrayField(
        models.CharField(max_length=32, choices=ThematicArea.choices), verbose_name=_("thematic areas"), default=list
    )
    target_groups = ArrayField(
        models.CharField(max_length=32, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    website = models.URLField(_("website"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    x_twitter = models.URLField(_("X (Twitter)"), blank=True)
    staff_women = models.PositiveIntegerField(_("staff: women"), default=0)
    staff_men = models.PositiveIntegerField(_("staff: men"), default=0)
    volunteers_women = models.PositiveIntegerField(_("volunteers: women"), default=0)
    volunteers_men = models.PositiveIntegerField(_("volunteers: men"), default=0)
    annual_budget = models.CharField(_("annual budget"), max_length=20, choices=BudgetBand.choices, blank=True)
    logo = PrivateFileField(_("logo"), kinds=IMAGE_KINDS, max_bytes=2 * 1024 * 1024, blank=True)
    is_published = models.BooleanField(
        _("publish the profile in the public directory"),
        default=False,
        help_text=_("Only the name, area, themes, description, website and social links are shown publicly."),
    )
    verification_status = models.CharField(
        _("verification"), max_length=20, choices=VerificationStatus.choices, default=VerificationStatus.PENDING
    )
    verification_reason = models.TextField(_("reason given"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Derived from the leadership composition today (refreshed on change and nightly).
    is_women_led = models.BooleanField(_("women-led"), default=False)
    is_youth_led = models.BooleanField(_("youth-led"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("name", "name_en", "acronym", "district", "description", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="org_search_gin"),
            GinIndex(fields=["thematic_areas"], name="org_themes_gin"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_authority", "registration_number"],
                condition=~Q(registration_number=""),
                name="org_registration_number_unique",
                violation_error_message=_("Another organisation is already registered with this number."),
            ),
            models.CheckConstraint(
                condition=Q(registration_status=RegistrationStatus.NOT_REGISTERED) | ~Q(registration_authority=""),
                name="org_registered_has_authority",
                violation_error_message=_("Choose the authority the organisation is registered with."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def thematic_area_labels(self) -> list[str]:
        labels = dict(ThematicArea.choices)
        return [str(labels.get(v, v)) for v in self.thematic_areas]

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_groups]

    @property
    def staff_total(self):
        return self.staff_women + self.staff_men

    @property
    def volunteers_total(self):
        return self.volunteers_women + self.volunteers_men


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="MembershipEvent"
)
class Membership(models.Model):
    """A person's place in a CSO's team. Admins edit the profile and manage the team."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cso_memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__full_name"]
        constraints = [models.UniqueConstraint(fields=["organization", "user"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} @ {self.organization}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An invitation by e-mail to join a CSO's team. The link is signed and expires; it works once."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(status="pending"),
                name="invitation_one_pending_per_email",
                violation_error_message=_("This address has already been invited."),
            )
        ]

    def __str__(self):
        return self.email


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class LeadershipBody(models.TextChoices):
    BOARD = "board", _("Board")
    MANAGEMENT = "management", _("Management")


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="LeadershipMemberEvent"
)
class LeadershipMember(models.Model):
    """A board or management position held by a person from one date to another."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="leadership")
    full_name = models.CharField(_("full name"), max_length=200)
    body = models.CharField(_("body"), max_length=12, choices=LeadershipBody.choices)
    position = models.CharField(_("position"), max_length=100, help_text=_("For example: chair, director, treasurer."))
    is_head = models.BooleanField(
        _("heads the organisation"), default=False, help_text=_("The board chair or the executive director.")
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True, help_text=_("Leave empty while the person serves."))

    class Meta:
        verbose_name = _("leadership member")
        verbose_name_plural = _("leadership members")
        ordering = ["-is_head", "body", "start_date", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="leadership_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.full_name}, {self.position}"

    def serves_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def is_youth_on(self, day) -> bool:
        return YOUTH_MIN_AGE <= day.year - self.birth_year <= YOUTH_MAX_AGE


class DocumentKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration certificate")
    BYLAWS = "bylaws", _("Bylaws")
    FINANCIAL = "financial", _("Financial statement")
    OTHER = "other", _("Other")


class OrganizationDocument(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = PrivateFileField(_("file"), kinds=("pdf", "docx", "doc", "png", "jpeg", "xlsx"))
    original_filename = models.CharField(max_length=255)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self):
        return self.title


class AssessmentTemplate(models.Model):
    """An organisational capacity assessment tool: dimensions and scored indicators, kept as data
    so staff can adjust indicators and their translations without a code change."""

    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assessment template")
        verbose_name_plural = _("assessment templates")
        ordering = ["-is_active", "name"]

    def __str__(self):
        return self.name


class AssessmentDimension(models.Model):
    template = models.ForeignKey(AssessmentTemplate, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("assessment dimension")
        verbose_name_plural = _("assessment dimensions")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="dimension_code_unique")]

    def __str__(self):
        return self.name


class AssessmentIndicator(models.Model):
    dimension = models.ForeignKey(AssessmentDimension, on_delete=models.CASCADE, related_name="indicators")
    text = models.CharField(_("indicator"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True, help_text=_("What a 1, 2, 3 and 4 look like."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class AssessmentKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    FOLLOW_UP = "follow_up", _("Follow-up")
    ENDLINE = "endline", _("Endline")


class Assessment(models.Model):
    """One capacity assessment of a CSO, done by staff with the CSO."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessments")
    template = models.ForeignKey(AssessmentTemplate, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(_("kind"), max_length=12, choices=AssessmentKind.choices)
    assessed_on = models.DateField(_("date"))
    participants = models.CharField(_("taking part for the organisation"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    conducted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    is_final = models.BooleanField(_("final"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("capacity assessment")
        verbose_name_plural = _("capacity assessments")
        ordering = ["organization", "assessed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(kind="baseline"),
                name="assessment_one_baseline",
                violation_error_message=_("This organisation already has a baseline assessment."),
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(kind="endline"),
                name="assessment_one_endline",
                violation_error_message=_("This organisation already has an endline assessment."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.get_kind_display()} {self.assessed_on}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(AssessmentIndicator, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("assessment score")
        verbose_name_plural = _("assessment scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="score_once_per_indicator"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4), name="score_between_1_and_4"
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.score}"


# The profile fields a CSO edits (the profile form and the service share them).
PROFILE_FIELDS = [
    "name",
    "name_en",
    "acronym",
    "registration_status",
    "registration_authority",
    "registration_number",
    "registration_date",
    "founded_year",
    "governorate",
    "district",
    "nearest_centre",
    "thematic_areas",
    "target_groups",
    "description",
    "email",
    "phone",
    "address",
    "website",
    "facebook",
    "instagram",
    "x_twitter",
    "staff_women",
    "staff_men",
    "volunteers_women",
    "volunteers_men",
    "annual_budget",
    "logo",
    "is_published",
]

# The organisation a person who belongs to several is acting for, kept in the session.
CURRENT_ORGANIZATION_SESSION_KEY = "current_organization"
