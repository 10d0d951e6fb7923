"""Who may do what with events, registrations and attendance."""

from guardian.shortcuts import get_objects_for_user

from accounts.models import AnyUser
from accounts.roles import Role
from centers.models import Center
from organizations.selectors import organizations_of
from trainings.models import (
    Certificate,
    Event,
    EventStatus,
    Material,
    MaterialVisibility,
    Participant,
    Registration,
    SignInSheet,
)

EVENT_MANAGERS = frozenset({Role.CENTRE_MANAGER, Role.CENTRE_STAFF})


def centres_of(user: AnyUser) -> frozenset[int]:
    """The centres a person works at, read once per user object (that is, per request): a page that
    asks about every row of a list (what may be done with each registration) asks the database once."""
    centres: frozenset[int] | None = getattr(user, "_trainings_centres", None)
    if centres is None:
        found = get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)
        centres = frozenset(found.values_list("pk", flat=True))
        user.__dict__["_trainings_centres"] = centres  # a cache on the user object, not a model field
    return centres


def runs_sessions(user: AnyUser) -> bool:
    """Trainers: their own sessions open their dashboard."""
    return user.is_authenticated and user.has_role(Role.TRAINER)


def works_at_centre(user: AnyUser) -> bool:
    """Centre staff and managers: their centre's week opens their dashboard."""
    return user.is_authenticated and user.has_role(*EVENT_MANAGERS)


def can_create_events(user: AnyUser) -> bool:
    return user.is_authenticated and (user.has_role(Role.PROGRAMME_ADMIN) or user.has_role(*EVENT_MANAGERS))


def can_manage_event(user: AnyUser, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.PROGRAMME_ADMIN):
        return True
    return user.has_role(*EVENT_MANAGERS) and event.centre_id in centres_of(user)


def is_trainer_of(user: AnyUser, event: Event) -> bool:
    return user.is_authenticated and any(t.pk == user.pk for t in event.trainers.all())


def can_take_attendance(user: AnyUser, event: Event) -> bool:
    return can_manage_event(user, event) or is_trainer_of(user, event)


def can_see_event(user: AnyUser, event: Event) -> bool:
    """Drafts are seen by the staff who prepare them; everything else by everyone."""
    return event.status != EventStatus.DRAFT or can_take_attendance(user, event)


def can_see_participants(user: AnyUser, event: Event) -> bool:
    """Names and personal data of participants: the event's centre staff and programme admins."""
    return can_manage_event(user, event)


def can_register_self(user: AnyUser) -> bool:
    return user.is_authenticated


def can_register_others(user: AnyUser, event: Event) -> bool:
    return can_manage_event(user, event)


def can_register(user: AnyUser, registration: Registration) -> bool:
    """Anyone signed in asks for a place, again after a cancellation or a rejection. Who may register
    whom is the service's to add: staff at the door (walk-in), a member of a colleague's CSO."""
    return user.is_authenticated


def is_colleague_of(user: AnyUser, participant: Participant) -> bool:
    """The participant belongs to one of the person's organisations."""
    if not user.is_authenticated or participant.organization_id is None:
        return False
    organization = participant.organization
    return organization is not None and organization.memberships.filter(user=user).exists()


def is_own_record(user: AnyUser, participant: Participant) -> bool:
    """The participant record is the person's own (tests and feedback are answered by them alone)."""
    return user.is_authenticated and participant.user_id == user.pk


def can_register_colleagues(user: AnyUser) -> bool:
    """People in a CSO's team register colleagues of their organisations."""
    return organizations_of(user).exists()


def can_cancel_registration(user: AnyUser, registration: Registration) -> bool:
    """The person registered (their own account), or the event's staff."""
    return is_own_record(user, registration.participant) or can_register_others(user, registration.event)


def can_reject_registration(user: AnyUser, registration: Registration) -> bool:
    """Turning someone down (for example, not in the event's audience): the event's staff."""
    return can_register_others(user, registration.event)


def can_manage_participants(user: AnyUser) -> bool:
    """Find people by phone or e-mail, create and merge participant records: centre staff and
    managers, and programme admins."""
    return can_create_events(user)


def can_download_certificate(user: AnyUser, certificate: Certificate, field_name: str = "file") -> bool:
    """The participant, their organisation's team, the event's centre staff and programme admins."""
    if not user.is_authenticated:
        return False
    participant = certificate.participant
    if participant.user_id == user.pk or can_manage_event(user, certificate.event):
        return True
    return is_colleague_of(user, participant)


MATERIAL_UPLOADERS = frozenset({Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF, Role.TRAINER})


def can_upload_materials(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(*MATERIAL_UPLOADERS)


def can_download_material(user: AnyUser, material: Material, field_name: str = "file") -> bool:
    if not material.is_published:
        return can_upload_materials(user)
    return material.visibility == MaterialVisibility.PUBLIC or user.is_authenticated


def can_see_event_results(user: AnyUser, event: Event) -> bool:
    """Knowledge-test results and feedback of an event: its staff and trainers (aggregates only)."""
    return can_take_attendance(user, event)


def can_upload_sign_in_sheet(user: AnyUser, event: Event) -> bool:
    return can_take_attendance(user, event)


def can_download_sign_in_sheet(user: AnyUser, sheet: SignInSheet, field_name: str = "file") -> bool:
    return can_manage_event(user, sheet.session.event)
