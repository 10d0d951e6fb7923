"""Regenerates the message catalogues: `make messages`.

1. `makemessages` extracts the project's own strings into locale/{ar,ckb}/LC_MESSAGES/django.po.
2. django-allauth ships Arabic but not Central Kurdish, and its Arabic misses some strings. The
   project keeps those translations in locale/<lang>/allauth.po (msgids taken from allauth's own
   catalogue, for the parts of allauth in use: accounts and MFA); this step refreshes that file's list
   of msgids from the installed allauth, keeping the translations already made, and merges it into
   django.po, where the project's catalogue takes precedence over allauth's.
"""

import os
import sys
from pathlib import Path

import allauth
import django
import polib
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "ckb")
ALLAUTH_PARTS = ("account/", "mfa/", "templates/account/", "templates/mfa/", "templates/allauth/", "core/", "utils")
PLURALS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "ckb": "nplurals=2; plural=(n != 1);",
}


def allauth_entries():
    source = polib.pofile(str(Path(allauth.__file__).parent / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    for entry in source:
        if any(path.startswith(ALLAUTH_PARTS) for path, _ in entry.occurrences):
            yield entry


def refresh_supplement(language: str) -> polib.POFile:
    """locale/<lang>/allauth.po: allauth's msgids in use, with the project's translations."""
    path = ROOT / "locale" / language / "allauth.po"
    existing = polib.pofile(str(path)) if path.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in existing}
    supplement = polib.POFile()
    supplement.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": language,
        "Plural-Forms": PLURALS[language],
    }
    for source in allauth_entries():
        if language == "ar" and source.translated() and (source.msgctxt, source.msgid) not in known:
            continue  # allauth's own Arabic is used
        entry = polib.POEntry(
            msgid=source.msgid,
            msgctxt=source.msgctxt,
            msgid_plural=source.msgid_plural,
            occurrences=source.occurrences[:1],
            flags=[f for f in source.flags if f != "fuzzy"],
        )
        old = known.get((source.msgctxt, source.msgid))
        if old is not None:
            entry.msgstr = old.msgstr
            entry.msgstr_plural = dict(old.msgstr_plural)
        elif source.msgid_plural:
            nplurals = int(PLURALS[language].split(";")[0].split("=")[1])
            entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
        supplement.append(entry)
    if len(supplement) or path.exists():
        supplement.save(str(path))
    return supplement


def merge(language: str, supplement: polib.POFile) -> None:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    catalogue.metadata.update(
        {
            "Project-Id-Version": "Tatweer",
            "Language": language,
            "Language-Team": f"Tatweer {language}",
            "Last-Translator": "Tatweer team",
            "Plural-Forms": PLURALS[language],
        }
    )
    catalogue.metadata.setdefault("PO-Revision-Date", "2026-11-28 00:00+0000")
    catalogue.metadata_is_fuzzy = False
    present = {(e.msgctxt, e.msgid) for e in catalogue}
    for entry in supplement:
        if (entry.msgctxt, entry.msgid) not in present:
            catalogue.append(entry)
    catalogue.save(str(path))


def main() -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tatweer.settings.local")
    django.setup()
    call_command(
        "makemessages",
        locale=list(LANGUAGES),
        ignore_patterns=[".venv/*", "staticfiles/*", "node_modules/*", "tests/*"],
        add_location="file",
        no_obsolete=True,
    )
    for language in LANGUAGES:
        merge(language, refresh_supplement(language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
