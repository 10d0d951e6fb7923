"""Serving private files. Each owning app registers who may download a model's files; the download
view checks that rule on every request and answers 404 to everyone else."""

from collections.abc import Callable

from django.core import signing
from django.urls import reverse

SALT = "tatweer.private-file"

_rules: dict[str, Callable] = {}


def register_download_rule(model, rule: Callable) -> None:
    """`rule(user, obj, field_name) -> bool` decides who may download `model`'s private files."""
    _rules[model._meta.label_lower] = rule


def download_rule_for(label: str) -> Callable | None:
    return _rules.get(label)


def private_file_url(obj, field_name: str) -> str:
    token = signing.dumps({"m": obj._meta.label_lower, "pk": obj.pk, "f": field_name}, salt=SALT, compress=True)
    return reverse("core:private_file", kwargs={"token": token})


def read_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"m", "pk", "f"} <= data.keys():
        return None
    return data
