"""Reads of agreements, scoped to the person: programme staff see every agreement, a CSO's members
those their CSO is party to. Lists prefetch their parties, so a page makes the same queries for 5
rows as for 50."""

import datetime as dt
from typing import cast

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user, get_users_with_perms

from accounts.models import AnyUser, User
from accounts.roles import Role
from centers.models import Center
from partnerships import permissions
from partnerships.models import Agreement, AgreementParty, AgreementStatus, Obligation, ObligationStatus

EXPIRY_WINDOW = 60  # days: "expiring soon" on the list, the dashboard and the first reminder
# The states in which an agreement binds its parties: their obligations are followed up.
BINDING_STATES = (AgreementStatus.SIGNED, AgreementStatus.ACTIVE)


def agreements_for_user(user: AnyUser) -> QuerySet[Agreement]:
    if permissions.is_staff(user):
        return Agreement.objects.all()
    if not user.is_authenticated:
        return Agreement.objects.none()
    mine = AgreementParty.objects.filter(organization__memberships__user=user).values("agreement_id")
    return Agreement.objects.filter(pk__in=mine)


def _parties() -> Prefetch:
    return Prefetch("parties", queryset=AgreementParty.objects.select_related("organization", "partner"))


def overdue_filter(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": ObligationStatus.OPEN, f"{prefix}due_on__lt": today})


def agreement_list(
    user: AnyUser,
    *,
    status: str = "",
    kind: str = "",
    centre: Center | None = None,
    expiring: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Agreement]:
    """The agreements the person sees, narrowed by the list's filters, with their parties and the
    number of overdue obligations of those that bind their parties (`overdue`)."""
    today = today or timezone.localdate()
    found = agreements_for_user(user)
    if status:
        found = found.filter(status=status)
    if kind:
        found = found.filter(kind=kind)
    if centre is not None:
        found = found.filter(centre=centre)
    if expiring:
        found = expiring_filter(found, today)
    return (
        found.select_related("centre")
        .prefetch_related(_parties())
        .annotate(
            overdue=Count("obligations", filter=overdue_filter(today, "obligations__") & Q(status__in=BINDING_STATES))
        )
        .order_by("-created_at", "-pk")
    )


def expiring_filter(agreements: QuerySet[Agreement], today: dt.date, within: int = EXPIRY_WINDOW):
    """Active agreements that end within `within` days (today included)."""
    return agreements.filter(
        status=AgreementStatus.ACTIVE, ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=within)
    )


def agreement_for_user_or_404(user: AnyUser, pk: int) -> Agreement:
    """Fetches and authorises in one step: an agreement the person may not see answers 404. Its
    parties come with their CSOs' memberships (read by the permission predicates, no query each)."""
    agreement = (
        Agreement.objects.select_related("centre", "renewal_of", "created_by")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=AgreementParty.objects.select_related("organization", "partner").prefetch_related(
                    "organization__memberships"
                ),
            ),
            Prefetch(
                "obligations",
                queryset=Obligation.objects.select_related("owner", "party__organization", "party__partner"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    for party in agreement.parties.all():
        if party.organization_id:
            party.organization._membership_roles = {  # type: ignore[union-attr]  # read by membership_role
                m.user_id: m.role
                for m in party.organization.memberships.all()  # type: ignore[union-attr]
            }
    if not permissions.can_view_agreement(user, agreement):
        raise Http404
    return agreement


def renewal_of(agreement: Agreement) -> Agreement | None:
    """The agreement that took over from this one, if it was renewed."""
    return Agreement.objects.filter(renewal_of=agreement).only("pk", "reference", "title", "status").first()


def party_for_user_or_404(user: AnyUser, pk: int) -> AgreementParty:
    party = AgreementParty.objects.select_related("organization", "partner").filter(pk=pk).first()
    if party is None:
        raise Http404
    party.agreement = agreement_for_user_or_404(user, party.agreement_id)
    return party


def obligation_for_user_or_404(user: AnyUser, pk: int) -> Obligation:
    obligation = (
        Obligation.objects.select_related("owner", "party__organization", "party__partner").filter(pk=pk).first()
    )
    if obligation is None:
        raise Http404
    obligation.agreement = agreement_for_user_or_404(user, obligation.agreement_id)
    return obligation


def centres_managed(user: AnyUser) -> QuerySet[Center]:
    """The centres whose agreements the person manages (every active one for programme admins)."""
    if permissions.is_admin(user):
        return Center.objects.filter(is_active=True)
    if not permissions.is_manager(user):
        return Center.objects.none()
    return get_objects_for_user(user, "centers.manage_center", klass=Center, accept_global_perms=False)


def managed_agreements(user: AnyUser) -> QuerySet[Agreement]:
    """The agreements the person manages: all for programme admins, their centres' for managers."""
    if permissions.is_admin(user):
        return Agreement.objects.all()
    return Agreement.objects.filter(centre__in=centres_managed(user))


def expiring_agreements(user: AnyUser, today: dt.date | None = None) -> QuerySet[Agreement]:
    """For the dashboard: the managed active agreements ending within the window, soonest first."""
    today = today or timezone.localdate()
    return expiring_filter(managed_agreements(user), today).select_related("centre").order_by("ends_on", "pk")


def overdue_obligations(user: AnyUser, today: dt.date | None = None) -> QuerySet[Obligation]:
    """For the dashboard: the open obligations past their date of the managed binding agreements."""
    today = today or timezone.localdate()
    return (
        Obligation.objects.filter(overdue_filter(today), agreement__in=managed_agreements(user))
        .filter(agreement__status__in=BINDING_STATES)
        .select_related("agreement", "owner", "party__organization", "party__partner")
        .order_by("due_on", "pk")
    )


# Reminders ------------------------------------------------------------------------------------


def programme_admins() -> list[User]:
    return list(User.objects.filter(groups__name=Role.PROGRAMME_ADMIN, is_active=True).distinct().order_by("pk"))


def managers_of(centre: Center | None) -> list[User]:
    """The active centre managers of the centre (none for a programme-wide agreement)."""
    if centre is None:
        return []
    people = cast(
        "QuerySet[User]", get_users_with_perms(centre, only_with_perms_in=["manage_center"], with_group_users=False)
    )
    return list(people.filter(groups__name=Role.CENTRE_MANAGER, is_active=True).distinct().order_by("pk"))


def agreements_ending(today: dt.date, within: int) -> QuerySet[Agreement]:
    return (
        expiring_filter(Agreement.objects.all(), today, within)
        .select_related("centre")
        .prefetch_related(_parties())
        .order_by("ends_on", "pk")
    )


def obligations_overdue(today: dt.date) -> QuerySet[Obligation]:
    return (
        Obligation.objects.filter(overdue_filter(today), agreement__status__in=BINDING_STATES)
        .select_related("agreement__centre", "owner", "party__organization", "party__partner")
        .order_by("due_on", "pk")
    )


def agreements_to_start(today: dt.date) -> QuerySet[Agreement]:
    return Agreement.objects.filter(status=AgreementStatus.SIGNED, starts_on__lte=today).order_by("pk")


def agreements_to_expire(today: dt.date) -> QuerySet[Agreement]:
    return Agreement.objects.filter(status=AgreementStatus.ACTIVE, ends_on__lt=today).order_by("pk")
