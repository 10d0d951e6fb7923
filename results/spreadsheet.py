"""The programme's logframe as a spreadsheet, down and back up.

`logframe_workbook(logframe)` writes three sheets: "Results" (the results chain, parents before
children), "Indicators" (one "target P<n>" column per reporting period) and "Codes" (the codes each
column accepts; it is not read back). Cells hold codes (level, unit, direction...), so what is
downloaded uploads unchanged.

`read_upload(logframe, file)` reads an uploaded workbook, bounded (an XLSX of at most 5 MB, at most
500 rows per sheet), and reports each row as new, changed (which columns) or unchanged, with its
problems; nothing is saved. A column left out of the file leaves that field as it is, and rows left
out of the file are left as they are: an upload never deletes. `apply_upload(actor, logframe,
preview)` saves a preview without problems in one transaction through the services (results before
indicators, parents before children), refusing when the logframe changed since the preview.
"""

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from accounts.models import User
from core import measures
from core.uploads import UploadValidator
from results.models import Cumulation, Direction, Indicator, Level, Logframe, Node, Period, Target, Unit
from results.rules.logframe import parent_problem
from results.services.logframe import indicator_problems, indicator_save, node_save

LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
RESULTS_SHEET, INDICATORS_SHEET, CODES_SHEET = "Results", "Indicators", "Codes"

MAX_ROWS = 500  # per sheet, below the header
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # an XLSX is a zip: what its parts take once decompressed
MAX_COLUMNS = 80
MAX_PROBLEMS = 500  # listed; beyond that only their number is given
LEVEL_ORDER = [Level.IMPACT, Level.OUTCOME, Level.OUTPUT, Level.ACTIVITY]
TARGET_HEADER = re.compile(r"^target\s*p(\d{1,4})$", re.IGNORECASE)


def _translated(*names: str) -> list[str]:
    return [f"{name}_{language}" for name in names for language in LANGUAGES]


NODE_TEXT = _translated("title", "description", "assumptions")
RESULT_COLUMNS = ["code", "parent code", "level", *NODE_TEXT, "position"]
RESULT_REQUIRED = ["code", "parent code", "level", f"title_{LANGUAGES[0]}"]
INDICATOR_HEAD = ["code", "result code", *_translated("name", "definition"), "unit", "direction", "baseline"]
INDICATOR_HEAD.append("baseline year")
INDICATOR_TAIL = ["final target", *_translated("means_of_verification"), "measure", "cumulation", "disaggregations"]
INDICATOR_TEXT = _translated("name", "definition", "means_of_verification")
INDICATOR_REQUIRED = ["code", "result code", f"name_{LANGUAGES[0]}", "unit"]
INDICATOR_DECIMALS = {"baseline": "baseline", "final target": "final_target"}
INDICATOR_CODES = {"unit": Unit, "direction": Direction, "cumulation": Cumulation}
MAX_LENGTH = {"code": 20, "title": 300, "name": 300, "measure": 64}
BIGGEST = Decimal("1e12")  # the decimal fields hold 14 digits, two after the point


def target_header(number: int) -> str:
    return f"target P{number}"


def indicator_columns(periods: list[Period]) -> list[str]:
    return [*INDICATOR_HEAD, *(target_header(p.number) for p in periods), *INDICATOR_TAIL]


# The logframe as it is now ------------------------------------------------------------------------


