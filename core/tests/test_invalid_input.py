"""NUL and other characters no text may hold are refused at the edge with a translated 400 page,
wherever they come in: the path, the query string or a posted form."""

import pytest
from django.test import RequestFactory

from accounts.models import User
from core.middleware import InvalidInputMiddleware, invalid_character

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Hana Kareem",
    "email": "hana@example.org",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
}


def assert_bad_request_page(response, language="en"):
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert "<nav" in html  # the site's own layout, not a bare error
    return html


def test_a_nul_byte_in_a_public_path_answers_a_bad_request_page(client):
    response = client.get("/en/events/certificates/%00/")
    html = assert_bad_request_page(response)
    assert "could not be read" in html


def test_a_nul_byte_in_the_query_string_answers_a_bad_request_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/en/events/participants/", {"q": "\x00"})
    assert_bad_request_page(response)


@pytest.mark.parametrize("value", ["\x00", "a\x01b", "\x1b[31m", "\x7f", "\ufffe"])
def test_control_characters_in_a_query_string_are_refused(client, value):
    response = client.get("/en/events/", {"q": value})
    assert response.status_code == 400


def test_an_invalid_character_in_a_query_parameter_name_is_refused(client):
    assert client.get("/en/events/?a%00b=1").status_code == 400


def test_an_encoded_lone_surrogate_or_broken_utf8_is_read_as_a_replacement_character(client):
    # Django decodes what is not UTF-8 to U+FFFD, which PostgreSQL stores: no refusal, no 500.
    assert client.get("/en/events/?q=%ED%A0%80").status_code == 200
    assert client.get("/en/events/?q=%FF%FE").status_code == 200


@pytest.mark.parametrize("value", ["Hana\x00Kareem", "Hana\x08Kareem"])
def test_a_posted_form_with_an_invalid_character_is_refused_and_nothing_is_saved(client, value):
    response = client.post("/en/accounts/signup/", {**SIGNUP, "full_name": value})
    assert_bad_request_page(response)
    assert not User.objects.filter(email="hana@example.org").exists()


def test_the_bad_request_page_is_translated(client):
    response = client.get("/ar/events/certificates/%00/")
    html = assert_bad_request_page(response, language="ar")
    assert 'dir="rtl"' in html
    assert "could not be read" not in html


def test_tabs_line_breaks_and_every_script_pass(client):
    # given a name in Arabic script with the whitespace a textarea sends
    response = client.post("/en/accounts/signup/", {**SIGNUP, "full_name": "هانا\tكريم\r\nKareem"})
    # then the form is handled as usual
    assert response.status_code == 302
    assert User.objects.filter(email="hana@example.org").exists()
    assert client.get("/ckb/events/", {"q": "هەولێر\t"}).status_code == 200


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("plain", False),
        ("tab\tline\nreturn\r", False),
        ("العربية کوردی", False),
        ("emoji 🙂", False),
        ("\x00", True),
        ("\x0b", True),
        ("\x1f", True),
        ("\x7f", True),
        ("\udfff", True),
        ("\uffff", True),
    ],
)
def test_which_characters_are_invalid(text, refused):
    assert (invalid_character(text) is not None) is refused


def test_the_middleware_refuses_before_the_view_runs():
    calls = []

    def view(request):
        calls.append(request)
        raise AssertionError("the view must not run")

    request = RequestFactory().get("/en/events/", {"q": "\x00"})
    response = InvalidInputMiddleware(view)(request)
    assert response.status_code == 400
    assert calls == []
