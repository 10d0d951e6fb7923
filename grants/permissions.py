"""Who may do what with grant calls."""

from accounts.roles import Role

CALL_MANAGERS = frozenset({Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER})


def can_manage_calls(user) -> bool:
    return user.is_authenticated and user.has_role(*CALL_MANAGERS)
