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


def without_per_request_tokens(html: str) -> str:
    """A page as the visitor reads it: the CSP nonce and CSRF token differ on every request."""
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def answer_to_signup(client, email, language="en"):
    """What a visitor sees after signing up with `email`: where they are sent and that page's text."""
    response = signup(client, language=language, email=email)
    assert response.status_code == 302
    page = client.get(response["Location"])
    client.logout()
    html = without_per_request_tokens(page.content.decode()).replace(email, "<the address typed>")
    return response["Location"], page.status_code, html


def test_sign_up_gives_the_same_answer_for_a_registered_and_a_new_address(client):
    # given an address that is already registered
    UserFactory(email="hana@example.org")
    # when someone signs up with it, and someone else with a new address
    taken = answer_to_signup(client, "hana@example.org")
    new = answer_to_signup(client, "rezan@example.org")
    # then both see the same page, which says plainly what happens next
    assert taken == new
    assert "If this address can be used, we have sent a message to it" in taken[2]
    assert "already registered" not in taken[2]
    # and no second account is created for the registered address
    assert User.objects.filter(email__iexact="hana@example.org").count() == 1


def test_signing_up_with_a_registered_address_tells_only_its_owner(client):
    UserFactory(email="hana@example.org")
    signup(client, email="HANA@Example.org")
    assert User.objects.filter(email__iexact="hana@example.org").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hana@example.org"]
    assert "/en/accounts/password/reset/" in mail.outbox[0].body  # the owner is offered a reset


def test_the_answer_after_sign_up_is_translated(client):
    UserFactory(email="hana@example.org")
    location, status, html = answer_to_signup(client, "hana@example.org", language="ar")
    assert location.startswith("/ar/")
    assert 'dir="rtl"' in html
    assert "If this address can be used" not in html


def answer_to_reset(client, email):
    response = client.post("/en/accounts/password/reset/", {"email": email})
    assert response.status_code == 302
    page = client.get(response["Location"])
    return response["Location"], page.status_code, without_per_request_tokens(page.content.decode())


def test_password_reset_gives_the_same_page_for_a_known_and_an_unknown_address(client):
    UserFactory(email="dilan@example.org")
    known = answer_to_reset(client, "dilan@example.org")
    unknown = answer_to_reset(client, "nobody@example.org")
    assert known == unknown
    assert "If an account uses this address, we have sent a link" in known[2]
    # only the account's owner gets a message; nothing is sent to an address nobody registered
    assert [message.to for message in mail.outbox] == [["dilan@example.org"]]
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


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
