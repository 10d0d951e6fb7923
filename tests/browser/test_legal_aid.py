import re

import pytest
from django.test import override_settings
from guardian.shortcuts import assign_perm

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre
from legal_aid.models import LegalCase
from organizations.tests.factories import organization_with_admin
from tests.browser.test_organizations import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_a_cso_asks_for_help_a_lawyer_is_assigned_answers_and_closes_and_the_cso_sees_the_outcome(
    live_server, page, screenshot
):
    base = live_server.url
    organization, admin = organization_with_admin(
        admin=UserFactory(email="cso.legal@example.org", preferred_language="ar")
    )
    UserFactory(email="coordinator@example.org", roles=[Role.LEGAL_COORDINATOR])
    lawyer = UserFactory(email="lawyer@example.org", full_name="Karwan Rashid", roles=[Role.LAWYER])
    assign_perm("centers.work_at_center", lawyer, centre("erbil"))

    # The CSO asks for help, in Arabic.
    sign_in(page, base, "cso.legal@example.org")
    page.goto(f"{base}/ar/legal/request/")
    page.locator("#id_category").select_option("registration")
    page.locator("#id_description").fill("انتهت صلاحية شهادة التسجيل ونحتاج إلى تجديدها.")
    page.locator("#id_preferred_centre").select_option(str(centre("erbil").pk))
    page.locator("#id_consent_data_use").check()
    page.get_by_test_id("send-request").click()
    page.wait_for_url(re.compile(r"/ar/legal/cases/\d+/$"))
    case = LegalCase.objects.get()
    page.goto(f"{base}/en/dashboard/")
    sign_out(page)

    # The coordinator checks for conflicts, accepts the request and assigns a lawyer.
    sign_in(page, base, "coordinator@example.org")
    page.goto(f"{base}/en/legal/cases/{case.pk}/")
    page.get_by_test_id("conflict-check").click()
    page.get_by_text("The conflict check is recorded.").wait_for()
    page.locator("input[name=triage-decision][value=accept]").check()
    page.get_by_test_id("triage").click()
    page.get_by_text("The decision is recorded and the CSO informed.").wait_for()
    page.locator("#id_assign-primary").select_option(str(lawyer.pk))
    page.get_by_test_id("assign").click()
    page.get_by_text("The lawyers are assigned and told.").wait_for()
    sign_out(page)

    # The lawyer starts, writes to the CSO and closes the case with its outcome.
    sign_in(page, base, "lawyer@example.org")
    page.goto(f"{base}/en/legal/cases/{case.pk}/")
    page.locator("#id_status-status").select_option("in_progress")
    page.get_by_test_id("set-status").click()
    page.get_by_text("The status is changed.").wait_for()
    page.locator("#id_note-text").fill("The renewal was filed; keep the receipt.")
    page.locator("#id_note-visibility").select_option("shared")
    page.get_by_test_id("add-note").click()
    page.get_by_text("The note is added.").wait_for()
    page.get_by_text("Close the case").first.click()
    page.locator("#id_close-outcome").select_option("solved")
    page.locator("#id_close-summary").fill("The registration was renewed for two years.")
    page.get_by_test_id("close-case").click()
    page.get_by_text("The case is closed and the CSO informed.").wait_for()
    sign_out(page)

    # The CSO sees the shared note and the outcome, in Arabic.
    sign_in(page, base, "cso.legal@example.org")
    page.goto(f"{base}/ar/legal/cases/{case.pk}/")
    assert "The renewal was filed; keep the receipt." in page.get_by_test_id("note").first.inner_text()
    assert "The registration was renewed for two years." in page.get_by_test_id("outcome").inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("legal-case-closed-ar")
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "solved"
