"""The kinds of notification. Apps register theirs from AppConfig.ready(): a label for the
preferences page and the templates that render subject and body in the recipient's language."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Kind:
    key: str
    label: "StrOrPromise"
    subject_template: str
    body_template: str
    email_default: bool = True


_kinds: dict[str, Kind] = {}


def register(
    *, key: str, label: "StrOrPromise", subject_template: str, body_template: str, email_default: bool = True
) -> None:
    _kinds[key] = Kind(key, label, subject_template, body_template, email_default)


def get(key: str) -> Kind:
    return _kinds[key]


def all_kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda k: k.key)
