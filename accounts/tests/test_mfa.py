import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory, give_totp
from centers.tests.factories import staff_member

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_staff_member_without_an_authenticator_is_sent_to_set_one_up_first(client):
    officer = staff_member(Role.GRANT_OFFICER, mfa=False)
    client.force_login(officer)
    for url in (reverse("core:dashboard"), reverse("centers:list"), reverse("notifications:list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_the_set_up_page_and_sign_out_stay_reachable(client):
    officer = staff_member(Role.LAWYER, mfa=False)
    client.force_login(officer)
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200


def test_a_staff_member_with_an_authenticator_goes_on(client):
    officer = staff_member(Role.GRANT_OFFICER, mfa=True)
    client.force_login(officer)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_cso_members_may_use_mfa_but_are_not_forced(client, user):
    client.force_login(user)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_the_requirement_can_be_switched_off_for_the_local_demo(client, settings):
    settings.TATWEER_REQUIRE_STAFF_MFA = False
    client.force_login(staff_member(Role.DONOR, mfa=False))
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_signing_in_with_mfa_asks_for_the_code_and_refuses_a_wrong_one(client):
    person = UserFactory(email="karwan@example.org", roles=[Role.LAWYER])
    secret = give_totp(person)
    response = client.post("/en/accounts/login/", {"login": "karwan@example.org", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = "000000" if current_code(secret) != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_activating_an_authenticator_with_a_wrong_code_is_refused(client):
    person = UserFactory(email="omar@example.org", roles=[Role.CENTRE_STAFF])
    client.post("/en/accounts/login/", {"login": "omar@example.org", "password": PASSWORD})
    # Changing two-factor settings first asks for the password again.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    response = client.post(reverse("mfa_activate_totp"), {"code": "123"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=person).exists()
