import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import override_settings

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from grants.models import Application, ReviewAssignment
from grants.services import reports as reporting
from grants.services.agreements import tranche_request
from grants.services.payments import payment_record
from grants.tests.factories import published_call
from grants.tests.test_payments import TODAY, signed_agreement
from organizations.tests.factories import organization_with_admin
from tests.browser.test_organizations import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_apply_in_arabic_review_rank_and_award(live_server, exchange_rates, page, screenshot):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    call = published_call(code="TAT-TEST", cofinancing_percent=Decimal("10"))
    organization, admin = organization_with_admin(
        verification_status="verified", admin=UserFactory(email="cso.admin@example.org", preferred_language="ar")
    )
    UserFactory(email="officer@example.org", roles=[Role.GRANT_OFFICER])
    UserFactory(email="reviewer@example.org", full_name="Dilan Omer", roles=[Role.REVIEWER])

    # The CSO fills a multi-section application in Arabic and submits it
    sign_in(page, base, "cso.admin@example.org")
    page.goto(f"{base}/ar/grants/calls/{call.code}/")
    page.get_by_test_id("apply").click()
    page.wait_for_url(re.compile(r"/ar/grants/applications/\d+/$"))
    application = Application.objects.get()
    section = f"{base}/ar/grants/applications/{application.pk}/section"
    page.goto(f"{section}/project/")
    page.locator("#id_title").fill("حلقات سلام لشباب سنجار")
    page.locator("#id_summary").fill("حوار بين الشباب من مختلف المكونات.")
    page.locator("#id_objectives").fill("بناء الثقة.")
    page.locator("form.card button[type=submit]").click()
    page.goto(f"{section}/activities/")
    page.locator("#id_activities").fill("حلقات الحوار، الأشهر 1-6")
    page.locator("#id_duration_months").fill("6")
    page.locator("input[name=locations][value=ninewa]").check()
    page.locator("form.card button[type=submit]").click()
    page.goto(f"{section}/beneficiaries/")
    page.locator("#id_beneficiaries_women_youth").fill("40")
    page.locator("#id_beneficiaries_men_youth").fill("30")
    page.locator("form.card button[type=submit]").click()
    page.goto(f"{section}/budget/")
    page.locator("#id_line-category").select_option("activities")
    page.locator("#id_line-description").fill("جلسات حوار")
    page.locator("#id_line-unit").fill("جلسة")
    page.locator("#id_line-quantity").fill("15")
    page.locator("#id_line-unit_cost").fill("1000")
    page.locator("form.row button[type=submit]").click()
    page.locator("#id_cofinancing").fill("1500")
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/ar/grants/applications/{application.pk}/$"))
    page.locator("#id_declaration").check()
    page.get_by_test_id("submit").click()
    page.get_by_test_id("reference").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("application-submitted-ar")
    application.refresh_from_db()
    assert application.status == "submitted" and application.reference == "TAT-TEST-0001"
    page.goto(f"{base}/en/dashboard/")
    sign_out(page)

    # The officer screens it and assigns a reviewer
    sign_in(page, base, "officer@example.org")
    page.goto(f"{base}/en/grants/applications/{application.pk}/")
    page.locator("#id_screen-decision_0").check()
    page.get_by_role("button", name="Record the decision").first.click()
    page.get_by_label(re.compile("Dilan Omer")).check()
    page.get_by_role("button", name="Assign").click()
    page.get_by_text("The reviewers are assigned and told.").wait_for()
    sign_out(page)

    # The reviewer declares no conflict, then scores and submits
    sign_in(page, base, "reviewer@example.org")
    assignment = ReviewAssignment.objects.get()
    page.goto(f"{base}/en/grants/reviews/{assignment.pk}/")
    assert "حوار بين الشباب" not in page.content()
    page.locator("#id_decision_0").check()
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("حوار بين الشباب من مختلف المكونات.").wait_for()
    criterion = call.evaluation_criteria.get()
    page.locator(f"#id_score_{criterion.pk}").fill("4")
    page.locator("#id_recommendation").select_option("fund")
    page.get_by_test_id("submit-review").click()
    page.get_by_test_id("weighted-total").wait_for()
    assert page.get_by_test_id("weighted-total").inner_text() == "80.00"
    sign_out(page)

    # The officer sees the ranking and awards the grant
    sign_in(page, base, "officer@example.org")
    page.goto(f"{base}/en/grants/manage/{call.code}/ranking/")
    page.get_by_text("within the envelope").wait_for()
    page.goto(f"{base}/en/grants/applications/{application.pk}/")
    page.locator("#id_decide-decision_0").check()
    page.get_by_role("button", name="Record the decision").last.click()
    page.get_by_text("The decision is recorded and the organisation told.").wait_for()
    application.refresh_from_db()
    assert application.decision == "award"
    assert admin.notifications.filter(kind="application_decided").exists()


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_a_grantee_reports_the_officer_approves_and_finance_pays_the_next_tranche(
    live_server, exchange_rates, page, screenshot, tmp_path
):
    base = live_server.url
    officer = UserFactory(roles=[Role.GRANT_OFFICER])  # no authenticator app: MFA is off here
    finance = UserFactory(roles=[Role.FINANCE_OFFICER])
    agreement = signed_agreement(officer)
    first, second = agreement.tranches.order_by("number")
    tranche_request(actor=officer, tranche=first)
    payment_record(actor=finance, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "B-1"})
    report = reporting.report_schedule(
        actor=officer, agreement=agreement, kind="interim", due_on=TODAY + dt.timedelta(days=90)
    )
    grantee = agreement.application.organization.memberships.get(role="admin").user
    grantee.preferred_language = "ckb"
    grantee.save()
    line = agreement.budget_lines.get()

    # The grantee writes the interim report in Kurdish, saves a draft, attaches a receipt, submits.
    sign_in(page, base, grantee.email)
    page.goto(f"{base}/ckb/grants/reports/{report.pk}/")
    page.locator("#id_narrative").fill("دوو خولی ڕاهێنان بۆ 30 لاو لە هەولێر ئەنجامدران.")
    page.locator("#id_women_youth").fill("18")
    page.locator("#id_men_youth").fill("12")
    page.locator(f"#id_line_{line.pk}").fill("2500")
    page.get_by_test_id("save-report").click()
    page.wait_for_url(re.compile(rf"/ckb/grants/reports/{report.pk}/$"))
    assert page.locator("#id_narrative").input_value().startswith("دوو خولی")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    page.locator("#id_file").set_input_files(str(receipt))
    page.locator("form[enctype] button[type=submit]").click()
    page.get_by_test_id("receipt").wait_for()
    page.get_by_test_id("submit-report").click()
    page.get_by_test_id("report-status").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("grantee-report-submitted-ckb")
    report.refresh_from_db()
    assert report.status == "submitted" and report.beneficiaries == 30
    page.goto(f"{base}/en/dashboard/")
    sign_out(page)

    # The officer approves it; the tranche's condition is met and the payment is requested.
    sign_in(page, base, officer.email)
    page.goto(f"{base}/en/grants/reports/{report.pk}/")
    assert page.get_by_test_id("expense-row").inner_text().count("2,500.00") == 1
    page.get_by_test_id("approve-report").click()
    page.get_by_text("The review is recorded and the organisation informed.").wait_for()
    page.goto(f"{base}/en/grants/agreements/{agreement.pk}/")
    page.get_by_test_id("request-2").click()
    page.wait_for_url(re.compile(rf"/en/grants/agreements/{agreement.pk}/$"))
    sign_out(page)

    # Finance (another person) records the payment of tranche 2.
    sign_in(page, base, finance.email)
    page.goto(f"{base}/en/grants/agreements/{agreement.pk}/")
    page.locator(f"#id_paid_on_{second.pk}").fill(TODAY.isoformat())
    page.locator(f"#id_reference_{second.pk}").fill("BANK-2")
    page.get_by_test_id("pay-2").click()
    page.get_by_test_id("paid").filter(has_text="10,000.00").wait_for()
    screenshot("finance-paid-second-tranche")
    second.refresh_from_db()
    assert second.status == "paid"
