import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.files import private_file_url
from tests.testapp.models import Attachment

pytestmark = pytest.mark.django_db


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
