import contextlib
import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.files import private_file_url
from tests.testapp.models import Attachment

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def freeze_clock(*, seconds_later: int):
    """The signer's clock, moved forward: links signed before look that much older."""
    later = time.time() + seconds_later
    with mock.patch("django.core.signing.time.time", return_value=later):
        yield


@pytest.fixture
def attachment(user):
    return Attachment.objects.create(
        owner=user, original_filename="Annual report.pdf", file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 report")
    )


def test_the_owner_downloads_the_file_under_its_original_name(client, user, attachment):
    client.force_login(user)
    response = client.get(private_file_url(attachment, "file"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
    assert 'filename="Annual report.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_someone_else_gets_not_found(client, attachment):
    client.force_login(UserFactory())
    assert client.get(private_file_url(attachment, "file")).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, attachment):
    response = client.get(private_file_url(attachment, "file"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_tampered_link_is_not_found(client, user, attachment):
    client.force_login(user)
    url = private_file_url(attachment, "file")
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_the_private_folder_is_not_served_as_static_or_media(client, attachment):
    assert client.get("/media/" + attachment.file.name).status_code == 404
    assert client.get("/static/" + attachment.file.name).status_code == 404


def test_a_fresh_link_works_within_its_lifetime(client, user, attachment, settings):
    settings.TATWEER_PRIVATE_FILE_LINK_MAX_AGE = 3600
    client.force_login(user)
    url = private_file_url(attachment, "file")
    with freeze_clock(seconds_later=3500):
        response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_an_expired_link_does_not_serve_the_file_but_offers_a_fresh_one(client, user, attachment, settings):
    settings.TATWEER_PRIVATE_FILE_LINK_MAX_AGE = 3600
    client.force_login(user)
    url = private_file_url(attachment, "file")
    # when the link is used after its lifetime
    with freeze_clock(seconds_later=3601):
        response = client.get(url)
        # then the file is not served: a page explains and offers a fresh link, which works
        assert response.status_code == 410
        assert not getattr(response, "streaming", False)
        html = response.content.decode()
        assert "This download link has expired" in html
        fresh = re.search(r'href="(/en/files/[^"/]+/)"', html).group(1)
        assert fresh != url
        assert client.get(fresh).status_code == 200


def test_an_expired_link_reveals_nothing_to_someone_without_permission(client, attachment, settings):
    settings.TATWEER_PRIVATE_FILE_LINK_MAX_AGE = 3600
    url = private_file_url(attachment, "file")
    client.force_login(UserFactory())
    with freeze_clock(seconds_later=7200):
        response = client.get(url)
    assert response.status_code == 404
    assert "This download link has expired" not in response.content.decode()
    assert 'href="/en/files/' not in response.content.decode()


def test_an_anonymous_visitor_with_an_expired_link_is_sent_to_sign_in(client, attachment, settings):
    settings.TATWEER_PRIVATE_FILE_LINK_MAX_AGE = 3600
    url = private_file_url(attachment, "file")
    with freeze_clock(seconds_later=7200):
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_link_signed_for_another_purpose_is_not_found(client, user, attachment):
    client.force_login(user)
    forged = signing.dumps({"m": "testapp.attachment", "pk": attachment.pk, "f": "file"}, compress=True)
    assert client.get(reverse("core:private_file", kwargs={"token": forged})).status_code == 404


def test_the_link_lifetime_is_a_setting():
    assert settings.TATWEER_PRIVATE_FILE_LINK_MAX_AGE == 3600
