"""Who may do what that only roles decide, for pages below accounts (core) that cannot know the roles."""

from accounts.models import AnyUser
from accounts.roles import Role


def can_view_audit_trail(user: AnyUser) -> bool:
    """The audit trail (every recorded change, who made it) is for programme admins."""
    return user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)
