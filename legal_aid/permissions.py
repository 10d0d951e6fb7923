"""Who may see and do what with legal cases. A case is seen only by the requesting CSO's members
(its shared parts), the lawyers assigned to it now, the legal coordinator and programme admins.

Who may move a case from one status to another is in `legal_aid.workflows` (its rules are the
predicates below); what the case page offers besides the workflow's steps is decided here too."""

from accounts.roles import Role
from legal_aid.models import Status, Visibility

MANAGERS = frozenset({Role.PROGRAMME_ADMIN, Role.LEGAL_COORDINATOR})

# A case without a decision yet, or one not accepted, has no case work (tasks, hearings, filings).
NO_CASE_WORK = frozenset({Status.SUBMITTED, Status.REJECTED})
# The CSO rates the help once the case is resolved.
RATED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED})


def is_manager(user) -> bool:
    return user.is_authenticated and user.has_role(*MANAGERS)


def is_lawyer(user) -> bool:
    return user.is_authenticated and user.has_role(Role.LAWYER)


def is_assigned(user, case) -> bool:
    return is_lawyer(user) and case.assignments.filter(lawyer=user, ended_at__isnull=True).exists()


def is_client(user, case) -> bool:
    """A member of the CSO the case is for."""
    return user.is_authenticated and case.organization.memberships.filter(user=user).exists()


def works_on(user, case) -> bool:
    """Sees the whole case, internal notes included, and moves it along (the lawyers' steps)."""
    return is_manager(user) or is_assigned(user, case)


def can_view_case(user, case) -> bool:
    return works_on(user, case) or is_client(user, case)


def can_check_conflicts(user, case) -> bool:
    """The coordinator checks for conflicts of interest before accepting a request."""
    return is_manager(user)


def can_triage_case(user, case) -> bool:
    """The coordinator (or a programme admin) accepts a request or refuses it."""
    return is_manager(user)


def can_assign_lawyers(user, case) -> bool:
    return is_manager(user)


def can_reopen_closed_case(user, case) -> bool:
    """A closed case is reopened by the coordinator only; its lawyers reopen resolved or referred ones."""
    return is_manager(user)


def can_record_case_work(user, case) -> bool:
    """Tasks, hearings and filings: by those who work on an accepted case whose details are kept."""
    return works_on(user, case) and case.status not in NO_CASE_WORK and case.anonymised_at is None


def can_rate_case(user, case) -> bool:
    return is_client(user, case) and case.status in RATED_STATUSES


def can_request(user) -> bool:
    """Members of a CSO ask for help for it."""
    return user.is_authenticated and user.cso_memberships.exists()


def can_record_request(user) -> bool:
    """Centre staff record a request made by phone or in person for a CSO of their centre."""
    return user.is_authenticated and user.has_role(Role.CENTRE_STAFF, Role.CENTRE_MANAGER, *MANAGERS)


def can_request_for(user, organization) -> bool:
    return user.is_authenticated and organization.memberships.filter(user=user).exists()


def can_record_request_for(user, organization) -> bool:
    """Centre staff record requests for CSOs of their centre; the coordinator and admins for any."""
    return can_record_request(user) and (
        is_manager(user) or user.has_perm("centers.work_at_center", organization.nearest_centre)
    )


def can_download_document(user, document) -> bool:
    """Those who work on the case download every document; the CSO's members the shared ones."""
    case = document.case
    return works_on(user, case) or (document.visibility == Visibility.SHARED and is_client(user, case))


def can_list_cases(user) -> bool:
    return is_manager(user) or is_lawyer(user) or can_request(user)


def can_view_deadlines(user) -> bool:
    return is_manager(user) or is_lawyer(user)


def asks_for_help(user) -> bool:
    """A CSO member who is not on the legal team: her organisation's requests on the dashboard."""
    return can_request(user) and not can_view_deadlines(user)


def can_view_figures(user) -> bool:
    """Aggregated numbers, with no case or personal details: the donor, the coordinator, admins."""
    return user.is_authenticated and user.has_role(Role.DONOR, *MANAGERS)


def records_requests_only(user) -> bool:
    """Centre staff who record requests without managing cases (they get a menu entry for it)."""
    return can_record_request(user) and not is_manager(user)
