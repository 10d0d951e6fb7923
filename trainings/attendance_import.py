"""Bulk attendance from a spreadsheet: a template per event, and an upload that is checked row by
row and previewed before anything is saved.

Columns: participant_id, full_name, phone, e-mail, then one column per session headed by its start
("2026-12-12 09:00"). Cells hold present, late, excused or absent (in any of the three languages,
or P/L/E/A); an empty cell leaves that session unrecorded.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from trainings.models import AttendanceStatus, RegistrationStatus

FIXED_COLUMNS = ["participant_id", "full_name", "phone", "email"]
SHORT = {"p": "present", "l": "late", "e": "excused", "a": "absent"}


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
    sheet = workbook.active
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
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.records)


def _read_rows(upload) -> list[list[str]]:
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        workbook = load_workbook(upload, read_only=True, data_only=True)
        return [
            ["" if v is None else str(v).strip() for v in row] for row in workbook.active.iter_rows(values_only=True)
        ]
    text = upload.read().decode("utf-8-sig")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def preview(event, upload) -> Preview:
    result = Preview()
    try:
        rows = _read_rows(upload)
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError):
        result.problems.append((0, _("The file could not be read. Use the template, saved as XLSX or CSV (UTF-8).")))
        return result
    if not rows or [c.lower() for c in rows[0][: len(FIXED_COLUMNS)]] != FIXED_COLUMNS:
        result.problems.append(
            (1, _("The first columns must be: %(columns)s.") % {"columns": ", ".join(FIXED_COLUMNS)})
        )
        return result
    sessions = {session_header(s): s for s in event.sessions.filter(is_cancelled=False)}
    columns = {}
    for index, header in enumerate(rows[0][len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        if not header:
            continue
        if header not in sessions:
            result.problems.append(
                (1, _("The column “%(header)s” is not a session of this event.") % {"header": header})
            )
        else:
            columns[index] = sessions[header]
    registered = {
        r.participant_id: r.participant
        for r in event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("participant")
    }
    words = status_words()
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        result.rows += 1
        identifier = row[0] if row else ""
        if not identifier.isdigit() or int(identifier) not in registered:
            result.problems.append(
                (
                    number,
                    _("Unknown person “%(value)s”: not registered for this event.")
                    % {"value": identifier or (row[1] if len(row) > 1 else "")},
                )
            )
            continue
        for index, session in columns.items():
            value = row[index].strip().lower() if index < len(row) else ""
            if not value:
                continue
            if value not in words:
                result.problems.append((number, _("“%(value)s” is not an attendance status.") % {"value": row[index]}))
                continue
            result.records.append((session.pk, int(identifier), words[value]))
    if not result.records and not result.problems:
        result.problems.append((0, _("The file has no attendance to record.")))
    return result
