"""An expiring MoU in the browser: the nightly reminder reaches the Erbil manager once (the task run
twice), in her notifications; she opens it (Kurdish interface, right to left), lands on the
agreement and sees how many days it has left; the agreements expiring soon are one filter away."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin
from partnerships import tasks
from partnerships.models import AgreementStatus
from partnerships.tests.factories_agreements import agreement_in
from partnerships.tests.factories_partners import PartnerFactory
from tests.browser.test_organizations import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

TITLE = "یاداشتی هاوکاری لەگەڵ زانکۆی دهۆک بۆ توێژینەوەی پێکەوەژیان"


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_the_expiring_mou_reminder_is_sent_once_and_leads_to_the_agreement(live_server, page, screenshot):
    base = live_server.url
    manager = staff_member(
        Role.CENTRE_MANAGER,
        centre_slug="erbil",
        mfa=False,
        email="shvan@example.org",
        full_name="Shvan Aziz",
        preferred_language="ckb",
    )
    cso = organization_with_admin(verification_status="verified", name="ناوەندی ژنان بۆ ئاشتی")[0]
    university = PartnerFactory(name="University of Duhok", acronym="UoD")
    agreement = agreement_in(
        AgreementStatus.ACTIVE,
        organizations=[cso],
        partners=[university],
        title=TITLE,
        ends_on=timezone.localdate() + dt.timedelta(days=30),
    )
    agreement_in(AgreementStatus.ACTIVE, title="A later MoU", ends_on=timezone.localdate() + dt.timedelta(days=300))

    # The night's reminder task runs twice: one notification, in her language, with her link.
    tasks.send_agreement_reminders()
    tasks.send_agreement_reminders()
    (reminder,) = Notification.objects.filter(recipient=manager, kind="partnerships_agreement_expiring")
    assert reminder.url == f"/ckb/partnerships/agreements/{agreement.pk}/"

    sign_in(page, base, "shvan@example.org")
    page.goto(f"{base}/ckb/notifications/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    items = page.locator(".list-group-item", has_text=agreement.reference)
    assert items.count() == 1
    with page.expect_navigation():
        items.first.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/ckb/partnerships/agreements/{agreement.pk}/$"))
    assert TITLE in page.locator("h1").inner_text()
    badge = page.get_by_test_id("expiry-badge")
    assert "30" in badge.inner_text()
    assert page.get_by_test_id("party-row").count() == 2
    screenshot("partnerships-agreement-expiring")

    # From the list, "expiring within 60 days" shows this one and not the later one.
    page.goto(f"{base}/ckb/partnerships/agreements/")
    page.locator("#id_expiring").check()
    with page.expect_navigation():
        page.get_by_test_id("agreement-filters").locator("button[type=submit]").click()
    rows = page.get_by_test_id("agreement-row")
    assert rows.count() == 1 and TITLE in rows.first.inner_text()
