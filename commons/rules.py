"""Rules of the platform that need no database: the sanitiser of rich text, when an entry waits for
review, and the language a reader is shown."""

import datetime as dt
import re
from typing import TYPE_CHECKING

import nh3
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from commons.models import Entry

# What an entry's text may hold: paragraphs, headings, lists, emphasis, quotes, tables and links.
# Everything else (scripts, styles, event handlers, iframes, images from elsewhere) is removed by
# nh3 (the Rust "ammonia" sanitiser); links get rel="noopener noreferrer nofollow".
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "u", "blockquote", "a",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan"}, "p": {"dir"}}
URL_SCHEMES = {"http", "https", "mailto"}

# A CSO's first entries, and any entry by an account younger than this, wait for review.
REVIEWED_FIRST_ENTRIES = 2
NEW_ACCOUNT_DAYS = 30
REPORTS_TO_HIDE = 3

# The reader's language first, then this order (Kurdish readers read Arabic more often than English).
FALLBACK = {"ckb": ("ckb", "ar", "en"), "ar": ("ar", "en", "ckb"), "en": ("en", "ar", "ckb")}

# Search forgives how Arabic script was typed: one letter as an Arabic, a Persian or a Kurdish
# keyboard gives it, an alef with or without hamza or madda, a taa marbuta typed as heh, the vowel
# marks, the tatweel and the zero-width non-joiner (older Kurdish text writes ە as ه and a ZWNJ),
# and Arabic-Indic digits. Kurdish letters with a sound of their own (ڕ ڵ ێ ۆ ڤ پ چ ژ گ) are kept:
# they tell words apart. One character becomes one character or none. Both the query and the text
# are folded, from this one table: in Python (normalise) and in PostgreSQL (translate(), see
# commons.selectors.Normalised). Latin keeps its case-insensitive match.
SEARCH_FOLDS: dict[str, str] = {
    **dict.fromkeys("أإآٱ", "ا"),  # alef with hamza above or below, with madda, wasla
    "ة": "ه",  # taa marbuta
    **dict.fromkeys("ەھۀ", "ه"),  # Sorani ae (U+06D5), heh doachashmee (U+06BE), heh with yeh above
    **dict.fromkeys("ىی", "ي"),  # alef maqsura, Persian and Kurdish yeh (U+06CC)
    "ک": "ك",  # keheh, the Persian and Kurdish kaf (U+06A9)
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # Extended (Persian, Kurdish) digits
    **dict.fromkeys(map(chr, range(0x064B, 0x0653)), ""),  # tashkeel: tanwin, harakat, shadda, sukun
    "\u0670": "",  # superscript alef
    "\u0640": "",  # tatweel
    "\u200c": "",  # zero-width non-joiner
}
SEARCH_TABLE = str.maketrans(SEARCH_FOLDS)


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


DANGEROUS = re.compile(r"<\s*(script|style|iframe|object|embed|form)\b|\son\w+\s*=|javascript\s*:", re.IGNORECASE)


def dangerous_markup(html: str) -> bool:
    """Whether the text holds what the sanitiser would strip as unsafe (a script, a style, a frame, an
    event handler, a javascript: link): the form then shows the cleaned text and says why, rather
    than saving something other than what the person saw."""
    return bool(DANGEROUS.search(html or ""))


def needs_review(*, published_by_organization: int, account_joined: dt.datetime, now: dt.datetime) -> bool:
    """A CSO's first entries and every entry by a new account are reviewed before they are shown."""
    new_account = now - account_joined < dt.timedelta(days=NEW_ACCOUNT_DAYS)
    return new_account or published_by_organization < REVIEWED_FIRST_ENTRIES


def normalise(text: str) -> str:
    """The text as search compares it (SEARCH_FOLDS applied)."""
    return (text or "").translate(SEARCH_TABLE)


def search_translate_arguments() -> tuple[str, str]:
    """SEARCH_FOLDS as PostgreSQL's translate(text, from, to) takes it: each character of `from`
    becomes the one at the same place in `to`; those past its end are removed."""
    kept = [(letter, folded) for letter, folded in SEARCH_FOLDS.items() if folded]
    removed = [letter for letter, folded in SEARCH_FOLDS.items() if not folded]
    return "".join(letter for letter, _folded in kept) + "".join(removed), "".join(f for _l, f in kept)


def reading_order(language: str) -> tuple[str, ...]:
    return FALLBACK.get(language, FALLBACK["en"])


def chosen_language(reader: str, original: str, translated: set[str]) -> str:
    """The language the reader is shown an entry in: hers if it exists, else the first of the
    fallback order that does."""
    available = {original, *translated}
    return next((code for code in reading_order(reader) if code in available), original)


def submit_problems(entry: "Entry") -> dict[str, str]:
    """What an entry lacks before it can be shown: the fields its type asks for."""
    required = {"title": entry.title, "summary": entry.summary}
    if entry.kind == "tool":
        required |= {"purpose": entry.purpose, "licence": entry.licence}
    elif entry.kind == "practice":
        required |= {"problem": entry.problem, "approach": entry.approach, "lessons": entry.lessons}
    else:
        required |= {"body": entry.body}
    return {name: _("This is needed before the entry is published.") for name, value in required.items() if not value}