@dataclass
class State:
    """The logframe's results, indicators, targets and periods, read in four queries; its hash tells
    whether anything changed between a preview and its confirmation."""

    nodes: dict[str, dict[str, Any]]
    indicators: dict[str, dict[str, Any]]
    targets: dict[str, dict[int, Decimal]]  # indicator code -> {period number: value}
    periods: dict[int, Period]

    @classmethod
    def load(cls, logframe: Logframe) -> "State":
        node_fields = ["pk", "code", "parent__code", "level", *NODE_TEXT, "position"]
        nodes = {n["code"]: n for n in Node.objects.filter(logframe=logframe).values(*node_fields)}
        indicator_fields = [
            "pk",
            "code",
            "node__code",
            *INDICATOR_TEXT,
            "unit",
            "direction",
            "baseline",
            "baseline_year",
            "final_target",
            "measure",
            "filters",
            "cumulation",
            "disaggregations",
            "position",
        ]
        indicators = {i["code"]: i for i in Indicator.objects.filter(logframe=logframe).values(*indicator_fields)}
        targets: dict[str, dict[int, Decimal]] = {}
        rows = Target.objects.filter(indicator__logframe=logframe).values_list(
            "indicator__code", "period__number", "value"
        )
        for code, number, value in rows:
            targets.setdefault(code, {})[number] = value
        periods = {p.number: p for p in logframe.periods.order_by("number")}
        return cls(nodes=nodes, indicators=indicators, targets=targets, periods=periods)

    def fingerprint(self) -> str:
        data = {
            "nodes": self.nodes,
            "indicators": self.indicators,
            "targets": {code: {str(n): str(v) for n, v in t.items()} for code, t in self.targets.items()},
            "periods": [(p.pk, p.number) for p in self.periods.values()],
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    def nodes_in_tree_order(self) -> list[dict[str, Any]]:
        """Parents before their children, siblings by position and code."""
        children: dict[str | None, list[dict[str, Any]]] = {}
        for node in self.nodes.values():
            children.setdefault(node["parent__code"], []).append(node)
        ordered: list[dict[str, Any]] = []

        def walk(parent: str | None) -> None:
            for node in sorted(children.get(parent, []), key=lambda n: (n["position"], n["code"])):
                ordered.append(node)
                walk(node["code"])

        walk(None)
        return ordered


# Download -----------------------------------------------------------------------------------------


def _sheet(workbook: Workbook, title: str, header: list[str]) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    return sheet


def _codes_sheet(workbook: Workbook, periods: list[Period]) -> None:
    sheet = _sheet(workbook, CODES_SHEET, ["column", "code", "meaning"])
    with translation.override("en"):
        for column, choices in (("level", Level), ("unit", Unit), ("direction", Direction)):
            for code, label in choices.choices:
                sheet.append([column, code, str(label)])
        for code, label in Cumulation.choices:
            sheet.append(["cumulation", code, str(label)])
        for measure in sorted(measures.all_measures(), key=lambda m: m.code):
            sheet.append(["measure", measure.code, str(measure.label)])
        for dimension in sorted(measures.all_dimensions(), key=lambda d: d.code):
            sheet.append(["disaggregations", dimension.code, str(dimension.label)])
        for period in periods:
            sheet.append([target_header(period.number), period.number, str(period)])


def logframe_workbook(logframe: Logframe) -> bytes:
    state = State.load(logframe)
    periods = list(state.periods.values())
    workbook = Workbook()
    workbook.remove(cast(Worksheet, workbook.active))
    results = _sheet(workbook, RESULTS_SHEET, RESULT_COLUMNS)
    order: dict[str, int] = {}
    for node in state.nodes_in_tree_order():
        order[node["code"]] = len(order)
        results.append(
            [node["code"], node["parent__code"] or "", node["level"], *(node[c] or "" for c in NODE_TEXT)]
            + [node["position"]]
        )
    sheet = _sheet(workbook, INDICATORS_SHEET, indicator_columns(periods))
    ordered = sorted(state.indicators.values(), key=lambda i: (order.get(i["node__code"], 0), i["position"], i["code"]))
    for item in ordered:
        targets = state.targets.get(item["code"], {})
        sheet.append(
            [item["code"], item["node__code"], *(item[c] or "" for c in _translated("name", "definition"))]
            + [item["unit"], item["direction"], item["baseline"], item["baseline_year"]]
            + [targets.get(p.number) for p in periods]
            + [item["final_target"], *(item[c] or "" for c in _translated("means_of_verification"))]
            + [item["measure"], item["cumulation"], ",".join(item["disaggregations"])]
        )
    _codes_sheet(workbook, periods)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The preview --------------------------------------------------------------------------------------


@dataclass
class RowReport:
    sheet: str
    row: int
    code: str
    status: str = "unchanged"  # new, changed, unchanged or error
    changed: list[str] = field(default_factory=list)  # the columns that differ
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)

    def error(self, column: str, message: str) -> None:
        self.errors.append((column, str(message)))
        self.status = "error"


