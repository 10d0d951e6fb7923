import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signup(client, language="en", **overrides):
    data = {
        "full_name": "Hana Kareem",
        "email": "hana@example.org",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
        **overrides,
    }
    return client.post(f"/{language}/accounts/signup/", data)


def test_signing_up_sends_a_confirmation_and_keeps_name_and_language(client):
    response = signup(client, language="ar")
    assert response.status_code == 302
    user = User.objects.get(email="hana@example.org")
    assert user.full_name == "Hana Kareem"
    assert user.preferred_language == "ar"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "/ar/accounts/confirm-email/" in mail.outbox[0].body


def test_an_unconfirmed_address_cannot_sign_in_until_confirmed(client):
    signup(client)
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "hana@example.org", "password": "a-long-unusual-passphrase"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/]+(/en/accounts/confirm-email/[^\s]+)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="hana@example.org").verified


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"password1": "123456789012", "password2": "123456789012"}, "password1", "entirely numeric"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password2": "something-else-entirely"}, "password2", "same password"),
        ({"full_name": ""}, "full_name", "This field is required."),
    ],
)
def test_bad_sign_up_input_gets_a_clear_message_and_keeps_what_was_typed(client, overrides, field, message):
    response = signup(client, **overrides)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert "Hana Kareem" in response.content.decode() or field == "full_name"
    assert not User.objects.filter(email="hana@example.org").exists()


def test_a_taken_address_is_refused(client):
    UserFactory(email="hana@example.org")
    response = signup(client)
    assert response.status_code == 200
    assert "already registered" in " ".join(response.context["form"].errors["email"])
    assert User.objects.filter(email__iexact="hana@example.org").count() == 1


def test_a_taken_address_is_refused_whatever_its_case(client):
    UserFactory(email="hana@example.org")
    response = signup(client, email="HANA@Example.org")
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="hana@example.org").count() == 1


def test_sign_up_errors_are_translated(client):
    UserFactory(email="hana@example.org")
    response = signup(client, language="ar")
    assert "already registered" not in response.content.decode()


def test_signing_in_lands_on_the_dashboard_in_the_preferred_language(client):
    UserFactory(email="dilan@example.org", preferred_language="ckb")
    response = client.post("/en/accounts/login/", {"login": "dilan@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/ckb/dashboard/"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    UserFactory(email="dilan@example.org")
    response = client.post("/en/accounts/login/", {"login": "dilan@example.org", "password": "wrong-password"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_after_five_failed_sign_ins_even_the_right_password_must_wait(client):
    UserFactory(email="dilan@example.org")
    for attempt in range(5):
        response = client.post("/en/accounts/login/", {"login": "dilan@example.org", "password": f"wrong-{attempt}"})
        assert "not correct" in response.content.decode()
    response = client.post("/en/accounts/login/", {"login": "dilan@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_requests_get_a_translated_page(client):
    statuses = []
    for attempt in range(21):
        response = client.post("/ar/accounts/signup/", {"email": f"x{attempt}@example.org"})
        statuses.append(response.status_code)
    assert statuses[-1] == 429
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "Too many attempts" not in html


def test_password_reset_sends_a_link_in_the_users_language(client):
    UserFactory(email="dilan@example.org")
    response = client.post("/ar/accounts/password/reset/", {"email": "dilan@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/ar/accounts/password/reset/key/" in mail.outbox[0].body
