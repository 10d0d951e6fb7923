"""What changes an agreement's parties and obligations: a party added or removed while the
agreement is not signed, each party's signature (signatory, position, date: never in the future),
obligations added and their status followed up (done needs the date). Locks the agreement first,
audited with the actor."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from organizations.models import Organization
from partnerships import permissions
from partnerships.models import Agreement, AgreementParty, Obligation, ObligationStatus, Partner
from partnerships.services.agreements import CLOSED_STATES, ensure_open, locked, saving

MIN_PARTIES = 2


def _managed(actor: User, agreement: Agreement) -> Agreement:
    agreement = locked(agreement)
    if not permissions.can_manage_agreement(actor, agreement):
        raise PermissionDenied
    return agreement


@transaction.atomic
def party_add(
    *, actor: User, agreement: Agreement, organization: Organization | None = None, partner: Partner | None = None
) -> AgreementParty:
    """Adds a CSO or a partner (one of them) to a draft or an agreement under negotiation."""
    agreement = _managed(actor, agreement)
    ensure_open(agreement)
    if (organization is None) == (partner is None):
        raise ValidationError({"party": _("Choose one CSO or one partner.")})
    party = AgreementParty(agreement=agreement, organization=organization, partner=partner)
    with saving(actor, "agreement_party_add"):
        party.save()
    return party


@transaction.atomic
def party_remove(*, actor: User, party: AgreementParty) -> None:
    """Takes a party off an agreement that is not signed; an agreement keeps at least two parties,
    and a party with obligations stays (they name it)."""
    agreement = _managed(actor, party.agreement)
    ensure_open(agreement)
    parties = list(agreement.parties.all())
    if party.pk not in {p.pk for p in parties}:
        raise ValidationError(_("This party is no longer on the agreement."))
    if len(parties) <= MIN_PARTIES:
        raise ValidationError(_("An agreement keeps at least two parties: add the new party before removing this one."))
    if Obligation.objects.filter(party=party.pk).exists():
        raise ValidationError(_("This party has obligations under the agreement: it cannot be removed."))
    with saving(actor, "agreement_party_remove"):
        AgreementParty.objects.filter(pk=party.pk).delete()


@transaction.atomic
def party_sign(
    *,
    actor: User,
    party: AgreementParty,
    signatory_name: str,
    signatory_title: str = "",
    signed_on: dt.date | None,
    today: dt.date | None = None,
) -> AgreementParty:
    """Records who signed for a party, in what position and when (a date in the future is refused)."""
    agreement = _managed(actor, party.agreement)
    ensure_open(agreement)
    party = (
        AgreementParty.objects.select_for_update(of=("self",))
        .select_related("organization", "partner")
        .get(pk=party.pk)
    )
    today = today or timezone.localdate()
    problems: dict[str, list[str]] = {}
    if not (signatory_name or "").strip():
        problems["signatory_name"] = [_("Say who signed for the party.")]
    if signed_on is None:
        problems["signed_on"] = [_("Say when the party signed.")]
    elif signed_on > today:
        problems["signed_on"] = [
            _("The date of signature cannot be in the future: record the signature once it is made.")
        ]
    if problems:
        raise ValidationError(problems)
    party.signatory_name, party.signatory_title = signatory_name.strip(), (signatory_title or "").strip()
    party.signed_on = signed_on
    with saving(actor, "agreement_party_sign"):
        party.save(update_fields=["signatory_name", "signatory_title", "signed_on"])
    return party


def _check_obligation(agreement: Agreement, data: dict[str, Any]) -> None:
    problems: dict[str, list[str]] = {}
    party = data.get("party")
    if party is None or party.agreement_id != agreement.pk:
        problems["party"] = [_("Choose one of the agreement's parties.")]
    owner = data.get("owner")
    if owner is None or not owner.is_active:
        problems["owner"] = [_("Choose the person who follows the obligation up.")]
    if not (data.get("description") or "").strip():
        problems["description"] = [_("Say what the party undertook to do.")]
    if data.get("due_on") is None:
        problems["due_on"] = [_("Say by when it is due.")]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def obligation_add(*, actor: User, agreement: Agreement, data: dict[str, Any]) -> Obligation:
    """An obligation of one party, with the person who follows it up and its due date."""
    agreement = _managed(actor, agreement)
    if agreement.status in CLOSED_STATES:
        raise ValidationError(_("This agreement is over: no obligation can be added to it."))
    _check_obligation(agreement, data)
    obligation = Obligation(
        agreement=agreement,
        party=data["party"],
        owner=data["owner"],
        description=data["description"].strip(),
        due_on=data["due_on"],
        note=(data.get("note") or "").strip(),
    )
    obligation.full_clean(exclude=["agreement", "party", "owner"])
    with saving(actor, "obligation_add"):
        obligation.save()
    return obligation


@transaction.atomic
def obligation_update(
    *,
    actor: User,
    obligation: Obligation,
    status: str,
    done_on: dt.date | None = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> Obligation:
    """Marks an obligation done (with the date it was done, not in the future), cancelled or open
    again, with a note."""
    locked(obligation.agreement)
    obligation = Obligation.objects.select_for_update(of=("self",)).select_related("agreement").get(pk=obligation.pk)
    if not permissions.can_update_obligation(actor, obligation):
        raise PermissionDenied
    today = today or timezone.localdate()
    if status not in ObligationStatus.values:
        raise ValidationError({"status": _("Choose open, done or cancelled.")})
    if status == ObligationStatus.DONE:
        if done_on is None:
            raise ValidationError({"done_on": _("Say when the obligation was done.")})
        if done_on > today:
            raise ValidationError({"done_on": _("The date it was done cannot be in the future.")})
    else:
        done_on = None
    obligation.status, obligation.done_on = status, done_on
    if note is not None:
        obligation.note = note.strip()
    with saving(actor, "obligation_update"):
        obligation.save(update_fields=["status", "done_on", "note"])
    return obligation
