"""Who may see and do what with legal cases. A case is seen only by the requesting CSO's members
(its shared parts), the lawyers assigned to it now, the legal coordinator and programme admins."""

from accounts.roles import Role

MANAGERS = frozenset({Role.PROGRAMME_ADMIN, Role.LEGAL_COORDINATOR})


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
    """Sees the whole case, internal notes included."""
    return is_manager(user) or is_assigned(user, case)


def can_view_case(user, case) -> bool:
    return works_on(user, case) or is_client(user, case)


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
    return works_on(user, case) or (document.visibility == "shared" and is_client(user, case))


def can_list_cases(user) -> bool:
    return is_manager(user) or is_lawyer(user) or can_request(user)


def can_view_deadlines(user) -> bool:
    return is_manager(user) or is_lawyer(user)


def can_view_figures(user) -> bool:
    """Aggregated numbers, with no case or personal details: the donor, the coordinator, admins."""
    return user.is_authenticated and user.has_role(Role.DONOR, *MANAGERS)
