"""Test data: agreements, their parties and obligations, written straight to the database in the
shape the services leave them (the services are tested on their own)."""

import datetime as dt

from django.utils import timezone

from accounts.tests.factories import UserFactory
from centers.models import Center
from core.uploads import in_memory_pdf
from organizations.tests.factories import OrganizationFactory
from partnerships.models import Agreement, AgreementKind, AgreementParty, AgreementStatus, Obligation
from partnerships.models.agreements import SIGNED_STATES
from partnerships.tests.factories_partners import PartnerFactory

_numbers = iter(range(1, 10**6))


def agreement_in(
    status: str = AgreementStatus.DRAFT,
    *,
    centre_slug: str | None = "erbil",
    organizations=None,
    partners=None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    **fields,
) -> Agreement:
    """An agreement in `status` between the given CSOs and partners (a new CSO and a new partner
    by default); signed in every signed state (the parties' signatures, the dates, the copy)."""
    today = timezone.localdate()
    signed = status in SIGNED_STATES
    if signed:
        starts_on = starts_on or today - dt.timedelta(days=200)
        ends_on = ends_on or today + dt.timedelta(days=365)
    if status == AgreementStatus.TERMINATED:
        fields.setdefault("termination_reason", "The partner closed its Iraq office.")
        fields.setdefault("terminated_on", today - dt.timedelta(days=3))
    agreement = Agreement.objects.create(
        reference=f"TST-{next(_numbers):06d}",
        kind=fields.pop("kind", AgreementKind.MOU),
        title=fields.pop("title", "Memorandum on community mediation"),
        purpose=fields.pop("purpose", "Joint training of mediators in Erbil and Duhok."),
        centre=Center.objects.get(slug=centre_slug) if centre_slug else None,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_copy=in_memory_pdf("signed.pdf") if signed else "",
        signed_copy_filename="signed.pdf" if signed else "",
        **fields,
    )
    organizations = [OrganizationFactory()] if organizations is None else organizations
    partners = [PartnerFactory()] if partners is None else partners
    signature = (
        {"signatory_name": "Hana Saleh", "signatory_title": "Director", "signed_on": starts_on - dt.timedelta(days=5)}
        if signed and starts_on
        else {}
    )
    for organization in organizations:
        AgreementParty.objects.create(agreement=agreement, organization=organization, **signature)
    for partner in partners:
        AgreementParty.objects.create(agreement=agreement, partner=partner, **signature)
    return agreement


def obligation_for(agreement: Agreement, *, owner=None, due_in_days: int = 30, **fields) -> Obligation:
    return Obligation.objects.create(
        agreement=agreement,
        party=fields.pop("party", None) or agreement.parties.order_by("pk").first(),
        description=fields.pop("description", "Share the quarterly training report"),
        owner=owner or UserFactory(),
        due_on=timezone.localdate() + dt.timedelta(days=due_in_days),
        **fields,
    )


def matrix_objects(author, so_far: dict) -> dict:
    """Objects for the access table: agreements of the Erbil centre (where the matrix's centre roles
    work) between a CSO none of the matrix's people belongs to and a partner: a draft (edit, sign,
    parties, obligations), an active one with its signed copy and an obligation followed up by
    `author` (terminate, renew, download)."""
    partner = so_far.get("partners_private") or PartnerFactory()
    organization = OrganizationFactory()
    draft = agreement_in(AgreementStatus.DRAFT, organizations=[organization], partners=[partner])
    active = agreement_in(AgreementStatus.ACTIVE, organizations=[organization], partners=[partner])
    return {
        "agreement_draft": draft,
        "agreement_party": draft.parties.order_by("pk").first(),
        "agreement_active": active,
        "agreement_obligation": obligation_for(active, owner=author, due_in_days=-3),
    }
