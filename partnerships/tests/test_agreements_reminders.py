"""Reminders of agreements: 60 and 14 days before an active agreement expires, and on each overdue
open obligation, each sent once to the programme admins and the centre's managers (and the person
following the obligation up), in the recipient's language; the nightly start and expiry."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from notifications.models import Notification
from partnerships import alerts, tasks
from partnerships.models import AgreementStatus, ObligationStatus
from partnerships.tests.factories_agreements import agreement_in, obligation_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
EXPIRING = "partnerships_agreement_expiring"
OVERDUE = "partnerships_obligation_overdue"


@pytest.fixture
def people():
    return {
        "admin": staff_member(Role.PROGRAMME_ADMIN, mfa=False, preferred_language="en"),
        "manager": staff_member(Role.CENTRE_MANAGER, mfa=False, preferred_language="ckb"),
        "elsewhere": staff_member(Role.CENTRE_MANAGER, centre_slug="basra", mfa=False),
        "staff": staff_member(Role.CENTRE_STAFF, mfa=False),
    }


def told(kind: str) -> dict:
    return {n.recipient_id: n for n in Notification.objects.filter(kind=kind)}


@pytest.mark.parametrize(("days_left", "threshold"), [(61, None), (60, 60), (15, 60), (14, 14), (0, 14), (-1, None)])
def test_the_tightest_threshold_that_applies_is_the_one_due(days_left, threshold):
    assert alerts.expiry_threshold(days_left) == threshold


def test_the_expiry_reminder_is_sent_once_to_the_admins_and_the_centres_managers(people):
    agreement = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=50))
    # when: the daily task runs twice
    assert tasks.send_agreement_reminders() == 2
    assert tasks.send_agreement_reminders() == 0
    # then: one notification each for the admin and the Erbil manager; nobody else
    sent = told(EXPIRING)
    assert set(sent) == {people["admin"].pk, people["manager"].pk}
    assert agreement.reference in sent[people["admin"].pk].subject
    assert "expires in 50 days" in sent[people["admin"].pk].subject


def test_each_threshold_is_its_own_reminder(people):
    agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=50))
    assert alerts.agreement_expiry_reminders(today=TODAY) == 2
    assert alerts.agreement_expiry_reminders(today=TODAY + dt.timedelta(days=20)) == 0  # still the 60-day one
    assert alerts.agreement_expiry_reminders(today=TODAY + dt.timedelta(days=36)) == 2  # 14 days left
    assert alerts.agreement_expiry_reminders(today=TODAY + dt.timedelta(days=40)) == 0
    assert Notification.objects.filter(kind=EXPIRING, recipient=people["admin"]).count() == 2


def test_a_reminder_is_written_in_the_recipients_language(people):
    agreement = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=10))
    alerts.agreement_expiry_reminders(today=TODAY)
    sent = told(EXPIRING)
    for person, language in ((people["admin"], "en"), (people["manager"], "ckb")):
        with translation.override(language):
            date = formats.date_format(agreement.ends_on, "DATE_FORMAT")
        notification = sent[person.pk]
        assert date in notification.body
        assert notification.url == f"/{language}/partnerships/agreements/{agreement.pk}/"
    assert sent[people["admin"].pk].body != sent[people["manager"].pk].body


def test_agreements_not_in_force_or_ending_later_are_not_reminded(people):
    agreement_in(AgreementStatus.SIGNED, ends_on=TODAY + dt.timedelta(days=10))
    agreement_in(AgreementStatus.TERMINATED, ends_on=TODAY + dt.timedelta(days=10))
    agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=61))
    assert alerts.agreement_expiry_reminders(today=TODAY) == 0


def test_a_programme_wide_agreement_is_reminded_to_the_admins_only(people):
    agreement_in(AgreementStatus.ACTIVE, centre_slug=None, ends_on=TODAY + dt.timedelta(days=14))
    alerts.agreement_expiry_reminders(today=TODAY)
    assert set(told(EXPIRING)) == {people["admin"].pk}


def test_an_overdue_obligation_is_reminded_once_to_its_follower_the_admins_and_the_managers(people):
    owner = UserFactory(preferred_language="ar")
    agreement = agreement_in(AgreementStatus.ACTIVE)
    overdue = obligation_for(agreement, owner=owner, due_in_days=-3, description="Send the joint report")
    obligation_for(agreement, owner=owner, due_in_days=0)  # due today: not late yet
    obligation_for(agreement, owner=owner, due_in_days=-9, status=ObligationStatus.DONE, done_on=TODAY)
    obligation_for(agreement_in(AgreementStatus.DRAFT), owner=owner, due_in_days=-9)  # not binding yet
    # when: twice
    assert alerts.obligation_overdue_reminders(today=TODAY) == 3
    assert alerts.obligation_overdue_reminders(today=TODAY) == 0
    # then
    sent = told(OVERDUE)
    assert set(sent) == {owner.pk, people["admin"].pk, people["manager"].pk}
    body = sent[people["admin"].pk].body
    assert overdue.description in body and "3 days ago" in body and agreement.reference in body


def test_the_nightly_task_starts_and_expires_agreements():
    signed = agreement_in(AgreementStatus.SIGNED, starts_on=TODAY - dt.timedelta(days=1))
    ended = agreement_in(
        AgreementStatus.ACTIVE, starts_on=TODAY - dt.timedelta(days=400), ends_on=TODAY - dt.timedelta(days=1)
    )
    assert tasks.update_agreement_states() == [1, 1]
    signed.refresh_from_db()
    ended.refresh_from_db()
    assert (signed.status, ended.status) == (AgreementStatus.ACTIVE, AgreementStatus.EXPIRED)


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_the_reminder_is_on_the_managers_notifications_page(client, people):
    agreement = agreement_in(AgreementStatus.ACTIVE, ends_on=TODAY + dt.timedelta(days=30))
    tasks.send_agreement_reminders()
    tasks.send_agreement_reminders()
    client.force_login(people["admin"])
    page = client.get(reverse("notifications:list")).content.decode()
    assert page.count(f"The agreement {agreement.reference} expires in 30 days") == 1