@dataclass
class Preview:
    logframe: int
    fingerprint: str
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    rows: list[RowReport] = field(default_factory=list)
    nodes: list[dict[str, Any]] = field(default_factory=list)  # changes to save, parents first
    indicators: list[dict[str, Any]] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(len(r.errors) for r in self.rows)

    @property
    def ok(self) -> bool:
        """Nothing stands in the way, and there is something to save."""
        return not self.error_count and bool(self.nodes or self.indicators)

    def count(self, sheet: str, status: str) -> int:
        return sum(1 for r in self.rows if r.sheet == sheet and r.status == status)

    def summary(self) -> dict[str, dict[str, int]]:
        return {
            sheet: {s: self.count(sheet, s) for s in ("new", "changed", "unchanged", "error")}
            for sheet in (RESULTS_SHEET, INDICATORS_SHEET)
        }

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "Preview":
        data = json.loads(text)
        rows = [RowReport(**{**r, "errors": [tuple(e) for e in r["errors"]]}) for r in data.pop("rows")]
        return cls(rows=rows, **data)


class Refused(ValueError):
    """The file as a whole cannot be read; the message says why."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet_rows(workbook: Any, title: str) -> list[list[str]]:
    """The header and the data rows of a sheet, every cell as text; refused beyond the bounds."""
    if title not in workbook.sheetnames:
        raise Refused(_("The workbook has no sheet “%(sheet)s”.") % {"sheet": title})
    sheet = workbook[title]
    too_large = Refused(
        _("The sheet “%(sheet)s” is too large: at most %(rows)d rows and %(columns)d columns.")
        % {"sheet": title, "rows": MAX_ROWS, "columns": MAX_COLUMNS}
    )
    # The sheet's own dimension says how far its cells reach; the reading is bounded too, so a
    # missing or forged dimension cannot make openpyxl pad rows and columns for ever.
    if (sheet.max_row or 0) > MAX_ROWS + 1 or (sheet.max_column or 0) > MAX_COLUMNS:
        raise too_large
    rows = []
    for raw in sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1, values_only=True):
        row = [_cell(v) for v in raw]
        while row and not row[-1]:
            row.pop()
        if len(row) > MAX_COLUMNS:
            raise too_large
        rows.append(row)
    if len(rows) > MAX_ROWS + 1:
        raise too_large
    return rows


def _read_workbook(upload: Any) -> tuple[list[list[str]], list[list[str]]]:
    try:
        UploadValidator(("xlsx",), max_bytes=MAX_BYTES)(upload)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            if sum(part.file_size for part in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise Refused(_("The file is too large once unpacked."))
        upload.seek(0)
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        if isinstance(error, Refused):
            raise
        raise Refused(_("The file could not be read. Upload the logframe workbook, saved as XLSX.")) from error
    try:
        return _sheet_rows(workbook, RESULTS_SHEET), _sheet_rows(workbook, INDICATORS_SHEET)
    finally:
        workbook.close()


def _columns(rows: list[list[str]], sheet: str, known: list[str], required: list[str]) -> dict[str, int]:
    """Header -> column index; refused for an unknown or a missing column."""
    header = [h.strip().lower() for h in rows[0]] if rows else []
    columns: dict[str, int] = {}
    by_lower = {k.lower(): k for k in known}
    for index, heading in enumerate(header):
        if not heading:
            continue
        if heading not in by_lower and TARGET_HEADER.match(heading) and sheet == INDICATORS_SHEET:
            raise Refused(
                _("The column “%(header)s” is for a reporting period the programme does not have.")
                % {"header": rows[0][index]}
            )
        if heading not in by_lower:
            raise Refused(
                _("The column “%(header)s” of the sheet “%(sheet)s” is not one of its columns.")
                % {"header": rows[0][index], "sheet": sheet}
            )
        if by_lower[heading] in columns:
            raise Refused(_("The column “%(header)s” appears twice.") % {"header": rows[0][index]})
        columns[by_lower[heading]] = index
    missing = [c for c in required if c not in columns]
    if missing:
        raise Refused(
            _("The sheet “%(sheet)s” needs the columns: %(columns)s.") % {"sheet": sheet, "columns": ", ".join(missing)}
        )
    return columns


def _decimal(text: str) -> Decimal | None:
    """A number of the sheet; ValueError with the message for text or a number the field cannot hold."""
    if not text:
        return None
    try:
        value = Decimal(text.replace(" ", ""))
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from error
    if not value.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
    if abs(value) >= BIGGEST:
        raise ValueError(_("This number is too large."))
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(_("Give at most two decimals."))
    return value.quantize(Decimal("0.01"))


def _whole(text: str, low: int, high: int, message: str) -> int | None:
    if not text:
        return None
    value = _decimal(text)
    if value is None or value != value.to_integral_value() or not low <= value <= high:
        raise ValueError(message)
    return int(value)


def _code(text: str, choices: Any, message: str) -> str:
    if text not in choices.values:
        raise ValueError(message % {"value": text, "codes": ", ".join(choices.values)})
    return text


def _codes(text: str) -> list[str]:
    found: list[str] = []
    for part in re.split(r"[,،;\s]+", text):
        if part and part not in found:
            found.append(part)
    return found


@dataclass
class _Reader:
    """Reads one sheet's rows into the values of the fields, collecting the problems on the report."""

    columns: dict[str, int]
    row: list[str]
    report: RowReport

    def has(self, column: str) -> bool:
        return column in self.columns

    def text(self, column: str) -> str:
        index = self.columns[column]
        return self.row[index] if index < len(self.row) else ""

    def read(self, column: str, parse: Any) -> tuple[bool, Any]:
        """(read, value): false when the column is absent or its cell has a problem."""
        if column not in self.columns:
            return False, None
        try:
            return True, parse(self.text(column))
        except ValueError as error:
            self.report.error(column, str(error))
            return False, None

    def limited(self, column: str, limit: int) -> tuple[bool, str]:
        def parse(text: str) -> str:
            if len(text) > limit:
                raise ValueError(_("At most %(max)d characters.") % {"max": limit})
            return text

        return self.read(column, parse)


