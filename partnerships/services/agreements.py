"""What changes an agreement: drafted with its parties, negotiated, signed (every party's signatory,
the dates in force and the signed copy), activated, terminated with a reason, renewed into a new
draft; and the nightly steps that put a signed agreement in force and let an active one expire.
Each change runs in one transaction, locks the agreement first, and is audited with the actor
(parties and obligations: partnerships.services.agreements_parties)."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from centers.models import Center
from core.audit import actor_context
from partnerships import permissions
from partnerships.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnerships.selectors.agreements import agreements_to_expire, agreements_to_start
from partnerships.workflows import AGREEMENT

# While an agreement is drafted or negotiated its text and parties may change; once signed, not.
OPEN_STATES = frozenset({AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION})
CLOSED_STATES = frozenset({AgreementStatus.EXPIRED, AgreementStatus.RENEWED, AgreementStatus.TERMINATED})
FIELDS = ("title", "kind", "purpose", "centre")
PREFIXES = {
    AgreementKind.MOU: "MOU",
    AgreementKind.PARTNERSHIP: "PA",
    AgreementKind.DATA_SHARING: "DSA",
    AgreementKind.EXCHANGE: "EXA",
}

# The database's constraints, as the person is told of them: (form field, message).
CONSTRAINTS = {
    "agreement_ends_after_start": ("ends_on", gettext_lazy("The agreement must end after it comes into force.")),
    "agreement_terminated_has_reason": ("reason", gettext_lazy("Say why the agreement is terminated.")),
    "agreement_signed_has_copy_and_dates": (
        NON_FIELD_ERRORS,
        gettext_lazy("A signed agreement needs its signed copy and the dates it is in force."),
    ),
    "partnerships_agreement_renewal_of_id_key": (
        NON_FIELD_ERRORS,
        gettext_lazy("This agreement has already been renewed."),
    ),
    "agreement_party_once": ("party", gettext_lazy("This party is already on the agreement.")),
    "agreement_party_one_party": ("party", gettext_lazy("Choose one CSO or one partner.")),
    "agreement_party_signed_by_someone": ("signatory_name", gettext_lazy("Say who signed for the party.")),
    "obligation_done_has_date": ("done_on", gettext_lazy("Say when the obligation was done.")),
}


@contextmanager
def saving(actor: User | None, action: str) -> Iterator[None]:
    """Writes audited as `partnerships.<action>`, in a savepoint: a constraint the database refuses
    becomes the message people know, under the field it is about."""
    try:
        with transaction.atomic(), actor_context(actor, action=f"partnerships.{action}"):
            yield
    except IntegrityError as error:
        name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) or ""
        field, message = CONSTRAINTS.get(
            name, (NON_FIELD_ERRORS, gettext_lazy("Someone changed this agreement meanwhile: reload and try again."))
        )
        raise ValidationError({field: str(message)}) from error


def locked(agreement: Agreement) -> Agreement:
    """The agreement, locked for this transaction, with its parties (fresh, for the decisions)."""
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("centre")
        .prefetch_related("parties__organization", "parties__partner")
        .get(pk=agreement.pk)
    )


def ensure_open(agreement: Agreement) -> None:
    if agreement.status not in OPEN_STATES:
        raise ValidationError(_("A signed agreement cannot be changed: renew it to change its terms or parties."))


def long_date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def next_reference(kind: str, year: int) -> str:
    """MOU-2026-0007: the kind's prefix, the year, the next number of that prefix and year. An
    advisory lock (held to the end of the transaction) keeps two drafts from taking the same number."""
    prefix = f"{PREFIXES.get(AgreementKind(kind), 'AGR')}-{year}-"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"partnerships.agreement.{prefix}"])
    taken = Agreement.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(tail) for tail in (r.removeprefix(prefix) for r in taken) if tail.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _check_centre(actor: User, centre: Center | None) -> None:
    if not permissions.manages(actor, centre):
        raise ValidationError(
            {"centre": _("Choose a centre you manage: an agreement of the whole programme is the programme admins'.")}
        )


@transaction.atomic
def agreement_create(*, actor: User, data: dict[str, Any], today: dt.date | None = None) -> Agreement:
    """A new draft with its parties (at least two: CSOs and/or partners) and a reference of its kind
    and year."""
    if not permissions.can_add_agreement(actor):
        raise PermissionDenied
    centre = data.get("centre")
    _check_centre(actor, centre)
    organizations = list(dict.fromkeys(data.get("organizations") or []))
    partners = list(dict.fromkeys(data.get("partners") or []))
    if len(organizations) + len(partners) < 2:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("An agreement has at least two parties: choose the CSOs and partners that sign it.")}
        )
    today = today or timezone.localdate()
    kind = data.get("kind") or AgreementKind.MOU
    agreement = Agreement(created_by=actor, centre=centre, kind=kind, reference=next_reference(kind, today.year))
    for name in ("title", "purpose"):
        setattr(agreement, name, (data.get(name) or "").strip())
    agreement.full_clean(exclude=["centre", "renewal_of", "created_by"], validate_unique=False)
    with saving(actor, "agreement_create"):
        agreement.save()
        AgreementParty.objects.bulk_create(
            [AgreementParty(agreement=agreement, organization=o) for o in organizations]
            + [AgreementParty(agreement=agreement, partner=p) for p in partners]
        )
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, agreement: Agreement, data: dict[str, Any]) -> Agreement:
    """The title, type, purpose and centre of a draft or an agreement under negotiation."""
    agreement = locked(agreement)
    if not permissions.can_manage_agreement(actor, agreement):
        raise PermissionDenied
    ensure_open(agreement)
    if "centre" in data and data["centre"] != agreement.centre:
        _check_centre(actor, data["centre"])
    for name in FIELDS:
        if name in data:
            value = data[name]
            setattr(agreement, name, value.strip() if isinstance(value, str) else value)
    agreement.full_clean(exclude=["centre", "renewal_of", "created_by"], validate_unique=False)
    with saving(actor, "agreement_update"):
        agreement.save(update_fields=[*FIELDS, "updated_at"])
    return agreement


@transaction.atomic
def agreement_negotiate(*, actor: User, agreement: Agreement) -> Agreement:
    agreement = locked(agreement)
    AGREEMENT.apply("negotiate", agreement, actor)
    with saving(actor, "agreement_negotiate"):
        agreement.save(update_fields=["status", "updated_at"])
    return agreement


def _sign_problems(
    agreement: Agreement, starts_on: dt.date | None, ends_on: dt.date | None, signed_copy: File | None, today: dt.date
) -> dict[str, list[str]]:
    """What stops the agreement from being signed, by form field (empty when nothing does)."""
    problems: dict[str, list[str]] = {}
    unsigned = [str(party.party) for party in agreement.parties.all() if party.signed_on is None]
    if unsigned:
        problems[NON_FIELD_ERRORS] = [
            _("Not every party has signed. Record the signature of: %(parties)s.") % {"parties": ", ".join(unsigned)}
        ]
    if starts_on is None:
        problems["starts_on"] = [_("Say from when the agreement is in force.")]
    if ends_on is None:
        problems["ends_on"] = [_("Say when the agreement expires.")]
    elif starts_on is not None and ends_on <= starts_on:
        problems["ends_on"] = [_("The agreement must end after it comes into force.")]
    elif ends_on < today:
        problems["ends_on"] = [_("This date has passed: an agreement signed now must end in the future.")]
    if not signed_copy:
        problems["signed_copy"] = [_("Upload the signed copy: a PDF, or a photo of the signed pages (PNG or JPEG).")]
    else:
        try:
            for validator in Agreement._meta.get_field("signed_copy").validators:
                validator(signed_copy)
        except ValidationError as error:
            problems["signed_copy"] = error.messages
    return problems


@transaction.atomic
def agreement_sign(
    *,
    actor: User,
    agreement: Agreement,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    signed_copy: File | None,
    today: dt.date | None = None,
) -> Agreement:
    """Records the signed agreement: every party has signed, the dates in force are set and the
    signed copy (private storage) is kept. It comes into force on its first day (nightly task)."""
    agreement = locked(agreement)
    AGREEMENT.check("sign", agreement, actor)
    problems = _sign_problems(agreement, starts_on, ends_on, signed_copy, today or timezone.localdate())
    if problems:
        raise ValidationError(problems)
    agreement.starts_on, agreement.ends_on = starts_on, ends_on
    agreement.signed_copy = signed_copy
    agreement.signed_copy_filename = (getattr(signed_copy, "name", "") or "")[:255]
    AGREEMENT.apply("sign", agreement, actor)
    with saving(actor, "agreement_sign"):
        agreement.save(
            update_fields=["status", "starts_on", "ends_on", "signed_copy", "signed_copy_filename", "updated_at"]
        )
    return agreement


@transaction.atomic
def agreement_activate(*, actor: User, agreement: Agreement, today: dt.date | None = None) -> Agreement:
    """Puts a signed agreement in force from its first day on (the night does it too)."""
    agreement = locked(agreement)
    AGREEMENT.check("activate", agreement, actor)
    today = today or timezone.localdate()
    if agreement.starts_on and agreement.starts_on > today:
        raise ValidationError(
            _("This agreement comes into force on %(date)s: it becomes active that day.")
            % {"date": long_date(agreement.starts_on)}
        )
    AGREEMENT.apply("activate", agreement, actor)
    with saving(actor, "agreement_activate"):
        agreement.save(update_fields=["status", "updated_at"])
    return agreement


@transaction.atomic
def agreement_terminate(
    *,
    actor: User,
    agreement: Agreement,
    reason: str,
    terminated_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Agreement:
    """Ends a signed or active agreement early, with the reason and the date (not in the future)."""
    agreement = locked(agreement)
    AGREEMENT.check("terminate", agreement, actor)
    today = today or timezone.localdate()
    terminated_on = terminated_on or today
    problems: dict[str, list[str]] = {}
    if not (reason or "").strip():
        problems["reason"] = [_("Say why the agreement is terminated: the parties and the programme will read it.")]
    if terminated_on > today:
        problems["terminated_on"] = [_("The date of termination cannot be in the future.")]
    if problems:
        raise ValidationError(problems)
    agreement.termination_reason, agreement.terminated_on = reason.strip(), terminated_on
    AGREEMENT.apply("terminate", agreement, actor)
    with saving(actor, "agreement_terminate"):
        agreement.save(update_fields=["status", "termination_reason", "terminated_on", "updated_at"])
    return agreement


@transaction.atomic
def agreement_renew(*, actor: User, agreement: Agreement, today: dt.date | None = None) -> Agreement:
    """A new draft with the same title, purpose, centre and parties (to sign again) takes over; the
    old agreement becomes "renewed". Returns the new draft."""
    agreement = locked(agreement)
    AGREEMENT.check("renew", agreement, actor)
    today = today or timezone.localdate()
    renewal = Agreement(
        kind=agreement.kind,
        title=agreement.title,
        purpose=agreement.purpose,
        centre=agreement.centre,
        renewal_of=agreement,
        created_by=actor,
        reference=next_reference(agreement.kind, today.year),
    )
    AGREEMENT.apply("renew", agreement, actor)
    with saving(actor, "agreement_renew"):
        renewal.save()
        AgreementParty.objects.bulk_create(
            AgreementParty(agreement=renewal, organization_id=p.organization_id, partner_id=p.partner_id)
            for p in agreement.parties.all()
        )
        agreement.save(update_fields=["status", "updated_at"])
    return renewal


# The nightly steps (system transitions, no person) ---------------------------------------------


def _system_step(agreement_id: int, action: str, due) -> bool:
    """One agreement's nightly step, when the table allows it from its state and `due(agreement)`."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().filter(pk=agreement_id).first()
        if agreement is None or AGREEMENT.transition(action, agreement.status) is None or not due(agreement):
            return False  # changed meanwhile (terminated, or already done by another run)
        AGREEMENT.apply(action, agreement)
        with saving(None, f"agreement_{action}"):
            agreement.save(update_fields=["status", "updated_at"])
    return True


def agreement_start(*, agreement_id: int, today: dt.date | None = None) -> bool:
    """A signed agreement whose first day has come is in force (system step; False when not due)."""
    today = today or timezone.localdate()
    return _system_step(agreement_id, "start", lambda a: a.starts_on is not None and a.starts_on <= today)


def agreement_expire(*, agreement_id: int, today: dt.date | None = None) -> bool:
    """An active agreement whose last day has passed expires (system step; False when not due)."""
    today = today or timezone.localdate()
    return _system_step(agreement_id, "expire", lambda a: a.ends_on is not None and a.ends_on < today)


def agreements_start_and_expire(*, today: dt.date | None = None) -> tuple[int, int]:
    """Signed agreements whose first day has come become active; active ones whose last day has
    passed expire (a signed one past its end both, in that order). Each agreement in its own
    transaction; safe to run twice. (started, expired)"""
    today = today or timezone.localdate()
    started = sum(
        agreement_start(agreement_id=pk, today=today) for pk in agreements_to_start(today).values_list("pk", flat=True)
    )
    expired = sum(
        agreement_expire(agreement_id=pk, today=today)
        for pk in agreements_to_expire(today).values_list("pk", flat=True)
    )
    return started, expired
