"""What changes partners and relationships: partners added and edited, their contacts added,
changed and removed, relationships recorded and ended. Each change runs in one transaction, checks
who may make it first, locks the rows it decides on and is audited with the actor (pghistory).

A relationship is never deleted: ending it sets its end date and status, so the history stays. A
symmetric kind ("partner of") is stored in the canonical order of the model (a CSO before a
partner, then the lower key), so the same pair cannot be recorded twice from its two ends."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from organizations.models import Organization
from partnerships import permissions
from partnerships.models import (
    Partner,
    PartnerContact,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
)
from partnerships.models.partners import CONTACT_FIELDS, PARTNER_FIELDS, SYMMETRIC_KINDS

Party = Organization | Partner


# Partners -------------------------------------------------------------------------------------


def _centre_refusal(actor: User, centre) -> ValidationError | None:
    if permissions.can_add_partner_for(actor, centre):
        return None
    if centre is None:
        return ValidationError(
            {"centre": _("Only programme admins keep partners of the whole programme: choose your centre.")}
        )
    return ValidationError({"centre": _("You manage the partners of your own centre only.")})


def _same_name_exists(name: str, country: str, exclude: int | None = None) -> bool:
    found = Partner.objects.filter(name__iexact=name.strip(), country=country)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.exists()


def _fill(partner: Partner, data: dict[str, Any]) -> None:
    for name in PARTNER_FIELDS:
        if name in data:
            setattr(partner, name, data[name])
    partner.name = partner.name.strip()
    partner.country = (partner.country or "").strip().upper()


def _save_partner(actor: User, partner: Partner, action: str) -> Partner:
    partner.full_clean(exclude=["created_by"])
    if _same_name_exists(partner.name, partner.country, exclude=partner.pk):
        raise ValidationError({"name": _("A partner with this name in this country is already in the directory.")})
    with actor_context(actor, action=action):
        partner.save()
    return partner


@transaction.atomic
def partner_create(*, actor: User, data: dict[str, Any]) -> Partner:
    """A new partner in the care of the chosen centre (programme admins may leave it to the whole
    programme). Its name is unique in its country."""
    if not permissions.is_manager(actor):
        raise PermissionDenied
    refusal = _centre_refusal(actor, data.get("centre"))
    if refusal:
        raise refusal
    partner = Partner(created_by=actor)
    _fill(partner, data)
    return _save_partner(actor, partner, "partnerships.partner_create")


@transaction.atomic
def partner_update(*, actor: User, partner: Partner, data: dict[str, Any]) -> Partner:
    """The partner's profile changed by its managers; moving it to another centre (or to the whole
    programme) needs the right to manage it there too."""
    partner = Partner.objects.select_for_update(of=("self",)).select_related("centre").get(pk=partner.pk)
    if not permissions.can_manage_partner(actor, partner):
        raise PermissionDenied
    if "centre" in data and data["centre"] != partner.centre:
        refusal = _centre_refusal(actor, data["centre"])
        if refusal:
            raise refusal
    _fill(partner, data)
    return _save_partner(actor, partner, "partnerships.partner_update")


# Contacts -------------------------------------------------------------------------------------


def _locked_partner(actor: User, partner_id: int) -> Partner:
    partner = Partner.objects.select_for_update(of=("self",)).select_related("centre").get(pk=partner_id)
    if not permissions.can_manage_partner(actor, partner):
        raise PermissionDenied
    return partner


@transaction.atomic
def contact_add(*, actor: User, partner: Partner, data: dict[str, Any]) -> PartnerContact:
    partner = _locked_partner(actor, partner.pk)
    contact = PartnerContact(partner=partner, **{name: data[name] for name in CONTACT_FIELDS if name in data})
    contact.full_clean()
    with actor_context(actor, action="partnerships.contact_add"):
        contact.save()
    return contact


@transaction.atomic
def contact_update(*, actor: User, contact: PartnerContact, data: dict[str, Any]) -> PartnerContact:
    _locked_partner(actor, contact.partner_id)
    contact = PartnerContact.objects.select_for_update().get(pk=contact.pk)
    for name in CONTACT_FIELDS:
        if name in data:
            setattr(contact, name, data[name])
    contact.full_clean()
    with actor_context(actor, action="partnerships.contact_update"):
        contact.save()
    return contact


@transaction.atomic
def contact_remove(*, actor: User, contact: PartnerContact) -> None:
    """Deletes the contact; the audit trail keeps who removed it and what it said."""
    _locked_partner(actor, contact.partner_id)
    with actor_context(actor, action="partnerships.contact_remove"):
        PartnerContact.objects.filter(pk=contact.pk).delete()


# Relationships --------------------------------------------------------------------------------


def _message(code: str) -> str:
    return {
        "itself": _("A relationship links two different organisations: choose another party."),
        "duplicate": _("These two already have an active relationship of this type: end it before recording it again."),
        "end_before_start": _("The end cannot be before the start."),
        "future_start": _("Record a relationship once it has begun: the start cannot be in the future."),
        "future_end": _("The end cannot be in the future: end the relationship on the day it ends."),
    }[code]


# The database's constraints, as the field and message a person is shown when a race slips past.
CONSTRAINT_REFUSALS = {
    "relationship_one_active_per_kind_and_pair": ("other", "duplicate"),
    "relationship_not_with_itself": ("other", "itself"),
    "relationship_ends_after_start": ("ended_on", "end_before_start"),
}


def _refusal(error: IntegrityError) -> ValidationError:
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
    field, code = CONSTRAINT_REFUSALS.get(constraint, (None, ""))
    if field is None:
        return ValidationError(_("This conflicts with an existing record. Please check and try again."))
    return ValidationError({field: _message(code)})


def _key(party: Party) -> tuple[int, int]:
    """Orders parties as the model's canonical order does: CSOs first, then by key."""
    return (0 if isinstance(party, Organization) else 1, party.pk)


