"""An exchange visit's 90-day follow-up in the browser: the reminder reaches the Erbil manager, who
opens her follow-ups (in the Kurdish interface, right to left), records that the visiting CSO adapted
a practice it saw (refused first without the date, keeping what she typed), and sees it on the visit."""

import datetime as dt
import re

import pytest
from django.test import override_settings

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons.tests.factories import published_entry
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin
from partnerships import alerts
from partnerships.models import VisitingOrganization
from partnerships.tests.factories_visits import exchange_event, exchange_visit, last_day, practice, visiting
from tests.browser.test_commons import sign_out_anywhere
from tests.browser.test_organizations import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

EXPLANATION = "دوو گرووپی پاشەکەوتی ژنان لە کۆیە دەستیان پێکرد، بە قەرزی بچووکتر لە عەممان."


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_a_manager_records_an_exchange_visits_90_day_follow_up(live_server, page, screenshot):
    base = live_server.url
    manager = staff_member(
        Role.CENTRE_MANAGER,
        centre_slug="erbil",
        mfa=False,
        email="shvan@example.org",
        full_name="Shvan Aziz",
        preferred_language="ckb",
    )
    visit = exchange_visit(event=exchange_event(ended_days_ago=95, title="Exchange visit to JOHUD, Amman"))
    author = organization_with_admin(verification_status="verified")
    entry = published_entry(author[1], organization=author[0], title="گرووپی پاشەکەوتی ژنان لە خانەقین")
    savings = practice(visit, entry=entry, title="Women's savings groups")
    cso = organization_with_admin(verification_status="verified", name="ناوەندی ژنان بۆ ئاشتی")[0]
    follow_up = visiting(visit, organization=cso, assigned_to=manager)

    # The day it falls due, the manager is reminded once, with a link in her language.
    assert alerts.visit_follow_ups_due() == 1
    assert alerts.visit_follow_ups_due() == 0
    reminder = Notification.objects.get(recipient=manager, kind="partnerships_visit_follow_up")
    assert reminder.url == f"/ckb/partnerships/follow-ups/{follow_up.pk}/"

    sign_in(page, base, "shvan@example.org")
    page.goto(f"{base}/ckb/partnerships/follow-ups/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    row = page.locator(f'[data-testid="follow-up-row"][data-pk="{follow_up.pk}"]')
    assert "ناوەندی ژنان بۆ ئاشتی" in row.inner_text()
    row.get_by_test_id("record-follow-up").click()
    page.wait_for_url(re.compile(rf"/ckb/partnerships/follow-ups/{follow_up.pk}/$"))

    # Adapted, with what changed and the practice, but without the date: refused, nothing lost.
    page.locator("input[name=outcome][value=adapted]").check()
    page.locator("#id_explanation").fill(EXPLANATION)
    page.locator(f"input[name=practices][value='{savings.pk}']").check()
    page.get_by_test_id("save-follow-up").click()
    page.wait_for_load_state()
    assert page.locator("#id_explanation").input_value() == EXPLANATION
    assert page.locator(f"input[name=practices][value='{savings.pk}']").is_checked()
    assert not VisitingOrganization.objects.get(pk=follow_up.pk).outcome
    screenshot("partnerships-follow-up-refused")

    since = last_day(visit) + dt.timedelta(days=45)
    page.locator("#id_adopted_on").fill(since.isoformat())
    page.get_by_test_id("save-follow-up").click()
    page.wait_for_url(re.compile(r"/ckb/partnerships/follow-ups/$"))
    recorded = VisitingOrganization.objects.get(pk=follow_up.pk)
    assert (recorded.outcome, recorded.adopted_on, recorded.recorded_by) == ("adapted", since, manager)
    assert list(recorded.practices.all()) == [savings]

    # The visit's page shows the outcome, and the practice links to its platform entry.
    page.goto(f"{base}/ckb/partnerships/visits/{visit.pk}/")
    visitor = page.locator(f'[data-testid="visitor-row"][data-pk="{follow_up.pk}"]')
    assert visitor.get_by_test_id("outcome").is_visible()
    assert page.get_by_test_id("practice-entry").get_attribute("href") == f"/ckb/platform/{entry.pk}/"
    screenshot("partnerships-visit-follow-up-recorded")
    sign_out_anywhere(page, base)
