"""Guards for the message catalogues."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("accounts", "centers", "core", "grants", "legal_aid", "notifications", "organizations", "trainings")


def test_translation_functions_are_imported_under_names_makemessages_knows():
    """makemessages extracts `_`, `gettext_lazy`, `pgettext_lazy`…; a string marked through another
    alias (`gettext_lazy as _lazy`) never reaches the catalogues and stays in English."""
    alias = re.compile(r"import (?:gettext|gettext_lazy|pgettext|pgettext_lazy|ngettext|ngettext_lazy) as (\w+)")
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in SOURCE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        for name in alias.findall(path.read_text(encoding="utf-8"))
        if name != "_"
    ]
    assert offenders == []


def test_every_message_is_translated_in_arabic_and_kurdish():
    for language in ("ar", "ckb"):
        catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
        assert missing == [], (language, missing[:5])
