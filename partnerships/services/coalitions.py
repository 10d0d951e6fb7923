"""Writes of coalitions and networks: started by a manager or by a verified CSO's admin (her CSO
becomes the lead), changed by those who manage them; members (CSOs or partners) added with a role
and the date they joined, their role changed in place, their leaving recorded with its date. A
coalition that has a lead keeps at least one. Every write locks the coalition's row first, so two
people changing its members at once are decided one after the other, and is audited."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from centers.models import Center
from core.audit import actor_context
from organizations.models import Organization
from partnerships import permissions
from partnerships.models import Coalition, CoalitionMember, CoalitionRole, Partner
from partnerships.models.coalitions import COALITION_FIELDS


def _locked(coalition: Coalition) -> Coalition:
    return Coalition.objects.select_for_update(of=("self",)).select_related("centre").get(pk=coalition.pk)


def _locked_member(member: CoalitionMember) -> tuple[Coalition, CoalitionMember]:
    coalition = _locked(Coalition(pk=member.coalition_id))
    locked = (
        CoalitionMember.objects.select_for_update(of=("self",))
        .select_related("organization", "partner")
        .get(pk=member.pk)
    )
    locked.coalition = coalition
    return coalition, locked


def _check_founded_on(founded_on: dt.date | None, today: dt.date) -> None:
    if founded_on is not None and founded_on > today:
        raise ValidationError({"founded_on": _("The founding date cannot be in the future.")})


@transaction.atomic
def coalition_create(
    *,
    actor: User,
    data: dict[str, Any],
    centre: Center | None = None,
    lead: Organization | None = None,
    today: dt.date | None = None,
) -> Coalition:
    """A new coalition. A programme admin or centre manager starts it for a centre she manages,
    with a lead CSO or none yet; a verified CSO's admin starts it for her CSO, which becomes its
    lead member from the founding date, and the CSO's nearest centre accompanies it."""
    if permissions.is_manager(actor):
        if centre is None:
            raise ValidationError({"centre": _("Choose the centre that accompanies the coalition.")})
        if not permissions.manages(actor, centre):
            raise PermissionDenied
    elif lead is not None and permissions.can_start_coalition(actor, lead):
        centre = lead.nearest_centre
    else:
        raise PermissionDenied
    coalition = Coalition(centre=centre, created_by=actor)
    for name in COALITION_FIELDS:
        if name in data:
            setattr(coalition, name, data[name])
    coalition.full_clean(exclude=["centre", "created_by"])
    _check_founded_on(coalition.founded_on, today or timezone.localdate())
    with actor_context(actor, action="partnerships.coalition_create"):
        coalition.save()
        if lead is not None:
            CoalitionMember.objects.create(
                coalition=coalition, organization=lead, role=CoalitionRole.LEAD, joined_on=coalition.founded_on
            )
    return coalition


@transaction.atomic
def coalition_update(
    *, actor: User, coalition: Coalition, data: dict[str, Any], today: dt.date | None = None
) -> Coalition:
    """Changes the name, type, purpose, founding date and public page of a coalition. It cannot be
    founded after a member joined it."""
    coalition = _locked(coalition)
    if not permissions.can_manage_coalition(actor, coalition):
        raise PermissionDenied
    for name in COALITION_FIELDS:
        if name in data:
            setattr(coalition, name, data[name])
    coalition.full_clean(exclude=["centre", "created_by"])
    _check_founded_on(coalition.founded_on, today or timezone.localdate())
    first = coalition.members.order_by("joined_on").values_list("joined_on", flat=True).first()
    if first is not None and coalition.founded_on > first:
        raise ValidationError(
            {
                "founded_on": _("A member joined on %(date)s: the coalition was founded on that day or before.")
                % {"date": date_format(first)}
            }
        )
    with actor_context(actor, action="partnerships.coalition_update"):
        coalition.save(update_fields=list(COALITION_FIELDS))
    return coalition


def _party_field(organization: Organization | None, partner: Partner | None) -> str:
    return "organization" if organization is not None else "partner"


