"""Obligations under an agreement: added for one of its parties with the person who follows them
up, marked done with the date (never without, never in the future), cancelled or opened again."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from partnerships.models import AgreementStatus, Obligation, ObligationStatus
from partnerships.services import agreements_parties as services
from partnerships.tests.factories_agreements import agreement_in, obligation_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def manager():
    return staff_member(Role.CENTRE_MANAGER, mfa=False)


def _data(agreement, **overrides):
    data = {
        "party": agreement.parties.first(),
        "owner": UserFactory(),
        "description": "Host two mediators from Duhok for a week",
        "due_on": TODAY + dt.timedelta(days=30),
        "note": "",
    }
    return {**data, **overrides}


def test_an_obligation_is_added_for_a_party_of_the_agreement(manager):
    agreement = agreement_in(AgreementStatus.ACTIVE)
    obligation = services.obligation_add(actor=manager, agreement=agreement, data=_data(agreement))
    assert obligation.status == ObligationStatus.OPEN and obligation.agreement == agreement


def test_an_obligation_for_another_agreements_party_is_refused(manager):
    agreement = agreement_in(AgreementStatus.ACTIVE)
    stranger = agreement_in(AgreementStatus.ACTIVE).parties.first()
    with pytest.raises(ValidationError) as refused:
        services.obligation_add(actor=manager, agreement=agreement, data=_data(agreement, party=stranger))
    assert "party" in refused.value.message_dict
    assert not Obligation.objects.exists()


def test_no_obligation_is_added_to_an_agreement_that_is_over(manager):
    agreement = agreement_in(AgreementStatus.TERMINATED)
    with pytest.raises(ValidationError, match="is over"):
        services.obligation_add(actor=manager, agreement=agreement, data=_data(agreement))
    assert not Obligation.objects.exists()


def test_done_needs_the_date_it_was_done_and_nothing_changes_without_it(manager):
    obligation = obligation_for(agreement_in(AgreementStatus.ACTIVE), note="Waiting for the report")
    with pytest.raises(ValidationError) as refused:
        services.obligation_update(actor=manager, obligation=obligation, status=ObligationStatus.DONE, note="Sent")
    assert refused.value.message_dict == {"done_on": ["Say when the obligation was done."]}
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.obligation_update(
            actor=manager, obligation=obligation, status=ObligationStatus.DONE, done_on=TODAY + dt.timedelta(days=1)
        )
    obligation.refresh_from_db()
    assert (obligation.status, obligation.done_on, obligation.note) == (
        ObligationStatus.OPEN,
        None,
        "Waiting for the report",
    )
    services.obligation_update(actor=manager, obligation=obligation, status=ObligationStatus.DONE, done_on=TODAY)
    obligation.refresh_from_db()
    assert (obligation.status, obligation.done_on) == (ObligationStatus.DONE, TODAY)


def test_reopening_an_obligation_clears_its_done_date(manager):
    obligation = obligation_for(agreement_in(AgreementStatus.ACTIVE), status=ObligationStatus.DONE, done_on=TODAY)
    services.obligation_update(actor=manager, obligation=obligation, status=ObligationStatus.OPEN, done_on=TODAY)
    obligation.refresh_from_db()
    assert (obligation.status, obligation.done_on) == (ObligationStatus.OPEN, None)


def test_the_person_following_it_up_updates_it_and_a_stranger_is_refused():
    owner = UserFactory()
    obligation = obligation_for(agreement_in(AgreementStatus.ACTIVE), owner=owner)
    with pytest.raises(PermissionDenied):
        services.obligation_update(actor=UserFactory(), obligation=obligation, status=ObligationStatus.CANCELLED)
    services.obligation_update(actor=owner, obligation=obligation, status=ObligationStatus.CANCELLED, note="Dropped")
    obligation.refresh_from_db()
    assert (obligation.status, obligation.note) == (ObligationStatus.CANCELLED, "Dropped")


def test_a_party_with_obligations_is_not_removed(manager):
    agreement = agreement_in(AgreementStatus.DRAFT)
    services.party_add(actor=manager, agreement=agreement, organization=agreement_in().parties.first().organization)
    obligation = obligation_for(agreement)
    with pytest.raises(ValidationError, match="has obligations"):
        services.party_remove(actor=manager, party=obligation.party)
    assert agreement.parties.count() == 3
