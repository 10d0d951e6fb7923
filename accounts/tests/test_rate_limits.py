"""Failed sign-ins are limited per account and per client address, the client address being the one
the trusted reverse proxy saw (X-Forwarded-For), so nobody can lock everyone else out."""

import pytest

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy's address
CLIENT_A = "203.0.113.7"
CLIENT_B = "198.51.100.20"


@pytest.fixture
def behind_one_proxy(settings):
    """What TATWEER_TRUSTED_PROXY_COUNT=1 sets in production (core/tests/test_deployment.py)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def sign_in(client, email, password, *, client_address, forwarded_for=""):
    """A sign-in as it arrives through the proxy, which appends the address it saw."""
    chain = f"{forwarded_for}, {client_address}" if forwarded_for else client_address
    return client.post(
        "/en/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_failures_from_one_client_do_not_block_another_clients_sign_in(client, behind_one_proxy):
    # given ten wrong passwords for ten different accounts from client A
    for number in range(10):
        UserFactory(email=f"target{number}@example.org")
        response = sign_in(client, f"target{number}@example.org", "wrong-password", client_address=CLIENT_A)
        assert "not correct" in response.content.decode()
    # when another person signs in correctly from client B
    UserFactory(email="dilan@example.org")
    response = sign_in(client, "dilan@example.org", PASSWORD, client_address=CLIENT_B)
    # then she is signed in
    assert signed_in(response)


def test_the_failing_client_itself_is_limited(client, behind_one_proxy):
    for number in range(10):
        UserFactory(email=f"target{number}@example.org")
        sign_in(client, f"target{number}@example.org", "wrong-password", client_address=CLIENT_A)
    UserFactory(email="dilan@example.org")
    response = sign_in(client, "dilan@example.org", PASSWORD, client_address=CLIENT_A)
    assert not signed_in(response)
    assert response.status_code == 429 or "Too many" in response.content.decode()


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, behind_one_proxy):
    # given a client that sends its own, changing X-Forwarded-For (the proxy appends the real address)
    for number in range(10):
        UserFactory(email=f"target{number}@example.org")
        sign_in(
            client,
            f"target{number}@example.org",
            "wrong-password",
            client_address=CLIENT_A,
            forwarded_for=f"192.0.2.{number}",
        )
    UserFactory(email="dilan@example.org")
    response = sign_in(client, "dilan@example.org", PASSWORD, client_address=CLIENT_A, forwarded_for="192.0.2.99")
    assert not signed_in(response)


def test_the_per_account_limit_holds_across_client_addresses(client, behind_one_proxy):
    # given five wrong passwords for one account, each from a different address
    UserFactory(email="dilan@example.org")
    for number in range(5):
        sign_in(client, "dilan@example.org", f"wrong-{number}", client_address=f"198.51.100.{number + 1}")
    # when the right password comes from yet another address
    response = sign_in(client, "dilan@example.org", PASSWORD, client_address=CLIENT_B)
    # then the account must still wait
    assert not signed_in(response)
    assert "Too many failed login attempts" in response.content.decode()
