"""Serving private files. Each owning app registers who may download a model's files; the download
view checks that rule on every request and answers 404 to everyone else. Links are signed and carry
the time they were made: after TATWEER_PRIVATE_FILE_LINK_MAX_AGE seconds a link no longer serves the
file (a copied or forwarded link stops working), and a permitted person is offered a fresh one."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse

SALT = "tatweer.private-file"

# rule(user, obj, field_name) -> bool
DownloadRule = Callable[[Any, Any, str], bool]

_rules: dict[str, DownloadRule] = {}


@dataclass(frozen=True)
class FileLink:
    model: str
    pk: int
    field: str
    expired: bool


def register_download_rule(model: type[models.Model], rule: DownloadRule) -> None:
    """`rule(user, obj, field_name) -> bool` decides who may download `model`'s private files."""
    _rules[model._meta.label_lower] = rule


def download_rule_for(label: str) -> DownloadRule | None:
    return _rules.get(label)


def private_file_url(obj: models.Model, field_name: str) -> str:
    """The one way to link to a private file: signed, and valid for the configured time from now."""
    token = signing.dumps({"m": obj._meta.label_lower, "pk": obj.pk, "f": field_name}, salt=SALT, compress=True)
    return reverse("core:private_file", kwargs={"token": token})


def read_token(token: str) -> FileLink | None:
    """The file a link names (marked expired when it is older than its lifetime), or None when the
    link was not made by private_file_url or was altered."""
    expired = False
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.TATWEER_PRIVATE_FILE_LINK_MAX_AGE)
    except signing.SignatureExpired:
        expired = True
        data = signing.loads(token, salt=SALT)  # the signature is good: only its age is not
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"m", "pk", "f"} <= data.keys():
        return None
    return FileLink(model=data["m"], pk=data["pk"], field=data["f"], expired=expired)