def _compare(report: RowReport, existing: dict[str, Any] | None, values: dict[str, tuple[str, Any]]) -> None:
    """values: field -> (column, value). Marks the report new, changed (with the columns) or unchanged."""
    if report.status == "error":
        return
    if existing is None:
        report.status = "new"
        return
    for name, (column, value) in values.items():
        if _normal(existing.get(name)) != _normal(value):
            report.changed.append(column)
    report.status = "changed" if report.changed else "unchanged"


def _normal(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, str):
        return value.strip()  # the cells are read stripped
    return value


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@dataclass
class _Context:
    state: State
    preview: Preview
    seen: dict[tuple[str, str], int] = field(default_factory=dict)  # (sheet, code) -> first row
    levels: dict[str, str] = field(default_factory=dict)  # every result's level once the file is read
    parents: dict[str, str | None] = field(default_factory=dict)

    def first_time(self, report: RowReport, column: str) -> bool:
        if not report.code:
            report.error(column, _("Give the row a code."))
            return False
        key = (report.sheet, report.code)
        if key in self.seen:
            report.error(
                column, _("The code %(code)s is also on row %(row)d.") % {"code": report.code, "row": self.seen[key]}
            )
            return False
        self.seen[key] = report.row
        return True


def _data_rows(rows: list[list[str]]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(rows[1:], start=2):
        if any(row):
            yield number, row


def _read_node(ctx: _Context, columns: dict[str, int], number: int, row: list[str]) -> None:
    report = RowReport(RESULTS_SHEET, number, "")
    cells = _Reader(columns, row, report)
    report.code = cells.limited("code", MAX_LENGTH["code"])[1] or ""
    ctx.preview.rows.append(report)
    if not ctx.first_time(report, "code"):
        return
    existing = ctx.state.nodes.get(report.code)
    values: dict[str, tuple[str, Any]] = {}
    ok, level = cells.read("level", lambda t: _code(t, Level, _("“%(value)s” is not a level. Use one of: %(codes)s.")))
    if ok:
        values["level"] = ("level", level)
    values["parent__code"] = ("parent code", cells.text("parent code") or None)
    for column in NODE_TEXT:
        ok, text = (
            cells.limited(column, MAX_LENGTH["title"]) if column.startswith("title_") else cells.read(column, str)
        )
        if ok:
            values[column] = (column, text)
    if cells.has(f"title_{LANGUAGES[0]}") and not cells.text(f"title_{LANGUAGES[0]}"):
        report.error(f"title_{LANGUAGES[0]}", _("A result needs a title in English."))
    ok, position = cells.read("position", lambda t: _whole(t, 0, 32767, _("Enter a whole number from 0 to 32767.")))
    if ok:
        values["position"] = ("position", position or 0)
    ctx.levels[report.code] = values["level"][1] if "level" in values else (existing or {}).get("level", "")
    ctx.parents[report.code] = values["parent__code"][1]
    _compare(report, existing, values)
    if report.status in ("new", "changed"):
        wanted = values if existing is None else {k: v for k, v in values.items() if v[0] in report.changed}
        ctx.preview.nodes.append(
            {
                "code": report.code,
                "row": number,
                "new": existing is None,
                "fields": {k: v[1] for k, v in wanted.items()},
            }
        )


def _check_tree(ctx: _Context) -> None:
    """Each result of the logframe as the upload would leave it serves a known result of the level above."""
    levels = {code: node["level"] for code, node in ctx.state.nodes.items()} | ctx.levels
    parents = {code: node["parent__code"] for code, node in ctx.state.nodes.items()} | ctx.parents
    reports = {r.code: r for r in ctx.preview.rows if r.sheet == RESULTS_SHEET}
    for code, parent in parents.items():
        report = reports.get(code)
        if not levels.get(code) or (report is not None and report.status == "error"):
            continue
        if parent is not None and parent not in levels:
            message = _("There is no result %(code)s in the logframe or in the file.") % {"code": parent}
        else:
            message = parent_problem(levels[code], levels.get(parent) if parent else None) or ""
        if not message:
            continue
        if report is not None:
            report.error("parent code", message)
        elif parent in reports:  # a result left out of the file no longer fits under this one
            reports[parent].error("level", f"{code}: {message}")
    ctx.preview.nodes = [n for n in ctx.preview.nodes if reports[n["code"]].status != "error"]
    ctx.preview.nodes.sort(key=lambda n: LEVEL_ORDER.index(Level(levels[n["code"]])))


def _indicator_values(cells: _Reader, existing: dict[str, Any] | None) -> dict[str, tuple[str, Any]]:
    values: dict[str, tuple[str, Any]] = {"node__code": ("result code", cells.text("result code"))}
    for column in INDICATOR_TEXT:
        ok, text = cells.limited(column, MAX_LENGTH["name"]) if column.startswith("name_") else cells.read(column, str)
        if ok:
            values[column] = (column, text)
    messages = {
        "unit": _("“%(value)s” is not a unit. Use one of: %(codes)s."),
        "direction": _("“%(value)s” is not a direction. Use one of: %(codes)s."),
        "cumulation": _("“%(value)s” is not a way of cumulating. Use one of: %(codes)s."),
    }
    for column, choices in INDICATOR_CODES.items():
        ok, value = cells.read(column, lambda t, c=choices, m=messages[column]: _code(t, c, m))
        if ok:
            values[column] = (column, value)
    for column, name in INDICATOR_DECIMALS.items():
        ok, value = cells.read(column, _decimal)
        if ok:
            values[name] = (column, value)
    ok, year = cells.read("baseline year", lambda t: _whole(t, 1990, 2100, _("Enter a year from 1990 to 2100.")))
    if ok:
        values["baseline_year"] = ("baseline year", year)
    ok, measure = cells.limited("measure", MAX_LENGTH["measure"])
    if ok:
        values["measure"] = ("measure", measure)
    ok, codes = cells.read("disaggregations", _codes)
    if ok:
        values["disaggregations"] = ("disaggregations", codes)
    return values


def _full_data(values: dict[str, tuple[str, Any]], existing: dict[str, Any] | None) -> dict[str, Any]:
    """The indicator as the upload would leave it, for the services' checks."""
    defaults = {"unit": Unit.NUMBER, "direction": Direction.INCREASE, "cumulation": Cumulation.SUM, "filters": {}}
    data = {**defaults, **(existing or {})}
    data.update({name: value for name, (_column, value) in values.items()})
    return data


PROBLEM_COLUMNS = {"baseline": "baseline", "final_target": "final target", "unit": "unit", "measure": "measure"}
PROBLEM_COLUMNS |= {"disaggregations": "disaggregations", "filters": "measure", "__all__": "code"}


def _check_indicator(
    ctx: _Context,
    report: RowReport,
    data: dict[str, Any],
    old_targets: dict[int, Decimal],
    targets: dict[int, tuple[str, Decimal | None]],
) -> None:
    """The services' own checks (values, measure, disaggregations) on the indicator as it would be."""
    full_targets = {p: old_targets.get(n) for n, p in ctx.state.periods.items()}
    full_targets |= {ctx.state.periods[n]: v for n, (_c, v) in targets.items()}
    for name, message in indicator_problems(data, full_targets).items():
        column = target_header(int(name.split("_")[1])) if name.startswith("target_") else PROBLEM_COLUMNS.get(name)
        report.error(column or name, message)


def _read_indicator(ctx: _Context, columns: dict[str, int], number: int, row: list[str]) -> None:
    report = RowReport(INDICATORS_SHEET, number, "")
    cells = _Reader(columns, row, report)
    report.code = cells.limited("code", MAX_LENGTH["code"])[1] or ""
    ctx.preview.rows.append(report)
    if not ctx.first_time(report, "code"):
        return
    existing = ctx.state.indicators.get(report.code)
    values = _indicator_values(cells, existing)
    node = values["node__code"][1]
    if node not in ctx.state.nodes and node not in ctx.levels:
        report.error("result code", _("There is no result %(code)s in the logframe or in the file.") % {"code": node})
    if cells.has(f"name_{LANGUAGES[0]}") and not cells.text(f"name_{LANGUAGES[0]}"):
        report.error(f"name_{LANGUAGES[0]}", _("An indicator needs a name in English."))
    old_targets = ctx.state.targets.get(report.code, {})
    targets: dict[int, tuple[str, Decimal | None]] = {}
    for period in ctx.state.periods.values():
        ok, value = cells.read(target_header(period.number), _decimal)
        if ok:
            targets[period.number] = (target_header(period.number), value)
    if report.status != "error":
        _check_indicator(ctx, report, _full_data(values, existing), old_targets, targets)
    before = None if existing is None else existing | {f"target_{n}": v for n, v in old_targets.items()}
    _compare(report, before, values | {f"target_{n}": v for n, v in targets.items()})
    if report.status in ("new", "changed"):
        changed = set(report.changed)
        wanted = {k: v for k, v in values.items() if existing is None or v[0] in changed}
        ctx.preview.indicators.append(
            {
                "code": report.code,
                "row": number,
                "new": existing is None,
                "fields": {k: _json(v[1]) for k, v in wanted.items()},
                "targets": {str(n): _json(v) for n, (c, v) in targets.items() if existing is None or c in changed},
            }
        )


def read_upload(logframe: Logframe, upload: Any) -> Preview:
    """What saving the uploaded workbook would change, row by row, with every problem; saves nothing."""
    state = State.load(logframe)
    preview = Preview(logframe=logframe.pk, fingerprint=state.fingerprint())
    try:
        result_rows, indicator_rows = _read_workbook(upload)
        periods = list(state.periods.values())
        result_columns = _columns(result_rows, RESULTS_SHEET, RESULT_COLUMNS, RESULT_REQUIRED)
        indicator_columns_ = _columns(indicator_rows, INDICATORS_SHEET, indicator_columns(periods), INDICATOR_REQUIRED)
    except Refused as error:
        preview.problems.append(str(error))
        return preview
    ctx = _Context(state=state, preview=preview)
    for number, row in _data_rows(result_rows):
        _read_node(ctx, result_columns, number, row)
    _check_tree(ctx)
    for number, row in _data_rows(indicator_rows):
        _read_indicator(ctx, indicator_columns_, number, row)
    if not preview.rows:
        preview.problems.append(_("The file has no rows to read."))
    return preview


# Saving -------------------------------------------------------------------------------------------


def _node_data(change: dict[str, Any], nodes: dict[str, Node]) -> dict[str, Any]:
    data = {k: v for k, v in change["fields"].items() if k != "parent__code"}
    if change["new"]:
        data["code"] = change["code"]
    if "parent__code" in change["fields"]:
        parent = change["fields"]["parent__code"]
        data["parent"] = nodes[parent] if parent else None
    return data


def _indicator_data(change: dict[str, Any], nodes: dict[str, Node], existing: Indicator | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, value in change["fields"].items():
        if name == "node__code":
            data["node"] = nodes[value]
        elif name in ("baseline", "final_target"):
            data[name] = None if value is None else Decimal(value)
        else:
            data[name] = value
    for name in ("unit", "measure", "disaggregations", "filters"):  # what the service checks together
        if name not in data:
            data[name] = getattr(existing, name) if existing is not None else {"unit": Unit.NUMBER}.get(name)
    if change["new"]:
        data["code"] = change["code"]
        data["disaggregations"] = data["disaggregations"] or []
        data["measure"] = data["measure"] or ""
        data["filters"] = data["filters"] or {}
    return data


@transaction.atomic
def apply_upload(actor: User | None, logframe: Logframe, preview: Preview) -> dict[str, int]:
    """Saves the previewed changes through the services, whole or not at all. Refused when the preview
    has problems or the logframe changed since it was made. Returns how many rows were saved."""
    Logframe.objects.select_for_update().get(pk=logframe.pk)  # one upload at a time
    if preview.logframe != logframe.pk or preview.error_count:
        raise ValidationError(_("This upload has problems: correct the file and upload it again."))
    state = State.load(logframe)
    if state.fingerprint() != preview.fingerprint:
        raise ValidationError(_("The logframe has changed since the file was checked. Please upload it again."))
    nodes = {n.code: n for n in Node.objects.filter(logframe=logframe)}
    for change in preview.nodes:
        node = nodes.get(change["code"])
        nodes[change["code"]] = node_save(actor=actor, logframe=logframe, node=node, data=_node_data(change, nodes))
    indicators = {i.code: i for i in Indicator.objects.filter(logframe=logframe)}
    for change in preview.indicators:
        indicator = indicators.get(change["code"])
        targets = {state.periods[int(n)]: None if v is None else Decimal(v) for n, v in change["targets"].items()}
        indicator_save(
            actor=actor,
            logframe=logframe,
            indicator=indicator,
            data=_indicator_data(change, nodes, indicator),
            targets=targets,
        )
    return {"results": len(preview.nodes), "indicators": len(preview.indicators)}
