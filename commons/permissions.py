"""Who may do what on the platform: the one place each rule lives."""

from django.db.models import QuerySet

from accounts.models import AnyUser
from accounts.roles import Role
from commons.models import Entry, EntryStatus, Question, Uptake, Visibility
from grants.models import GrantReport, ReportKind, ReportStatus
from organizations.models import MembershipRole, Organization, VerificationStatus
from organizations.permissions import membership_role

MODERATORS = frozenset({Role.CENTRE_MANAGER, Role.CENTRE_STAFF})
# Staff who publish for the programme, and whose answers carry the expert badge.
EXPERTS = frozenset(
    {Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF, Role.TRAINER, Role.LAWYER, Role.LEGAL_COORDINATOR}
)


def is_expert(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(*EXPERTS)


def is_member_of_any(user: AnyUser) -> bool:
    return user.is_authenticated and user.cso_memberships.exists()


def can_read_members_only(user: AnyUser) -> bool:
    """Members-only entries: signed-in CSO members and programme staff (not the donor)."""
    if not user.is_authenticated:
        return False
    return (
        is_expert(user)
        or user.has_role(Role.GRANT_OFFICER, Role.FINANCE_OFFICER, Role.REVIEWER)
        or (is_member_of_any(user))
    )


def moderates_somewhere(user: AnyUser) -> bool:
    """Opens the review queue: programme admins and the centres' managers and staff."""
    return user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN, *MODERATORS)


def is_signed_in(user: AnyUser) -> bool:
    return user.is_authenticated


def can_moderate(user: AnyUser, entry: Entry) -> bool:
    """Centre staff of the entry's centre, and programme admins."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.PROGRAMME_ADMIN):
        return True
    return user.has_role(*MODERATORS) and user.has_perm("centers.work_at_center", entry.centre)


def can_draft_for(user: AnyUser, organization: Organization | None) -> bool:
    """Writing for a CSO: its current members, once the CSO is verified; for the programme: staff."""
    if not user.is_authenticated:
        return False
    if organization is None:
        return is_expert(user)
    return (
        organization.verification_status == VerificationStatus.VERIFIED
        and membership_role(user, organization) is not None
    )


def can_publish_for(user: AnyUser, organization: Organization | None) -> bool:
    """Publishing (or sending for review) for a CSO: its administrators; members write drafts."""
    if organization is None:
        return is_expert(user)
    return can_draft_for(user, organization) and membership_role(user, organization) == MembershipRole.ADMIN


def can_edit(user: AnyUser, entry: Entry) -> bool:
    if not user.is_authenticated:
        return False
    if entry.organization_id is None:
        return entry.author_id == user.pk or user.has_role(Role.PROGRAMME_ADMIN)
    return can_draft_for(user, entry.organization)


def can_submit(user: AnyUser, entry: Entry) -> bool:
    return can_publish_for(user, entry.organization)


def can_ask_second_review(user: AnyUser, entry: Entry) -> bool:
    return (
        can_edit(user, entry)
        and entry.status in (EntryStatus.DECLINED, EntryStatus.HIDDEN)
        and entry.second_review_requested_at is None
    )


def can_read(user: AnyUser, entry: Entry) -> bool:
    """Published entries to their audience; everything else to the people who write or moderate it."""
    if entry.status == EntryStatus.PUBLISHED:
        return entry.visibility == Visibility.PUBLIC or can_read_members_only(user)
    return can_edit(user, entry) or can_moderate(user, entry)


def can_report(user: AnyUser, entry: Entry) -> bool:
    return user.is_authenticated and entry.status == EntryStatus.PUBLISHED and entry.author_id != user.pk


def can_ask(user: AnyUser) -> bool:
    return is_member_of_any(user) or is_expert(user)


def can_read_questions(user: AnyUser) -> bool:
    """Questions and answers are among members: signed-in CSO members and programme staff."""
    return can_read_members_only(user)


def can_answer(user: AnyUser, question: Question) -> bool:
    return can_read_members_only(user)


def can_accept(user: AnyUser, question: Question) -> bool:
    """The asker, or a moderator of the question's centre."""
    if not user.is_authenticated:
        return False
    if question.author_id == user.pk or user.has_role(Role.PROGRAMME_ADMIN):
        return True
    return user.has_role(*MODERATORS) and user.has_perm("centers.work_at_center", question.centre)


def can_mark_used(user: AnyUser, entry: Entry, organization: Organization) -> bool:
    return (
        entry.status == EntryStatus.PUBLISHED
        and entry.organization_id != organization.pk
        and membership_role(user, organization) is not None
    )


def writable_organizations(user: AnyUser) -> QuerySet[Organization]:
    """The verified CSOs the person may write for (her memberships)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user, verification_status=VerificationStatus.VERIFIED
    ).order_by("name")


def can_write(user: AnyUser) -> bool:
    """Writes entries at all: a member of a verified CSO, or staff for the programme."""
    return is_expert(user) or writable_organizations(user).exists()


def can_translate(user: AnyUser, entry: Entry) -> bool:
    """The entry's writers, and staff (the centres' trainers and lawyers translate too)."""
    return can_edit(user, entry) or is_expert(user)


def can_share_report(user: AnyUser, report: GrantReport) -> bool:
    """A grantee's approved final report may be told as a case study by the CSO's administrators
    (their choice is the CSO's consent)."""
    organization = report.agreement.application.organization
    return (
        report.kind == ReportKind.FINAL
        and report.status == ReportStatus.APPROVED
        and can_publish_for(user, organization)
    )


def can_follow_up(user: AnyUser, uptake: Uptake) -> bool:
    """Says what changed after using an entry: a member of the CSO that used it."""
    return membership_role(user, uptake.organization) is not None
