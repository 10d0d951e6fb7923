"""Validated uploads into private storage.

A file is accepted only when its extension is allowed, its size is under the cap, and its first
bytes match what the extension claims (an HTML page renamed .pdf is refused). Stored files get
server-generated names; they are never served directly, only through core.views.private_file.
"""

import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 8192


def _is_pdf(head: bytes, _file) -> bool:
    return head.startswith(b"%PDF-")


def _is_png(head: bytes, _file) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(head: bytes, _file) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _is_webp(head: bytes, _file) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _is_ole(head: bytes, _file) -> bool:
    return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _office_zip(folder: str):
    def check(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            file.seek(0)
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)

    return check


def _is_text(head: bytes, _file) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character may be cut at the end of the sniffed block.
        return error.start >= len(head) - 3
    return True


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    content_types: tuple[str, ...]
    sniff: Callable[[bytes, Any], bool]


FILE_KINDS = {
    "pdf": FileKind("PDF", (".pdf",), ("application/pdf",), _is_pdf),
    "png": FileKind("PNG", (".png",), ("image/png",), _is_png),
    "jpeg": FileKind("JPEG", (".jpg", ".jpeg"), ("image/jpeg",), _is_jpeg),
    "webp": FileKind("WebP", (".webp",), ("image/webp",), _is_webp),
    "docx": FileKind(
        "Word",
        (".docx",),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        _office_zip("word/"),
    ),
    "xlsx": FileKind(
        "Excel", (".xlsx",), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",), _office_zip("xl/")
    ),
    "pptx": FileKind(
        "PowerPoint",
        (".pptx",),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
        _office_zip("ppt/"),
    ),
    "doc": FileKind("Word 97", (".doc",), ("application/msword",), _is_ole),
    "xls": FileKind("Excel 97", (".xls",), ("application/vnd.ms-excel",), _is_ole),
    "csv": FileKind("CSV", (".csv",), ("text/csv",), _is_text),
    "xml": FileKind("XML", (".xml",), ("application/xml",), _is_text),
}
IMAGE_KINDS = ("png", "jpeg", "webp")
DOCUMENT_KINDS = ("pdf", "docx", "doc", "png", "jpeg")


@deconstructible
class UploadValidator:
    """Checks extension, size and content. Messages name the allowed types and the limit."""

    def __init__(self, kinds=DOCUMENT_KINDS, max_bytes=None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)

    def allowed_labels(self) -> str:
        return ", ".join(FILE_KINDS[k].label for k in self.kinds)

    def limit(self) -> int:
        return self.max_bytes or settings.UPLOAD_MAX_BYTES

    def __call__(self, file):
        extension = os.path.splitext(file.name or "")[1].lower()
        kind = next((FILE_KINDS[k] for k in self.kinds if extension in FILE_KINDS[k].extensions), None)
        if kind is None:
            raise ValidationError(
                _("Files of type “%(extension)s” are not accepted here. Allowed types: %(allowed)s."),
                code="extension",
                params={"extension": extension or "?", "allowed": self.allowed_labels()},
            )
        if file.size is not None and file.size > self.limit():
            raise ValidationError(
                _("This file is %(size)s; the largest accepted is %(limit)s."),
                code="size",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(self.limit())},
            )
        if file.size == 0:
            raise ValidationError(_("This file is empty."), code="empty")
        file.seek(0)
        head = file.read(SNIFF_BYTES)
        file.seek(0)
        if not kind.sniff(head, file):
            raise ValidationError(
                _("This file is named %(extension)s but its content is not a %(kind)s file."),
                code="content",
                params={"extension": extension, "kind": kind.label},
            )


def private_storage():
    return storages["private"]


def private_upload_to(instance, filename: str) -> str:
    """A server-generated name: the person's file name is kept only in the model, never on disk."""
    extension = os.path.splitext(filename)[1].lower()
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class PrivateFileField(models.FileField):
    """A FileField in private storage, validated by kind and size."""

    def __init__(self, *args, kinds=DOCUMENT_KINDS, max_bytes=None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        kwargs.setdefault("upload_to", private_upload_to)
        kwargs.setdefault("max_length", 255)
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)
        self.validators.append(UploadValidator(self.kinds, self.max_bytes))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        kwargs["kinds"] = self.kinds
        if self.max_bytes:
            kwargs["max_bytes"] = self.max_bytes
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # forwards Django's arguments as they come
        accept = ",".join(ext for k in self.kinds for ext in FILE_KINDS[k].extensions)
        field = super().formfield(**kwargs)
        if field is not None:
            field.widget.attrs.setdefault("accept", accept)
        return field


def content_type_for(name: str) -> str:
    extension = os.path.splitext(name)[1].lower()
    for kind in FILE_KINDS.values():
        if extension in kind.extensions:
            return kind.content_types[0]
    return "application/octet-stream"


def in_memory_pdf(name: str = "document.pdf"):
    """A minimal valid PDF upload, for services that need a file (demo data and tests)."""
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
