"""Joint initiatives in the browser: a CSO admin, in the Arabic interface, finds an initiative open for
signature, chooses which of her two CSOs signs, and sees the count rise; a visitor then sees the new
signatory on the public page."""

import re

import pytest

from accounts.tests.factories import UserFactory
from partnerships.models import Signature
from partnerships.services import initiatives as services
from partnerships.tests.factories_initiatives import published_initiative, verified_cso
from tests.browser.test_organizations import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_cso_admin_in_arabic_signs_an_open_initiative_and_sees_the_count_rise(live_server, page, screenshot):
    base = live_server.url
    initiative = published_initiative()
    early, early_admin = verified_cso(name="منظمة نينوى للتنمية المستدامة", acronym="")
    services.sign(actor=early_admin, initiative=initiative, organization=early)
    sara = UserFactory(email="sara@example.org", full_name="Sara Mahmoud", preferred_language="ar")
    verified_cso(admin=sara, name="جمعية الفيحاء النسوية", acronym="")
    second, _sara = verified_cso(admin=sara, name="شبكة شباب الجنوب", acronym="")

    sign_in(page, base, "sara@example.org")
    page.goto(f"{base}/ar/partnerships/initiatives/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name=initiative.title).click()
    page.wait_for_url(re.compile(rf"/ar/partnerships/initiatives/{initiative.pk}/$"))
    assert page.get_by_test_id("online-count").inner_text() == "1"
    assert page.get_by_test_id("text-sha256").inner_text() == initiative.text_sha256
    page.locator("#id_organization").first.select_option(str(second.pk))
    with page.expect_navigation():
        page.get_by_test_id("sign").click()
    assert page.get_by_test_id("online-count").inner_text() == "2"
    assert "شبكة شباب الجنوب" in page.get_by_test_id("online-signatories").inner_text()
    assert Signature.objects.filter(initiative=initiative, organization=second, signed_by=sara).exists()
    screenshot("partnerships-initiative-signed-ar")

    # The public page shows the new signatory to visitors.
    visitor = page.context.browser.new_context(locale="ar")
    public = visitor.new_page()
    public.goto(f"{base}/ar/partnerships/initiatives/{initiative.pk}/")
    assert public.get_by_test_id("online-count").inner_text() == "2"
    assert public.get_by_test_id("sign").count() == 0
    visitor.close()
