"""Hostile values for tests/test_fuzz.py, and a reader of the forms a page offers.

The corpus is fixed (no Hypothesis): the values that broke, or could break, a Django form, a query
or PostgreSQL. Sending every value to every field would mean tens of thousands of requests (the grant
call form alone has over a hundred fields), so each field receives the values that can hurt a field
of its kind (`values_for`): a few it always gets ("core") and two of the others of its kind, a
different two for each field of a form (`rotate`; one in forms of over LONG_FORM fields), so each
form still receives its kind's whole list:

- NUL and other control characters are refused by one mechanism for every field
  (core.middleware.InvalidInputMiddleware): they go to the first field of each form and filter,
  which proves the mechanism answers for that page, not each field again;
- text: always the 100,000-character string, a list value (the same key twice) and the empty value;
  in rotation the script, SQL, path, percent, right-to-left, Arabic, Kurdish, emoji, "[]" and "{}";
- numbers (and choices whose options are ids): always the 5,000-digit number, 1e309, NaN, a
  26-digit number and -0.0000001; in rotation -1, 0, SQL, a list value, empty, "[]", "{}";
- dates and times: always 9999-12-31, 0001-01-01 and 2026-02-30; in rotation huge numbers, NaN,
  -1, Arabic text, a list value, empty, "[]", "{}";
- choices: always a path, the 5,000-digit number and a list value; the rest in rotation;
- checkboxes: a path and a list value, and one of a huge number, empty, "{}";
- files: a string instead of a file, a file named ../../etc/passwd, a right-to-left file name;
- the Arabic and Kurdish copies of a translated field (title_ar, title_ckb): one value each, in
  rotation, since they share the English field's type and validation;
- formsets: MIN_NUM_FORMS and MAX_NUM_FORMS (which Django ignores) one value; TOTAL_FORMS inflated (100000 and a 26-digit number), -1, huge, NaN and twice; of the
  rows, only the first row's fields (see `Form.fuzzable_fields`).
"""

import re
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

LONG = "x" * 100_000
HUGE_NUMBER = "9" * 5_000
ARABIC = "منظمة المجتمع المدني في البصرة"
KURDISH = "ڕێکخراوی کۆمەڵگەی مەدەنی لە هەولێر"
EMOJI = "🤝🏽🌍✊"
RTL_OVERRIDE = "\u202eevil.exe"

#: The whole corpus, as the brief lists it. A list value (the same key twice) and the empty value
#: are built per field from the field's own valid value (see `hostile_values`).
CONTROL = ["\x00", "a\x00b"]
TEXT = [
    LONG,
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    ARABIC,
    KURDISH,
    EMOJI,
    RTL_OVERRIDE,
]
NUMBER = ["-1", "0", "99999999999999999999999999", "1e309", "NaN", "-0.0000001", HUGE_NUMBER, "' OR 1=1 --"]
DATE = ["9999-12-31", "0001-01-01", "2026-02-30", "99999999999999999999999999", "NaN", "-1"]
CHOICE = ["../../etc/passwd", "-1", "99999999999999999999999999", HUGE_NUMBER, "NaN", ARABIC]
TYPES = ["[]", "{}"]
CORPUS = [*CONTROL, *TEXT, *NUMBER, *DATE, *CHOICE, *TYPES]

#: How many of a field kind's other values each field receives (see `rotate`).
ROTATING = 2

LONG_FORM = 40

#: Inflated formset counts (the grant call form took over 40 s with them before absolute_max).
INFLATED_COUNTS = ["100000", "99999999999999999999999999"]

DATE_TYPES = {"date", "datetime-local", "time", "month", "week"}
NUMBER_TYPES = {"number", "range"}
TEXT_TYPES = {"text", "textarea", "search", "email", "url", "tel", "password", "color", ""}
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
TRANSLATION = re.compile(r"_(ar|ckb)$")
FORMSET_ROW = re.compile(r"^(?P<prefix>.+)-(?P<index>\d+)-[^-]+$")


def placeholder(kind: str, name: str) -> str:
    """A valid-looking value for an empty field of this kind."""
    if kind == "email" or "email" in name:
        return "fuzz@example.org"
    return {
        "date": "2026-06-15",
        "datetime-local": "2026-06-15T10:00",
        "time": "10:00",
        "month": "2026-06",
        "number": "1",
        "range": "1",
        "url": "https://example.org/",
        "tel": "+9647501234567",
        "password": "Fuzz-Pass-90210",
    }.get(kind, "Fuzz value")


class Field:
    def __init__(self, name, kind, value, options=(), multiple=False):
        self.name = name
        self.kind = kind  # an input's type, "select", "textarea" or "button"
        self.value = value  # the valid-looking value (a list for multiple selects)
        self.options = list(options)
        self.multiple = multiple

    @property
    def numeric(self) -> bool:
        if self.kind in NUMBER_TYPES or self.name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            return True
        values = [o for o in self.options if o] or ([self.value] if isinstance(self.value, str) else [])
        return bool(values) and all(v.isdigit() for v in values)

    def __repr__(self):
        return f"Field({self.name!r}, {self.kind!r})"