def _ends(source: Party, target: Party) -> dict[str, Party | None]:
    return {
        "source_organization": source if isinstance(source, Organization) else None,
        "source_partner": source if isinstance(source, Partner) else None,
        "target_organization": target if isinstance(target, Organization) else None,
        "target_partner": target if isinstance(target, Partner) else None,
    }


def _lock(*parties: Party) -> None:
    """Locks the two parties' rows, always in the same order, so two people recording a
    relationship of the same pair at once take turns."""
    for party in sorted(parties, key=_key):
        type(party).objects.select_for_update().filter(pk=party.pk).first()


def _active_exists(kind: str, ends: dict[str, Party | None]) -> bool:
    return Relationship.objects.filter(kind=kind, status=RelationshipStatus.ACTIVE, **ends).exists()


def _check_dates(started_on: dt.date, ended_on: dt.date | None, today: dt.date) -> None:
    if started_on > today:
        raise ValidationError({"started_on": _message("future_start")})
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _message("end_before_start")})
    if ended_on is not None and ended_on > today:
        raise ValidationError({"ended_on": _message("future_end")})


@transaction.atomic
def relationship_add(
    *,
    actor: User,
    party: Party,
    other: Party,
    kind: str,
    inverse: bool = False,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    description: str = "",
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    today: dt.date | None = None,
) -> Relationship:
    """Records `party` <kind> `other` (with `inverse`, `other` <kind> `party`) from `started_on`.
    A start in the future is refused (a relationship is recorded once it exists; an agreement
    still to begin is an MoU); with `ended_on`, a past relationship is recorded as ended. Refused
    with the field named: a relationship of a party with itself, a second active one of the same
    kind between the same pair (from either end for a symmetric kind), an end before the start."""
    today = today or timezone.localdate()
    if kind not in RelationshipKind.values:
        raise ValidationError({"kind": _("Choose the type of relationship.")})
    if not permissions.can_record_relationship(actor, party, other):
        raise PermissionDenied
    if type(party) is type(other) and party.pk == other.pk:
        raise ValidationError({"other": _message("itself")})
    _check_dates(started_on, ended_on, today)
    source, target = (other, party) if inverse else (party, other)
    if kind in SYMMETRIC_KINDS and _key(target) < _key(source):
        source, target = target, source
    ends = _ends(source, target)
    _lock(source, target)
    status = RelationshipStatus.ACTIVE if ended_on is None else RelationshipStatus.ENDED
    if status == RelationshipStatus.ACTIVE and _active_exists(kind, ends):
        raise ValidationError({"other": _message("duplicate")})
    relationship = Relationship(
        kind=kind,
        status=status,
        started_on=started_on,
        ended_on=ended_on,
        description=description.strip(),
        evidence_link=evidence_link,
        recorded_by=actor,
        **ends,
    )
    if evidence_file is not None:
        relationship.evidence_file = evidence_file
        relationship.evidence_filename = (evidence_file.name or "")[:255]
    relationship.full_clean(exclude=["recorded_by"], validate_constraints=False)
    try:
        with transaction.atomic(), actor_context(actor, action="partnerships.relationship_add"):
            relationship.save()
    except IntegrityError as error:
        raise _refusal(error) from error
    return relationship


@transaction.atomic
def relationship_end(
    *, actor: User, relationship: Relationship, ended_on: dt.date, today: dt.date | None = None
) -> Relationship:
    """Ends an active relationship on `ended_on` (not before its start, not in the future). The row
    stays, with its dates: it is never deleted."""
    today = today or timezone.localdate()
    relationship = (
        Relationship.objects.select_for_update(of=("self",))
        .select_related(
            "source_organization__nearest_centre",
            "target_organization__nearest_centre",
            "source_partner__centre",
            "target_partner__centre",
        )
        .get(pk=relationship.pk)
    )
    if not permissions.can_end_relationship(actor, relationship):
        raise PermissionDenied
    if relationship.status != RelationshipStatus.ACTIVE:
        raise ValidationError(_("This relationship has already ended."))
    _check_dates(relationship.started_on, ended_on, today)
    relationship.status, relationship.ended_on = RelationshipStatus.ENDED, ended_on
    try:
        with transaction.atomic(), actor_context(actor, action="partnerships.relationship_end"):
            relationship.save(update_fields=["status", "ended_on"])
    except IntegrityError as error:
        raise _refusal(error) from error
    return relationship
