"""Who may do what with grant calls."""

from accounts.models import AnyUser
from accounts.roles import Role
from grants.models import Application, AssignmentStatus, GrantAgreement, GrantReport, ReviewAssignment
from organizations.models import MembershipRole, Organization

CALL_MANAGERS = frozenset({Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER})


def can_manage_calls(user: AnyUser, obj: object = None) -> bool:
    """Programme admins and grant officers run the calls and everything that follows an award (`obj`,
    any grants record, is accepted so the predicate can stand in a workflow table)."""
    return user.is_authenticated and user.has_role(*CALL_MANAGERS)


def _membership_role(user: AnyUser, organization: Organization) -> str | None:
    if not user.is_authenticated:
        return None
    return organization.memberships.filter(user=user).values_list("role", flat=True).first()


def helps_organizations_apply(user: AnyUser) -> bool:
    """Centre staff and managers, who prepare applications for CSOs of their centre that ask."""
    return user.is_authenticated and user.has_role(Role.CENTRE_STAFF, Role.CENTRE_MANAGER)


def can_help_apply(user: AnyUser, organization: Organization) -> bool:
    """Centre staff may prepare an application for a CSO of their centre that asks for help."""
    return helps_organizations_apply(user) and user.has_perm("centers.work_at_center", organization.nearest_centre)


def can_prepare_application(user: AnyUser, organization: Organization, application: Application | None = None) -> bool:
    """Any member of the CSO prepares the draft; so does the centre staff member helping it."""
    if _membership_role(user, organization) is not None:
        return True
    return application is not None and application.staff_helper_id == user.pk and can_help_apply(user, organization)


def can_submit_application(user: AnyUser, organization: Organization, application: Application | None = None) -> bool:
    """The declaration is made by one of the CSO's administrators, or, with the CSO's recorded
    consent, by the centre staff member helping it."""
    if _membership_role(user, organization) == MembershipRole.ADMIN:
        return True
    return (
        application is not None
        and application.prepared_by_staff
        and application.staff_helper_id == user.pk
        and can_help_apply(user, organization)
    )


def can_edit_application(user: AnyUser, application: Application) -> bool:
    """Who works on an application's draft (the members of the CSO, or the staff member helping it)."""
    return can_prepare_application(user, application.organization, application)


def can_make_declaration(user: AnyUser, application: Application) -> bool:
    """Who submits or withdraws the application for the CSO."""
    return can_submit_application(user, application.organization, application)


def can_view_application(user: AnyUser, application: Application) -> bool:
    return can_prepare_application(user, application.organization, application) or can_manage_calls(user)


def can_review(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.REVIEWER)


def can_declare_review(user: AnyUser, assignment: ReviewAssignment) -> bool:
    """Only the reviewer assigned makes the declaration."""
    return user.is_authenticated and assignment.reviewer_id == user.pk


def can_score_review(user: AnyUser, assignment: ReviewAssignment) -> bool:
    """The reviewer assigned scores the application, unless they declared a conflict of interest."""
    return can_declare_review(user, assignment) and assignment.status != AssignmentStatus.CONFLICT


def can_approve_payments(user: AnyUser, obj: object = None) -> bool:
    return user.is_authenticated and user.has_role(Role.FINANCE_OFFICER)


def can_list_agreements(user: AnyUser) -> bool:
    """The agreements list is in the menu of officers, finance and the members of CSOs that have one."""
    if not user.is_authenticated:
        return False
    if can_manage_calls(user) or can_approve_payments(user):
        return True
    return GrantAgreement.objects.filter(application__organization__memberships__user=user).exists()


def can_view_agreement(user: AnyUser, agreement: GrantAgreement) -> bool:
    return (
        can_manage_calls(user)
        or can_approve_payments(user)
        or _membership_role(user, agreement.application.organization) is not None
    )


def can_download_agreement_file(user: AnyUser, agreement: GrantAgreement, field: str) -> bool:
    """The signed copy of an agreement is for those who may see the agreement: who runs the calls,
    finance and the grantee's members."""
    return field == "signed_copy" and can_view_agreement(user, agreement)


def _is_member(user: AnyUser, agreement: GrantAgreement) -> bool:
    return _membership_role(user, agreement.application.organization) is not None


def can_write_report(user: AnyUser, report: GrantReport) -> bool:
    """The grantee's members write its reports."""
    return _is_member(user, report.agreement)


def can_submit_report(user: AnyUser, report: GrantReport) -> bool:
    return _membership_role(user, report.agreement.application.organization) == MembershipRole.ADMIN


def can_request_amendment(user: AnyUser, agreement: GrantAgreement) -> bool:
    """The grantee's administrators ask for amendments; officers record one asked by other means."""
    return can_manage_calls(user) or _membership_role(user, agreement.application.organization) == MembershipRole.ADMIN


def can_view_portfolio(user: AnyUser) -> bool:
    """Officers and finance see the whole portfolio; the donor sees its aggregated figures."""
    return user.is_authenticated and user.has_role(*CALL_MANAGERS, Role.FINANCE_OFFICER, Role.DONOR)


def sees_portfolio_details(user: AnyUser) -> bool:
    return can_manage_calls(user) or can_approve_payments(user)


def can_list_payments(user: AnyUser) -> bool:
    return sees_portfolio_details(user)


def can_manage_rates(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN, Role.FINANCE_OFFICER)