class Form:
    def __init__(self, method, action, enctype):
        self.method = method
        self.action = action
        self.multipart = enctype == "multipart/form-data"
        self.fields: list[Field] = []

    def field(self, name):
        return next((f for f in self.fields if f.name == name), None)

    def valid_data(self) -> dict:
        """The page's own values: what a person submitting the form unchanged would send."""
        data = {}
        for f in self.fields:
            if f.kind == "file" or f.value is None:
                continue
            if f.name in data:  # checkboxes of one multiple choice
                existing = data[f.name] if isinstance(data[f.name], list) else [data[f.name]]
                data[f.name] = existing + (f.value if isinstance(f.value, list) else [f.value])
            else:
                data[f.name] = f.value
        return data

    def fuzzable_fields(self) -> list[Field]:
        """Each field once; of a formset, the management form and the fields of its first row only
        (every row is the same form class: fuzzing one row of it reaches the same code, and an
        inflated TOTAL_FORMS covers the number of rows)."""
        seen, first_rows, fields = set(), {}, []
        for f in self.fields:
            if f.name in seen or f.name in SKIPPED_FIELDS or "__prefix__" in f.name:
                continue
            row = FORMSET_ROW.match(f.name)
            if row and first_rows.setdefault(row["prefix"], row["index"]) != row["index"]:
                continue
            seen.add(f.name)
            fields.append(f)
        return fields

    def signature(self):
        return (self.method, tuple(sorted({f.name for f in self.fields} - SKIPPED_FIELDS)))


class FormParser(HTMLParser):
    """Every <form> of a page with its inputs, selects, textareas and named buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form((a.get("method") or "get").lower(), a.get("action") or "", a.get("enctype"))
            self.forms.append(self._form)
            return
        if self._form is None or a.get("disabled") is not None and tag != "option":
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                value = a.get("value", "on") if "checked" in a else None
                existing = self._form.field(name) if kind == "radio" else None
                if existing is not None:
                    existing.options.append(a.get("value", "on"))
                    if value is not None:
                        existing.value = value
                    return
                field = Field(name, kind, value, options=[a.get("value", "on")])
            elif kind == "file":
                field = Field(name, kind, None)
            else:
                field = Field(name, kind, a.get("value") or (placeholder(kind, name) if kind != "hidden" else ""))
            self._form.fields.append(field)
        elif tag == "button" and name:
            self._form.fields.append(Field(name, "button", a.get("value", "")))
        elif tag == "select" and name:
            self._select = Field(name, "select", None, multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = [value, "selected" in a, ""]
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea", "")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._close_option()
            select = self._select
            if select.value is None:
                first = next((o for o in select.options if o), None)
                select.value = ([first] if first else []) if select.multiple else (first or "")
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if not self._textarea.value.strip():
                self._textarea.value = "Fuzz text"
            self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._form = None

    def _close_option(self):
        value, selected, text = self._option
        value = text.strip() if value is None else value
        select = self._select
        select.options.append(value)
        if selected:
            if select.multiple:
                select.value = [*(select.value or []), value]
            else:
                select.value = value
        self._option = None


def forms_of(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def rotate(values: list, index: int, count: int = ROTATING) -> list:
    """`count` of `values`, a different pair for each field of a form: a form of a few fields
    receives all of them, one field at a time."""
    if len(values) <= count:
        return list(values)
    return [values[(index * count + i) % len(values)] for i in range(count)]


def values_for(field: Field, index: int, form: Form | None = None) -> list:
    """The hostile values the `index`-th field of a form receives (see the module's docstring)."""
    # A long form (the grant call's, over 80 fields) covers its kinds' lists with one value per field.
    count = 1 if form is not None and len(form.fuzzable_fields()) > LONG_FORM else ROTATING
    valid = field.value if isinstance(field.value, str) else (field.value[0] if field.value else "1")
    twice = [valid or "1", "x"]  # the same key twice
    control = CONTROL if index == 0 else []
    if field.name.endswith(("-MIN_NUM_FORMS", "-MAX_NUM_FORMS")):  # read, and ignored, by Django
        return rotate([HUGE_NUMBER, "NaN", "-1"], index, 1)
    if TRANSLATION.search(field.name) and form is not None and form.field(TRANSLATION.sub("_en", field.name)):
        # The Arabic and Kurdish copies of a translated field (modeltranslation): the same column
        # type and validation as its English field, which gets the whole text list.
        return rotate([LONG, ARABIC, KURDISH, EMOJI, RTL_OVERRIDE, twice], index, 1)
    if field.kind == "file":
        return [
            "not a file",
            SimpleUploadedFile("../../etc/passwd", b"\x00" * 16),
            SimpleUploadedFile(RTL_OVERRIDE + ".pdf", b"%PDF-1.4 fuzz"),
            *rotate([SimpleUploadedFile("x" * 300 + ".pdf", b"%PDF-1.4 fuzz"), HUGE_NUMBER, ""], index, 1),
        ]
    if field.name.endswith("-TOTAL_FORMS"):
        return [*control, *INFLATED_COUNTS, "-1", HUGE_NUMBER, "NaN", twice]
    if field.kind in DATE_TYPES:
        core = ["9999-12-31", "0001-01-01", "2026-02-30"]
        rest = ["99999999999999999999999999", HUGE_NUMBER, "NaN", "-1", ARABIC, twice, "", *TYPES]
    elif field.numeric:
        core = [HUGE_NUMBER, "1e309", "NaN", "99999999999999999999999999", "-0.0000001"]
        rest = ["-1", "0", "' OR 1=1 --", twice, "", *TYPES]
    elif field.kind == "checkbox":  # a yes/no or one of a few ids: a wrong value, two values, none
        core, rest = ["../../etc/passwd", twice], [HUGE_NUMBER, "", "{}"]
        return [*control, *core, *rotate(rest, index, 1)]
    elif field.kind in {"select", "radio", "button"}:
        core = ["../../etc/passwd", HUGE_NUMBER, twice]
        rest = ["-1", "99999999999999999999999999", "NaN", ARABIC, "", *TYPES]
    else:
        core = [LONG, twice, ""]
        rest = [v for v in TEXT if v != LONG] + TYPES
    return [*control, *core, *rotate(rest, index, count)]
