from accounts.models import AnyUser
from accounts.roles import Role
from centers.models import Center


def can_manage_roles(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)


def can_view_centre_staff(user: AnyUser, centre: Center) -> bool:
    """Staff names are shown to programme staff only, not to the public."""
    return user.is_authenticated and user.is_programme_staff


def can_manage_rooms(user: AnyUser, centre: Center) -> bool:
    """Programme admins, and the managers of this centre."""
    if not user.is_authenticated:
        return False
    return user.has_role(Role.PROGRAMME_ADMIN) or (
        user.has_role(Role.CENTRE_MANAGER) and user.has_perm("centers.manage_center", centre)
    )


def can_manage_centre_staff(user: AnyUser, centre: Center) -> bool:
    """Programme admins, and the managers of this centre (for staff and trainers only)."""
    return can_manage_rooms(user, centre)
