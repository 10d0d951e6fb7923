from collections.abc import Callable
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from guardian.models import UserObjectPermission
from guardian.shortcuts import get_objects_for_user, get_users_with_perms

from accounts.models import AnyUser, User
from accounts.roles import STAFF_ROLES, Role
from centers.models import Center


def staff_of_centre(centre: Center) -> QuerySet[User]:
    """The people who work at the centre (its object permission, not through a group)."""
    return cast(
        "QuerySet[User]",
        get_users_with_perms(centre, only_with_perms_in=["work_at_center"], with_group_users=False),
    )


def public_centres() -> QuerySet[Center]:
    return Center.objects.filter(is_active=True).select_related("programme")


def centre_for_user_or_404(user: AnyUser, slug: str, *, may: Callable[[AnyUser, Center], bool]) -> Center:
    """Fetches and authorises in one step: no active centre by that name answers 404, a person that
    `may(user, centre)` refuses 403 (centres are public, so the refusal tells nothing)."""
    centre = public_centres().filter(slug=slug).first()
    if centre is None:
        raise Http404
    if not may(user, centre):
        raise PermissionDenied
    return centre


def centres_for_user(user: AnyUser) -> QuerySet[Center]:
    """The centres a person works at (all of them for programme admins)."""
    if not user.is_authenticated:
        return Center.objects.none()
    if user.has_role(Role.PROGRAMME_ADMIN):
        return Center.objects.filter(is_active=True)
    return get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)


def people_with_roles(*, search: str = "", role: str = "") -> QuerySet[User]:
    """People for the roles page, with their groups and centre permissions in two extra queries."""
    people = User.objects.order_by("full_name", "email").prefetch_related(
        "groups",
        Prefetch(
            "userobjectpermission_set",
            queryset=UserObjectPermission.objects.filter(
                permission__codename="work_at_center", content_type__app_label="centers"
            ).select_related("permission"),
            to_attr="centre_permissions",
        ),
    )
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role in STAFF_ROLES:
        people = people.filter(groups__name=role)
    return people


def centre_of(user: User) -> Center | None:
    """The one centre a centre-bound person works at, or None."""
    return get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False).first()
