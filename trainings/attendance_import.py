"""Bulk attendance from a spreadsheet: a template per event, and an upload that is checked row by
row and previewed before anything is saved.

Columns: participant_id, full_name, phone, e-mail, then one column per session headed by its start
("2026-12-12 09:00"). Cells hold present, late, excused or absent (in any of the three languages,
or P/L/E/A); an empty cell leaves that session unrecorded.
"""

import codecs
import csv
import io
import itertools
import zipfile
from dataclasses import dataclass, field
from typing import cast

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from trainings.models import AttendanceStatus, RegistrationStatus

FIXED_COLUMNS = ["participant_id", "full_name", "phone", "email"]
SHORT = {
    "p": AttendanceStatus.PRESENT,
    "l": AttendanceStatus.LATE,
    "e": AttendanceStatus.EXCUSED,
    "a": AttendanceStatus.ABSENT,
}

# Bounds on the work one upload can cause: far above a real event (a few hundred people, at most 30
# sessions), far below harm. A file beyond them is refused with the reason, before it is parsed whole.
MAX_ROWS = 2000
MAX_COLUMNS = len(FIXED_COLUMNS) + 30
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # an XLSX is a zip: what its parts take once decompressed
MAX_PROBLEMS = 500  # listed in the preview; beyond that only their number is given


class TooLarge(ValueError):
    """The file is beyond the bounds above; the message says which."""


def session_header(session) -> str:
    return f"{session.date:%Y-%m-%d} {session.start_time:%H:%M}"


def status_words() -> dict[str, str]:
    """Every accepted spelling of a status (codes, initials, and labels in each language)."""
    words = {code: code for code in AttendanceStatus.values} | dict(SHORT)
    for language in ("en", "ar", "ckb"):
        with translation.override(language):
            for code, label in AttendanceStatus.choices:
                words[str(label).strip().lower()] = code
    return words


def template(event) -> bytes:
    sessions = list(event.sessions.filter(is_cancelled=False).order_by("date", "start_time"))
    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook has one sheet, and it is the active one
    sheet.title = "attendance"
    sheet.append(FIXED_COLUMNS + [session_header(s) for s in sessions])
    registrations = event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("participant")
    for registration in registrations.order_by("participant__full_name"):
        person = registration.participant
        sheet.append([person.pk, person.full_name, person.phone, person.email] + [""] * len(sessions))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Preview:
    records: list[tuple[int, int, str]] = field(default_factory=list)  # (session id, participant id, status)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number, message), the first MAX_PROBLEMS
    problem_count: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problem_count and bool(self.records)

    def problem(self, row: int, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((row, str(message)))


def _too_large() -> TooLarge:
    return TooLarge(
        _("The file is too large for one event: at most %(rows)d rows and %(sessions)d sessions.")
        % {"rows": MAX_ROWS, "sessions": MAX_COLUMNS - len(FIXED_COLUMNS)}
    )


def _xlsx_rows(upload):
    with zipfile.ZipFile(upload) as archive:
        if sum(part.file_size for part in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise _too_large()
    upload.seek(0)
    sheet = load_workbook(upload, read_only=True, data_only=True).active
    if sheet is None:  # a workbook without a visible sheet: read as a file that cannot be read
        raise ValueError("the workbook has no active sheet")
    # The sheet's own dimension says how far its cells reach: beyond the bounds, the file is refused
    # rather than read in part. The reading itself is bounded too, so a missing or forged dimension
    # cannot make openpyxl pad rows and columns for ever.
    if (sheet.max_row or 0) > MAX_ROWS + 1 or (sheet.max_column or 0) > MAX_COLUMNS:
        raise _too_large()
    for row in sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS + 1, values_only=True):
        yield ["" if v is None else str(v).strip() for v in row]


def _csv_rows(upload):
    for row in csv.reader(codecs.iterdecode(upload, "utf-8-sig")):
        yield [cell.strip() for cell in row]


def _read_rows(upload) -> list[list[str]]:
    """The header and data rows, read as a stream; refused once beyond the bounds."""
    upload.seek(0)
    reader = _xlsx_rows(upload) if upload.name.lower().endswith(".xlsx") else _csv_rows(upload)
    rows = []
    for row in itertools.islice(reader, MAX_ROWS + 2):
        while row and not row[-1]:
            row.pop()
        if len(row) > MAX_COLUMNS:
            raise _too_large()
        rows.append(row)
    if len(rows) > MAX_ROWS + 1 and any(any(r) for r in rows[MAX_ROWS + 1 :]):
        raise _too_large()
    return rows


def preview(event, upload) -> Preview:
    result = Preview()
    try:
        rows = _read_rows(upload)
    except TooLarge as error:
        result.problem(0, str(error))
        return result
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError, zipfile.BadZipFile):
        result.problem(0, _("The file could not be read. Use the template, saved as XLSX or CSV (UTF-8)."))
        return result
    if not rows or [c.lower() for c in rows[0][: len(FIXED_COLUMNS)]] != FIXED_COLUMNS:
        result.problem(1, _("The first columns must be: %(columns)s.") % {"columns": ", ".join(FIXED_COLUMNS)})
        return result
    columns = _session_columns(event, rows[0], result)
    registered = {
        r.participant_id: r.participant
        for r in event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("participant")
    }
    words = status_words()
    for number, row in enumerate(rows[1:], start=2):
        if any(row):
            result.rows += 1
            _read_person(number, row, registered=registered, columns=columns, words=words, result=result)
    if not result.records and not result.problem_count:
        result.problem(0, _("The file has no attendance to record."))
    return result


def _session_columns(event, header: list[str], result: Preview) -> dict:
    """Column index -> session, for the header cells that name a session of the event."""
    sessions = {session_header(s): s for s in event.sessions.filter(is_cancelled=False)}
    columns = {}
    for index, heading in enumerate(header[len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        if not heading:
            continue
        if heading not in sessions:
            result.problem(1, _("The column “%(header)s” is not a session of this event.") % {"header": heading})
        else:
            columns[index] = sessions[heading]
    return columns


def _read_person(number: int, row: list[str], *, registered: dict, columns: dict, words: dict, result: Preview):
    """One person's row: a registered person's attendance at each session column, or the problems."""
    identifier = row[0] if row else ""
    if not identifier.isdecimal() or len(identifier) > 18 or int(identifier) not in registered:
        result.problem(
            number,
            _("Unknown person “%(value)s”: not registered for this event.")
            % {"value": identifier or (row[1] if len(row) > 1 else "")},
        )
        return
    for index, session in columns.items():
        value = row[index].strip().lower() if index < len(row) else ""
        if not value:
            continue
        if value not in words:
            result.problem(number, _("“%(value)s” is not an attendance status.") % {"value": row[index]})
            continue
        result.records.append((session.pk, int(identifier), words[value]))
