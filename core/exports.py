"""The export registry. An app registers each kind of export: who may request it, its columns and a
function yielding its rows for the requesting user and parameters. Exports run in Celery
(core.tasks.run_export) and write CSV or XLSX into private storage."""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from openpyxl import Workbook


@dataclass(frozen=True)
class Exporter:
    kind: str
    title: Callable[[], str]
    permission: Callable
    columns: Callable[[], list[str]]
    rows: Callable[[object, dict], Iterable[list]]
    count: Callable[[object, dict], int]
    # A document rather than a table (a PDF, a Word file, an XML file): `build(user, params, fmt,
    # on_progress)` returns the file's bytes and calls on_progress(step) up to count(user, params).
    build: Callable[[object, dict, str, Callable[[int], None]], bytes] | None = None
    formats: tuple[str, ...] = ("csv", "xlsx")
    filename: Callable[[dict, str], str] | None = None  # the download's name, without the date


_exporters: dict[str, Exporter] = {}


def register(exporter: Exporter) -> None:
    _exporters[exporter.kind] = exporter


def get(kind: str) -> Exporter | None:
    return _exporters.get(kind)


PROGRESS_EVERY = 200


def safe_cell(value):
    """Translated labels become text; text that a spreadsheet would run as a formula is prefixed
    with an apostrophe."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write(fmt: str, columns: list[str], rows: Iterable[list], on_progress: Callable[[int], None]) -> bytes:
    count = 0
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
            count += 1
            if count % PROGRESS_EVERY == 0:
                on_progress(count)
        on_progress(count)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads Arabic correctly
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(columns)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
        count += 1
        if count % PROGRESS_EVERY == 0:
            on_progress(count)
    on_progress(count)
    spreadsheet = io.BytesIO()
    workbook.save(spreadsheet)
    return spreadsheet.getvalue()
