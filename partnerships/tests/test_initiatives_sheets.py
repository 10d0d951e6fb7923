"""The signature list: issued as a PDF through an export job (with its progress page), carrying the
text's SHA-256, the online and paper signatories counted apart, the date and a verification code,
recorded with the SHA-256 of the file's bytes; the public check says "genuine" for that file, "not
ours or altered" for any other, shows the issued list for its code, and explains a bad upload."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from centers.tests.factories import staff_member
from core.models import ExportJob
from core.uploads import in_memory_pdf
from partnerships.models import SignatureSheet
from partnerships.services import initiative_sheets as sheets
from partnerships.services import initiatives as services
from partnerships.tests.factories_initiatives import lead_admin, published_initiative, verified_cso

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed():
    initiative = published_initiative()
    for name in ("Basra Water Forum", "Nineveh Youth Network"):
        cso, admin = verified_cso(name=name, acronym="")
        services.sign(actor=admin, initiative=initiative, organization=cso)
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    services.paper_signature_add(
        actor=staff,
        initiative=initiative,
        organization_name="Women's Union of Zakho",
        signatory_name="Hana Yousif",
        signed_on=timezone.localdate(),
        proof=in_memory_pdf(),
    )
    return initiative


def issue(client, captured, user, initiative, language="en") -> ExportJob:
    client.force_login(user)
    with translation.override(language):
        url = reverse("core:export_start", args=["partnerships-signatures"]) + f"?initiative={initiative.pk}"
    with captured(execute=True):
        response = client.post(url, {"format": "pdf"})
    assert response.status_code == 302
    job = ExportJob.objects.filter(user=user, kind="partnerships-signatures").latest("pk")
    assert response["Location"] == reverse("core:export_detail", args=[job.pk])
    return job


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_list_is_issued_in_the_background_with_the_hash_the_signatories_apart_and_a_code(
    signed, client, django_capture_on_commit_callbacks
):
    job = issue(client, django_capture_on_commit_callbacks, lead_admin(signed), signed)
    assert job.status == "done", job.error
    assert job.progress == 100 and job.filename.startswith(f"signatures-{signed.pk}-")
    content = job.file.open("rb").read()
    sheet = SignatureSheet.objects.get(initiative=signed)
    assert sheet.sha256 == hashlib.sha256(content).hexdigest()
    assert [row["kind"] for row in sheet.signatories] == ["online", "online", "paper"]
    text = text_of(content)
    assert signed.text_sha256[:20] in text.replace("\n", "")
    assert "Signed on the platform: 2 organisations" in text and "Signed on paper: 1 organisation" in text
    assert "Basra Water Forum" in text and "Women's Union of Zakho" in text
    assert sheet.code in text and "Hana Yousif" not in text


def test_the_arabic_list_reads_right_to_left(signed, client, django_capture_on_commit_callbacks, monkeypatch):
    rendered = []
    real = sheets.render_to_string
    monkeypatch.setattr(sheets, "render_to_string", lambda *a, **k: rendered.append(real(*a, **k)) or rendered[-1])
    job = issue(client, django_capture_on_commit_callbacks, lead_admin(signed), signed, language="ar")
    assert job.status == "done", job.error
    assert '<html lang="ar" dir="rtl">' in rendered[0]
    assert SignatureSheet.objects.get().code in text_of(job.file.open("rb").read())


def test_someone_who_does_not_work_on_the_initiative_gets_no_list(signed, client, django_capture_on_commit_callbacks):
    _cso, outsider = verified_cso()
    job = issue(client, django_capture_on_commit_callbacks, outsider, signed)
    assert job.status == "failed" and "not yours to issue" in job.error
    assert not SignatureSheet.objects.exists()


def verify(client, content: bytes, name="list.pdf"):
    return client.post(reverse("partnerships:initiative_verify"), {"file": SimpleUploadedFile(name, content)})


def test_the_public_check_says_genuine_for_the_file_and_altered_for_a_changed_copy(
    signed, client, django_capture_on_commit_callbacks
):
    job = issue(client, django_capture_on_commit_callbacks, lead_admin(signed), signed)
    content = job.file.open("rb").read()
    client.logout()
    genuine = verify(client, content)
    assert genuine.status_code == 200
    page = genuine.content.decode()
    assert 'data-testid="verify-genuine"' in page and "3 signatures" in page
    assert "Women&#x27;s Union of Zakho" in page
    tampered = bytearray(content)
    tampered[len(tampered) // 2] ^= 0x01
    for copy in (bytes(tampered), content + b"\n"):
        page = verify(client, copy).content.decode()
        assert 'data-testid="verify-altered"' in page and 'data-testid="verify-genuine"' not in page


def test_the_code_shows_the_issued_list_and_an_unknown_code_says_so(signed, client, django_capture_on_commit_callbacks):
    issue(client, django_capture_on_commit_callbacks, lead_admin(signed), signed)
    sheet = SignatureSheet.objects.get()
    client.logout()
    page = client.get(reverse("partnerships:initiative_verify"), {"code": f" {sheet.code.lower()} "}).content.decode()
    assert 'data-testid="verify-code-found"' in page and "Nineveh Youth Network" in page
    assert signed.text_sha256 in page
    unknown = client.get(reverse("partnerships:initiative_verify"), {"code": "NOPE"})
    assert unknown.status_code == 200 and 'data-testid="verify-unknown-code"' in unknown.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.pdf", b"<html>hello</html>", "is not a PDF file"),
        ("list.docx", b"PK\x03\x04", "are not accepted here"),
        ("list.pdf", b"", "empty"),
    ],
)
def test_a_bad_file_gets_a_clear_message_never_an_error(client, name, content, message):
    response = verify(client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_an_empty_check_asks_for_a_file_or_a_code(client):
    response = client.post(reverse("partnerships:initiative_verify"), {})
    assert response.status_code == 200
    assert "Choose the PDF file of the list, or type the code printed on it." in response.content.decode()