def _check_new_member(
    *,
    actor: User,
    coalition: Coalition,
    organization: Organization | None,
    partner: Partner | None,
    role: str,
    joined_on: dt.date,
    today: dt.date,
) -> None:
    if (organization is None) == (partner is None):
        raise ValidationError({"organization": _("Choose either a CSO or a partner.")})
    if partner is not None and not permissions.can_view_partner(actor, partner):
        raise ValidationError({"partner": _("Choose a partner from the list.")})
    if role not in CoalitionRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if joined_on > today:
        raise ValidationError({"joined_on": _("The date of joining cannot be in the future.")})
    if joined_on < coalition.founded_on:
        raise ValidationError(
            {
                "joined_on": _("The coalition was founded on %(date)s: a member cannot join before.")
                % {"date": date_format(coalition.founded_on)}
            }
        )
    same = CoalitionMember.objects.filter(coalition=coalition, organization=organization, partner=partner)
    party = str(organization or partner)
    if same.filter(left_on__isnull=True).exists():
        raise ValidationError(
            {
                _party_field(organization, partner): _("%(party)s is already a member of this coalition.")
                % {"party": party}
            }
        )
    left = same.filter(left_on__gt=joined_on).order_by("-left_on").values_list("left_on", flat=True).first()
    if left is not None:
        raise ValidationError(
            {
                "joined_on": _("%(party)s left on %(date)s: they can only join again from that day.")
                % {"party": party, "date": date_format(left)}
            }
        )


@transaction.atomic
def member_add(
    *,
    actor: User,
    coalition: Coalition,
    role: str,
    joined_on: dt.date,
    organization: Organization | None = None,
    partner: Partner | None = None,
    today: dt.date | None = None,
) -> CoalitionMember:
    """Adds a CSO or a partner with a role from the day it joined. A party that is a member already
    is refused (the database holds the same rule); one that left may join again, as a new row."""
    coalition = _locked(coalition)
    if not permissions.can_manage_coalition(actor, coalition):
        raise PermissionDenied
    _check_new_member(
        actor=actor,
        coalition=coalition,
        organization=organization,
        partner=partner,
        role=role,
        joined_on=joined_on,
        today=today or timezone.localdate(),
    )
    try:
        with transaction.atomic(), actor_context(actor, action="partnerships.coalition_member_add"):
            return CoalitionMember.objects.create(
                coalition=coalition, organization=organization, partner=partner, role=role, joined_on=joined_on
            )
    except IntegrityError:
        raise ValidationError(
            {
                _party_field(organization, partner): _("%(party)s is already a member of this coalition.")
                % {"party": str(organization or partner)}
            }
        ) from None


def _is_last_lead(member: CoalitionMember) -> bool:
    return (
        member.role == CoalitionRole.LEAD
        and not CoalitionMember.objects.filter(
            coalition=member.coalition_id, role=CoalitionRole.LEAD, left_on__isnull=True
        )
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def member_role_change(*, actor: User, member: CoalitionMember, role: str) -> CoalitionMember:
    """Changes a current member's role in place (its dates stay). The last lead stays the lead until
    another member is made lead."""
    coalition, member = _locked_member(member)
    if not permissions.can_manage_coalition(actor, coalition):
        raise PermissionDenied
    if member.left_on is not None:
        raise ValidationError(_("%(party)s has left the coalition: their role is kept as it was.") % {"party": member})
    if role not in CoalitionRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if role != CoalitionRole.LEAD and _is_last_lead(member):
        raise ValidationError({"role": _("The coalition needs a lead: make another member lead first.")})
    member.role = role
    with actor_context(actor, action="partnerships.coalition_member_role"):
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def member_leave(
    *, actor: User, member: CoalitionMember, left_on: dt.date, today: dt.date | None = None
) -> CoalitionMember:
    """Records that a member left on `left_on` (not before it joined, not in the future). The row is
    kept with its dates; the last lead cannot leave before another member is made lead."""
    coalition, member = _locked_member(member)
    if not permissions.can_record_leaving(actor, member):
        raise PermissionDenied
    if member.left_on is not None:
        raise ValidationError(
            _("%(party)s left the coalition on %(date)s.") % {"party": member, "date": date_format(member.left_on)}
        )
    if left_on < member.joined_on:
        raise ValidationError(
            {
                "left_on": _("%(party)s joined on %(date)s: they cannot leave before.")
                % {"party": member, "date": date_format(member.joined_on)}
            }
        )
    if left_on > (today or timezone.localdate()):
        raise ValidationError({"left_on": _("The date of leaving cannot be in the future.")})
    if _is_last_lead(member):
        raise ValidationError(
            _("%(party)s is the coalition's only lead: make another member lead first.") % {"party": member}
        )
    member.left_on = left_on
    with actor_context(actor, action="partnerships.coalition_member_leave"):
        member.save(update_fields=["left_on"])
    return member
