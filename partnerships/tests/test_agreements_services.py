"""The agreement services: drafting with parties and a reference, editing only before signature,
each party's signature, signing with everything it needs, termination with a reason, renewal, and
the nightly steps. Every refusal says what is wrong and changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from core.uploads import in_memory_pdf
from organizations.tests.factories import OrganizationFactory
from partnerships.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnerships.services import agreements as services
from partnerships.services import agreements_parties as party_services
from partnerships.tests.factories_agreements import agreement_in
from partnerships.tests.factories_partners import PartnerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def manager():
    return staff_member(Role.CENTRE_MANAGER, mfa=False)


def _draft_data(**overrides):
    data = {
        "title": "MoU on legal counselling",
        "kind": AgreementKind.MOU,
        "purpose": "Referral of displaced families.",
        "centre": centre("erbil"),
        "organizations": [OrganizationFactory()],
        "partners": [PartnerFactory()],
    }
    return {**data, **overrides}


def _messages(error: ValidationError) -> dict:
    return {field: " ".join(messages) for field, messages in error.message_dict.items()}


def test_a_draft_gets_its_parties_and_the_next_reference_of_its_kind_and_year(manager):
    first = services.agreement_create(actor=manager, data=_draft_data())
    second = services.agreement_create(actor=manager, data=_draft_data())
    other_kind = services.agreement_create(actor=manager, data=_draft_data(kind=AgreementKind.PARTNERSHIP))
    assert first.reference == f"MOU-{TODAY.year}-0001" and second.reference == f"MOU-{TODAY.year}-0002"
    assert other_kind.reference == f"PA-{TODAY.year}-0001"
    assert first.status == AgreementStatus.DRAFT and first.created_by == manager
    assert first.parties.count() == 2


def test_a_draft_with_fewer_than_two_parties_is_refused_and_nothing_is_saved(manager):
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(actor=manager, data=_draft_data(partners=[]))
    assert "at least two parties" in _messages(refused.value)[NON_FIELD_ERRORS]
    assert not Agreement.objects.exists() and not AgreementParty.objects.exists()


def test_a_manager_drafts_only_for_the_centre_she_manages(manager):
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(actor=manager, data=_draft_data(centre=centre("basra")))
    assert "centre" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.agreement_create(actor=manager, data=_draft_data(centre=None))
    with pytest.raises(PermissionDenied):
        services.agreement_create(actor=staff_member(Role.CENTRE_STAFF, mfa=False), data=_draft_data())
    assert not Agreement.objects.exists()


def test_only_a_draft_or_an_agreement_under_negotiation_is_edited(manager):
    negotiation = agreement_in(AgreementStatus.NEGOTIATION)
    services.agreement_update(actor=manager, agreement=negotiation, data={"title": "  Renamed  "})
    negotiation.refresh_from_db()
    assert negotiation.title == "Renamed"
    signed = agreement_in(AgreementStatus.SIGNED)
    with pytest.raises(ValidationError, match="signed agreement cannot be changed"):
        services.agreement_update(actor=manager, agreement=signed, data={"title": "Renamed"})
    signed.refresh_from_db()
    assert signed.title != "Renamed"


def test_a_party_is_added_once_and_removed_while_two_remain(manager):
    agreement = agreement_in(AgreementStatus.DRAFT)
    partner = PartnerFactory()
    party = party_services.party_add(actor=manager, agreement=agreement, partner=partner)
    with pytest.raises(ValidationError) as refused:
        party_services.party_add(actor=manager, agreement=agreement, partner=partner)
    assert _messages(refused.value) == {"party": "This party is already on the agreement."}
    with pytest.raises(ValidationError, match="one CSO or one partner"):
        party_services.party_add(
            actor=manager, agreement=agreement, partner=partner, organization=OrganizationFactory()
        )
    party_services.party_remove(actor=manager, party=party)
    assert agreement.parties.count() == 2
    with pytest.raises(ValidationError, match="at least two parties"):
        party_services.party_remove(actor=manager, party=agreement.parties.first())
    assert agreement.parties.count() == 2


def test_parties_do_not_change_once_the_agreement_is_signed(manager):
    agreement = agreement_in(AgreementStatus.ACTIVE)
    with pytest.raises(ValidationError):
        party_services.party_add(actor=manager, agreement=agreement, organization=OrganizationFactory())
    assert agreement.parties.count() == 2


def test_a_signature_dated_in_the_future_is_refused_and_nothing_changes(manager):
    party = agreement_in(AgreementStatus.NEGOTIATION).parties.first()
    with pytest.raises(ValidationError) as refused:
        party_services.party_sign(
            actor=manager,
            party=party,
            signatory_name="Ingrid Solberg",
            signatory_title="Country Director",
            signed_on=TODAY + dt.timedelta(days=1),
        )
    assert "cannot be in the future" in _messages(refused.value)["signed_on"]
    party.refresh_from_db()
    assert party.signed_on is None and party.signatory_name == ""
    party_services.party_sign(
        actor=manager, party=party, signatory_name="Ingrid Solberg", signatory_title="Country Director", signed_on=TODAY
    )
    party.refresh_from_db()
    assert (party.signatory_name, party.signed_on) == ("Ingrid Solberg", TODAY)


def test_signing_names_everything_still_missing_and_changes_nothing(manager):
    agreement = agreement_in(AgreementStatus.NEGOTIATION)
    with pytest.raises(ValidationError) as refused:
        services.agreement_sign(actor=manager, agreement=agreement, starts_on=None, ends_on=None, signed_copy=None)
    problems = _messages(refused.value)
    assert set(problems) == {NON_FIELD_ERRORS, "starts_on", "ends_on", "signed_copy"}
    assert "Record the signature of" in problems[NON_FIELD_ERRORS]
    assert "Upload the signed copy" in problems["signed_copy"]
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.NEGOTIATION and not agreement.signed_copy


def test_signing_without_the_copy_is_refused_even_when_all_else_is_there(manager):
    agreement = agreement_in(AgreementStatus.NEGOTIATION)
    AgreementParty.objects.filter(agreement=agreement).update(signatory_name="Hana Saleh", signed_on=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.agreement_sign(
            actor=manager,
            agreement=agreement,
            starts_on=TODAY,
            ends_on=TODAY.replace(year=TODAY.year + 2),
            signed_copy=None,
        )
    assert set(_messages(refused.value)) == {"signed_copy"}
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.NEGOTIATION and agreement.starts_on is None


def test_a_signed_copy_that_is_not_what_it_claims_is_refused(manager):
    agreement = agreement_in(AgreementStatus.DRAFT)
    AgreementParty.objects.filter(agreement=agreement).update(signatory_name="Hana Saleh", signed_on=TODAY)
    fake = SimpleUploadedFile("mou.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError) as refused:
        services.agreement_sign(
            actor=manager, agreement=agreement, starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=9), signed_copy=fake
        )
    assert "not a PDF file" in _messages(refused.value)["signed_copy"]
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_an_end_before_the_start_is_refused(manager):
    agreement = agreement_in(AgreementStatus.DRAFT)
    AgreementParty.objects.filter(agreement=agreement).update(signatory_name="Hana Saleh", signed_on=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.agreement_sign(
            actor=manager, agreement=agreement, starts_on=TODAY, ends_on=TODAY, signed_copy=in_memory_pdf()
        )
    assert "must end after" in _messages(refused.value)["ends_on"]


def test_a_signed_agreement_keeps_its_copy_and_dates(manager):
    agreement = agreement_in(AgreementStatus.DRAFT)
    AgreementParty.objects.filter(agreement=agreement).update(signatory_name="Hana Saleh", signed_on=TODAY)
    ends = TODAY + dt.timedelta(days=730)
    services.agreement_sign(
        actor=manager, agreement=agreement, starts_on=TODAY, ends_on=ends, signed_copy=in_memory_pdf("mou.pdf")
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED and agreement.ends_on == ends
    assert agreement.signed_copy.name.startswith("partnerships/") and agreement.signed_copy_filename == "mou.pdf"


def test_activation_waits_for_the_first_day(manager):
    agreement = agreement_in(AgreementStatus.SIGNED, starts_on=TODAY + dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="comes into force on"):
        services.agreement_activate(actor=manager, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_termination_without_a_reason_or_in_the_future_is_refused_and_nothing_changes(manager):
    agreement = agreement_in(AgreementStatus.ACTIVE)
    with pytest.raises(ValidationError) as refused:
        services.agreement_terminate(
            actor=manager, agreement=agreement, reason="   ", terminated_on=TODAY + dt.timedelta(days=1)
        )
    assert set(_messages(refused.value)) == {"reason", "terminated_on"}
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE and agreement.termination_reason == ""
    services.agreement_terminate(actor=manager, agreement=agreement, reason="The partner left Iraq.")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED and agreement.terminated_on == TODAY


def test_renewal_makes_a_new_draft_with_the_same_parties(manager):
    old = agreement_in(AgreementStatus.ACTIVE)
    renewal = services.agreement_renew(actor=manager, agreement=old)
    old.refresh_from_db()
    assert old.status == AgreementStatus.RENEWED
    assert renewal.status == AgreementStatus.DRAFT and renewal.renewal_of == old
    assert renewal.reference == f"MOU-{TODAY.year}-0001" and renewal.title == old.title
    keys = {p.party_key for p in old.parties.all()}
    assert {p.party_key for p in renewal.parties.all()} == keys
    assert not renewal.parties.filter(signed_on__isnull=False).exists()


def test_the_database_refuses_a_second_renewal_with_the_known_message(manager):
    old = agreement_in(AgreementStatus.EXPIRED)
    agreement_in(AgreementStatus.DRAFT, renewal_of=old)
    with pytest.raises(ValidationError, match="already been renewed"):
        services.agreement_renew(actor=manager, agreement=old)
    old.refresh_from_db()
    assert old.status == AgreementStatus.EXPIRED


def test_the_night_puts_signed_agreements_in_force_and_lets_ended_ones_expire():
    due = agreement_in(AgreementStatus.SIGNED, starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=90))
    later = agreement_in(AgreementStatus.SIGNED, starts_on=TODAY + dt.timedelta(days=1))
    ended = agreement_in(
        AgreementStatus.ACTIVE, starts_on=TODAY - dt.timedelta(days=400), ends_on=TODAY - dt.timedelta(days=1)
    )
    last_day = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY)
    assert services.agreements_start_and_expire(today=TODAY) == (1, 1)
    assert services.agreements_start_and_expire(today=TODAY) == (0, 0)  # twice: nothing more
    statuses = {a.pk: a.status for a in Agreement.objects.all()}
    assert statuses[due.pk] == AgreementStatus.ACTIVE and statuses[later.pk] == AgreementStatus.SIGNED
    assert statuses[ended.pk] == AgreementStatus.EXPIRED and statuses[last_day.pk] == AgreementStatus.ACTIVE
