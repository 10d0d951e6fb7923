from guardian.shortcuts import assign_perm

from accounts.roles import CENTRE_ROLES, Role
from accounts.tests.factories import UserFactory, give_totp
from centers.models import Center


def centre(slug: str = "erbil") -> Center:
    """The three centres exist after migrate; tests use them as they are."""
    return Center.objects.get(slug=slug)


def staff_member(role: str, *, centre_slug: str | None = "erbil", mfa: bool = True, **kwargs):
    """A person with one programme role (bound to a centre for centre roles), with MFA set up."""
    user = UserFactory(roles=[role], **kwargs)
    if role == Role.PROGRAMME_ADMIN:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    if role in CENTRE_ROLES and centre_slug:
        assign_perm("centers.work_at_center", user, centre(centre_slug))
        if role == Role.CENTRE_MANAGER:
            assign_perm("centers.manage_center", user, centre(centre_slug))
    if mfa:
        give_totp(user)
    return user
