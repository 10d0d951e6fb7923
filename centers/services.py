from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm

from accounts.models import User
from accounts.roles import CENTRE_ROLES, Role
from centers.models import Center, Room
from centers.permissions import can_manage_centre_staff, can_manage_roles, can_manage_rooms
from core.audit import actor_context
from notifications.services import notify

CENTRE_PERMISSIONS = ("work_at_center", "manage_center")


@transaction.atomic
def user_set_roles(*, actor: User, user: User, roles: list[str], centre: Center | None) -> User:
    """Gives a person exactly these roles and, for centre roles, binds them to one centre.

    Guarantees: only programme admins change roles; a centre role always comes with a centre; every
    group and centre permission added or removed is in the audit trail; the person is told.
    """
    if not can_manage_roles(actor):
        raise PermissionDenied
    roles = sorted(set(roles))
    if set(roles) - set(Role.values):
        raise ValidationError(_("Unknown role."))
    if set(roles) & CENTRE_ROLES and centre is None:
        raise ValidationError(_("Choose the centre this person works at."))
    if actor.pk == user.pk and Role.PROGRAMME_ADMIN not in roles:
        raise ValidationError(_("You cannot remove your own programme admin role."))
    user = User.objects.select_for_update().get(pk=user.pk)
    with actor_context(actor, action="user_set_roles"):
        user.groups.set(Group.objects.filter(name__in=roles))
        UserObjectPermission.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(Center),
            permission__codename__in=CENTRE_PERMISSIONS,
        ).delete()
        if set(roles) & CENTRE_ROLES:
            assign_perm("centers.work_at_center", user, centre)
            if Role.CENTRE_MANAGER in roles:
                assign_perm("centers.manage_center", user, centre)
        admin_site_access = Role.PROGRAMME_ADMIN in roles
        if (user.is_staff, user.is_superuser) != (admin_site_access, admin_site_access):
            user.is_staff = user.is_superuser = admin_site_access
            user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("roles", None)
    notify(
        recipient=user,
        kind="roles_changed",
        context={"roles": [Role(r).label for r in roles], "centre": centre if set(roles) & CENTRE_ROLES else None},
        url=reverse("core:dashboard"),
    )
    return user


@transaction.atomic
def room_save(*, actor: User, centre: Center, room: Room | None, data: dict) -> Room:
    """Adds or changes a room of a centre (its managers and programme admins only)."""
    if not can_manage_rooms(actor, centre):
        raise PermissionDenied
    room = room or Room(centre=centre)
    if room.centre_id != centre.pk:
        raise PermissionDenied
    for field, value in data.items():
        setattr(room, field, value)
    room.name = room.name_en  # type: ignore[attr-defined]  # modeltranslation's field
    room.full_clean()
    with actor_context(actor, action="room_save"):
        room.save()
    return room


ASSIGNABLE_BY_MANAGERS = (Role.CENTRE_STAFF, Role.TRAINER)


@transaction.atomic
def centre_staff_assign(*, actor: User, centre: Center, user: User, role: str) -> User:
    """A centre manager brings a person into their centre as staff or trainer (audited; the person
    is told). Someone already working at another centre is moved by a programme admin instead."""
    if not can_manage_centre_staff(actor, centre):
        raise PermissionDenied
    if role not in ASSIGNABLE_BY_MANAGERS:
        raise ValidationError(_("Centre managers can add centre staff and trainers."))
    user = User.objects.select_for_update().get(pk=user.pk)
    elsewhere = UserObjectPermission.objects.filter(
        user=user, permission__codename="work_at_center", content_type=ContentType.objects.get_for_model(Center)
    ).exclude(object_pk=str(centre.pk))
    if elsewhere.exists():
        raise ValidationError(_("This person works at another centre; ask the programme admin to move them."))
    with actor_context(actor, action="centre_staff_assign"):
        user.groups.add(Group.objects.get(name=role))
        assign_perm("centers.work_at_center", user, centre)
    user.__dict__.pop("roles", None)
    notify(
        recipient=user,
        kind="roles_changed",
        context={"roles": [Role(r).label for r in sorted(user.roles) if r in Role.values], "centre": centre},
        url=reverse("core:dashboard"),
    )
    return user


@transaction.atomic
def centre_staff_remove(*, actor: User, centre: Center, user: User) -> None:
    """Takes a staff member or trainer off the centre; their centre roles go with it."""
    if not can_manage_centre_staff(actor, centre):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot remove yourself from the centre."))
    if not user.has_perm("centers.work_at_center", centre):
        raise ValidationError(_("This person does not work at this centre."))
    if Role.CENTRE_MANAGER in user.roles and not actor.has_role(Role.PROGRAMME_ADMIN):
        raise ValidationError(_("Only the programme admin can remove a centre manager."))
    if user.roles & (CENTRE_ROLES - set(ASSIGNABLE_BY_MANAGERS)) and not actor.has_role(Role.PROGRAMME_ADMIN):
        raise ValidationError(_("Only the programme admin can remove this person from the centre."))
    with actor_context(actor, action="centre_staff_remove"):
        UserObjectPermission.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(Center),
            object_pk=str(centre.pk),
            permission__codename__in=CENTRE_PERMISSIONS,
        ).delete()
        user.groups.remove(*Group.objects.filter(name__in=CENTRE_ROLES))
    user.__dict__.pop("roles", None)
    notify(
        recipient=user,
        kind="roles_changed",
        context={"roles": [Role(r).label for r in sorted(user.roles) if r in Role.values], "centre": None},
        url=reverse("core:dashboard"),
    )
