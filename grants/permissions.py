"""Who may do what with grant calls."""

from accounts.roles import Role

CALL_MANAGERS = frozenset({Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER})


def can_manage_calls(user) -> bool:
    return user.is_authenticated and user.has_role(*CALL_MANAGERS)


def _membership_role(user, organization) -> str | None:
    if not user.is_authenticated:
        return None
    return organization.memberships.filter(user=user).values_list("role", flat=True).first()


def can_prepare_application(user, organization) -> bool:
    """Any member of the CSO prepares the draft."""
    return _membership_role(user, organization) is not None


def can_submit_application(user, organization) -> bool:
    """The declaration is made by one of the CSO's administrators."""
    return _membership_role(user, organization) == "admin"


def can_view_application(user, application) -> bool:
    return can_prepare_application(user, application.organization) or can_manage_calls(user)


def can_review(user) -> bool:
    return user.is_authenticated and user.has_role(Role.REVIEWER)
