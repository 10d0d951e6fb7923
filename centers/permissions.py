from accounts.models import AnyUser
from accounts.roles import Role
from centers.models import Center


def can_manage_roles(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)


# Every programme role but the donor, who reads aggregates and never a person's name.
NAMED_STAFF_VIEWERS = tuple(role for role in Role if role != Role.DONOR)


def can_view_centre_staff(user: AnyUser, centre: Center) -> bool:
    """Staff names are shown to the programme's own staff only: not to the public, nor the donor."""
    return user.is_authenticated and user.has_role(*NAMED_STAFF_VIEWERS)


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
