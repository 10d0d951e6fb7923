import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.uploads import UploadValidator
from tests.testapp.forms import AttachmentForm

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_real_pdf_is_accepted():
    UploadValidator(("pdf",))(SimpleUploadedFile("report.PDF", PDF))


def test_a_real_word_document_is_accepted():
    UploadValidator(("docx",))(SimpleUploadedFile("bylaws.docx", docx_bytes()))


def test_an_html_page_named_pdf_is_refused_with_a_reason():
    with pytest.raises(ValidationError) as refused:
        UploadValidator(("pdf",))(SimpleUploadedFile("invoice.pdf", b"<html><script>alert(1)</script></html>"))
    assert refused.value.code == "content"
    assert "not a PDF file" in refused.value.messages[0]


def test_a_zip_named_docx_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    with pytest.raises(ValidationError) as refused:
        UploadValidator(("docx",))(SimpleUploadedFile("bylaws.docx", buffer.getvalue()))
    assert refused.value.code == "content"


def test_an_extension_that_is_not_allowed_is_refused_naming_the_allowed_types():
    with pytest.raises(ValidationError) as refused:
        UploadValidator(("pdf", "png"))(SimpleUploadedFile("tool.exe", b"MZ\x90\x00"))
    assert refused.value.code == "extension"
    assert "PDF, PNG" in refused.value.messages[0]


def test_an_oversized_file_is_refused_naming_the_limit():
    with pytest.raises(ValidationError) as refused:
        UploadValidator(("pdf",), max_bytes=1024)(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert refused.value.code == "size"
    assert "1.0\xa0KB" in refused.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        UploadValidator(("pdf",))(SimpleUploadedFile("empty.pdf", b""))
    assert refused.value.code == "empty"


@pytest.mark.django_db
def test_the_form_shows_the_refusal_in_the_users_language():
    with translation.override("ar"):
        form = AttachmentForm(files={"file": SimpleUploadedFile("cv.pdf", b"<html></html>")})
        assert not form.is_valid()
        message = form.errors["file"][0]
    assert "PDF" in message
    assert "content is not" not in message  # translated, not the English text


@pytest.mark.django_db
def test_stored_files_get_server_generated_names(user):
    form = AttachmentForm(files={"file": SimpleUploadedFile("../../etc/passwd.png", PNG)})
    assert form.is_valid(), form.errors
    attachment = form.save(commit=False)
    attachment.owner = user
    attachment.save()
    assert attachment.file.name.startswith("testapp/")
    assert "passwd" not in attachment.file.name
    assert attachment.file.name.endswith(".png")
