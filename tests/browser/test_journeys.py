import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def open_menu(page):
    """On a phone the navigation sits behind the menu button."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#main-nav.show").wait_for()


def test_sign_up_confirm_sign_in_and_switch_to_arabic(live_server, page, screenshot):
    # given a visitor on the sign-up page
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.locator("#id_full_name").fill("Hana Kareem")
    page.locator("#id_email").fill("hana@example.org")
    page.locator("#id_password1").fill("a-long-unusual-passphrase")
    page.locator("#id_password2").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Sign Up").click()

    # then they are asked to confirm their address, and an e-mail carries the link
    page.wait_for_url(re.compile(r"/en/accounts/confirm-email/$"))
    assert "Check your inbox" in page.content()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/en/dashboard/$"))

    # when they sign out and sign in again
    open_menu(page)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/en/$"))
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_login").fill("hana@example.org")
    page.locator("#id_password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/en/dashboard/$"))
    assert "Welcome, Hana" in page.content()

    # and switch to Arabic from the language menu
    open_menu(page)
    page.get_by_test_id("language-menu").click()
    page.get_by_test_id("language-ar").click()
    page.wait_for_url(re.compile(r"/ar/dashboard/$"))
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "bootstrap.rtl.min.css" in page.content()
    screenshot("dashboard-ar")
    assert User.objects.get(email="hana@example.org").preferred_language == "ar"


def test_a_staff_member_must_set_up_two_factor_authentication(live_server, page, screenshot):
    officer = UserFactory(email="ahmed@example.org", full_name="Ahmed Salih", roles=[Role.GRANT_OFFICER])

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_login").fill("ahmed@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    # Sent to set up an authenticator app before anything else (after confirming the password).
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/en/accounts/2fa/totp/activate/"))
    page.goto(f"{live_server.url}/en/dashboard/")
    page.wait_for_url(re.compile(r"/en/accounts/2fa/totp/activate/"))

    secret = page.locator("input#authenticator_secret").input_value()
    page.locator("#id_code").fill("12")
    page.get_by_role("button", name="Activate").click()
    assert not Authenticator.objects.filter(user=officer).exists()

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(re.compile(r"/en/accounts/2fa/"))
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    screenshot("mfa-activated")

    page.goto(f"{live_server.url}/en/dashboard/")
    assert page.url.endswith("/en/dashboard/")
    assert "Grant officer" in page.content()
