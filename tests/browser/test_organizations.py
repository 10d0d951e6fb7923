import re

import pytest
from django.core import mail
from django.test import override_settings

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from centers.tests.factories import staff_member
from organizations.models import Membership, Organization
from tests.browser.test_journeys import open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def sign_in(page, base, email):
    page.goto(f"{base}/en/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def sign_out(page):
    open_menu(page)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/en/$"))


def test_register_a_cso_invite_a_colleague_and_have_it_verified(live_server, page, screenshot):
    base = live_server.url
    UserFactory(email="founder@example.org", full_name="Nour Jabbar")
    sign_in(page, base, "founder@example.org")

    # register the organisation
    page.get_by_role("link", name="Register an organisation").click()
    page.locator("#id_name").fill("جمعية النهرين للبيئة")
    page.locator("#id_name_en").fill("Nahrain Environment Association")
    page.locator("#id_registration_status").select_option("registered")
    page.locator("#id_registration_authority").select_option("federal")
    page.locator("#id_registration_number").fill("B-8812")
    page.locator("#id_governorate").select_option("erbil")
    page.locator("#id_nearest_centre").select_option(label="Erbil Civil Society Service Centre")
    page.get_by_label("Environmental protection").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/en/organisations/\d+/$"))
    assert "Pending verification" in page.content()
    organization = Organization.objects.get(registration_number="B-8812")

    # invite a colleague
    page.locator("#id_email").fill("colleague@example.org")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("An invitation has been sent to colleague@example.org.").wait_for()
    link = re.search(r"https?://\S+/organisations/invitations/\S+/", mail.outbox[-1].body).group(0)
    path = "/en/" + link.split("/en/", 1)[1]
    sign_out(page)

    # the colleague signs up from the invitation and accepts it
    page.goto(base + path)
    page.get_by_role("link", name="Create an account").click()
    page.locator("#id_full_name").fill("Rebin Qadir")
    page.locator("#id_email").fill("colleague@example.org")
    page.locator("#id_password1").fill("another-long-passphrase")
    page.locator("#id_password2").fill("another-long-passphrase")
    page.get_by_role("button", name="Sign Up").click()
    confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(confirm)
    page.get_by_role("button", name="Confirm").click()
    page.goto(base + path)
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url(re.compile(rf"/en/organisations/{organization.pk}/$"))
    assert Membership.objects.filter(organization=organization, user__email="colleague@example.org").exists()
    sign_out(page)

    # centre staff of the Erbil centre verify it
    staff_member(Role.CENTRE_STAFF, centre_slug="erbil", email="staff@example.org", mfa=False)

    with override_settings(TATWEER_REQUIRE_STAFF_MFA=False):
        sign_in(page, base, "staff@example.org")
        page.goto(f"{base}/en/organisations/?verification_status=pending")
        page.get_by_role("link", name="جمعية النهرين للبيئة").click()
        page.get_by_role("link", name="Verify").click()
        page.get_by_label("Verified").check()
        page.get_by_role("button", name="Record the decision").click()
        page.wait_for_url(re.compile(rf"/en/organisations/{organization.pk}/$"))
    screenshot("organization-verified")
    organization.refresh_from_db()
    assert organization.verification_status == "verified"
    assert (
        organization.memberships.get(user__email="founder@example.org")
        .user.notifications.filter(kind="organization_verification")
        .exists()
    )
