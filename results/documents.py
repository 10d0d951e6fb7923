"""The progress report as a document, and the logframe with its values as a spreadsheet.

`report_content(report, donor=...)` gathers what every form of the report says: the PRAG Annex VI
sections, the contributions of the areas, the indicator table, the beneficiaries and activities, the
revisions of figures reported earlier and the snapshot's hash. The figures are those of
`selectors.figures_of` (a frozen report's snapshot, a draft's live table) as the reader may see them
(`display.report_context`: small cells hidden for the donor), so the PDF, the Word file and the report
page cannot disagree. `report_pdf` renders it with WeasyPrint, `report_docx` with python-docx (both in
the active language, right to left for Arabic and Kurdish). `logframe_xlsx` writes the results chain
and each indicator's targets and values per period (write-only openpyxl).
"""

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.exports import safe_cell
from results import display
from results.models import SECTIONS, Logframe, Node, ProgressReport
from results.selectors import TableContext, current_period, figures_of, indicators_of, latest_snapshot, number

EMBLEM_PNG = settings.BASE_DIR / "static" / "img" / "eu-emblem.png"
Progress = Callable[[int], None]


def _nothing(step: int) -> None:
    return None


def report_content(report: ProgressReport, *, donor: bool) -> dict[str, Any]:
    period = report.period
    logframe = period.logframe
    snapshot = latest_snapshot(report) if report.frozen else None
    contributions = report.contributions.select_related("centre", "author").order_by("area", "centre__name")
    revisions = report.revisions.select_related("indicator", "period").order_by("period__number", "indicator__code")
    return {
        "report": report,
        "period": period,
        "programme": logframe.programme,
        "logframe": logframe,
        "donor": donor,
        "snapshot": snapshot,
        "sections": [
            {"label": label, "text": getattr(report, name), "required": required} for name, label, required in SECTIONS
        ],
        "contributions": [
            {
                "area": c.get_area_display(),
                "centre": c.centre.name if c.centre else "",
                "author": "" if donor else c.author.full_name,
                "text": c.text,
            }
            for c in contributions
        ],
        "revisions": [
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "period": r.period.number,
                "reported": number(r.reported),
                "current": number(r.current),
                "reason": r.reason,
            }
            for r in revisions
        ]
        if not donor
        else [],
        "rtl": translation.get_language_bidi(),
        "language": translation.get_language(),
        **display.report_context(figures_of(report), logframe, donor=donor),
    }


def report_title(report: ProgressReport) -> str:
    return _("Interim narrative report, period %(number)s") % {"number": report.period.number}


# --- PDF -------------------------------------------------------------------------------------------


def report_pdf(report: ProgressReport, *, donor: bool, on_progress: Progress = _nothing) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 loads Pango on import (about a second); only PDF work needs it

    content = report_content(report, donor=donor)
    on_progress(1)
    html = render_to_string("results/pdf/report.html", {**content, "title": report_title(report)})
    on_progress(2)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


# --- Word ------------------------------------------------------------------------------------------


def _bidi(paragraph, rtl: bool) -> None:
    """Word lays a paragraph out right to left with <w:bidi/> and each run with <w:rtl/>."""
    if not rtl:
        return
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _paragraph(container, text: str, *, rtl: bool, style: str | None = None, bold: bool = False):
    paragraph = container.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold
    _bidi(paragraph, rtl)
    return paragraph


def _heading(document, text: str, level: int, *, rtl: bool) -> None:
    heading = document.add_heading(text, level=level)
    _bidi(heading, rtl)


def _table(document, header: list[str], rows: list[list[str]], *, rtl: bool) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    if rtl:
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _paragraph_in(cell, text, rtl=rtl, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _paragraph_in(cell, text, rtl=rtl)


def _paragraph_in(cell, text: str, *, rtl: bool, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    _bidi(paragraph, rtl)


def _funded_by(document, *, rtl: bool) -> None:
    """The EU emblem with "Funded by the European Union" beside it, as the EU's visibility rules ask."""
    table = document.add_table(rows=1, cols=2)
    if rtl:
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    emblem, words = table.rows[0].cells
    emblem.width, words.width = Cm(2.4), Cm(12)
    emblem.paragraphs[0].add_run().add_picture(str(EMBLEM_PNG), width=Cm(2.2))
    _paragraph_in(words, _("Funded by the European Union"), rtl=rtl, bold=True)


def report_docx(report: ProgressReport, *, donor: bool, on_progress: Progress = _nothing) -> bytes:
    content = report_content(report, donor=donor)
    on_progress(1)
    rtl = content["rtl"]
    period = content["period"]
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), "Arial")
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    _funded_by(document, rtl=rtl)
    _heading(document, report_title(report), 0, rtl=rtl)
    date = lambda value: formats.date_format(value, "SHORT_DATE_FORMAT")  # noqa: E731
    for line in (
        content["programme"].name,
        f"{period.get_kind_display()}: {date(period.start)} – {date(period.end)}",
        f"{_('Status')}: {report.get_status_display()}",
    ):
        _paragraph(document, line, rtl=rtl)
    if content["snapshot"]:
        _paragraph(
            document,
            _("The figures are frozen as submitted") + f" ({content['snapshot'].created_at:%Y-%m-%d %H:%M} UTC). "
            f"SHA-256: {content['snapshot'].content_hash}",
            rtl=rtl,
        )
    for position, section_text in enumerate(content["sections"], start=1):
        _heading(document, f"{position}. {section_text['label']}", 1, rtl=rtl)
        for chunk in (section_text["text"] or "–").split("\n\n"):
            _paragraph(document, chunk.strip(), rtl=rtl)
    _heading(document, _("Results against the logframe"), 1, rtl=rtl)
    _table(
        document,
        # "%% of target" is the templates' msgid; formatting makes it read as one sign
        [
            _("Result"),
            _("Indicator"),
            _("Baseline"),
            _("Target"),
            _("This period"),
            _("To date"),
            _("%% of target") % {},
        ],
        [
            [
                row["node"],
                f"{row['code']} {row['indicator'].name if row['indicator'] else ''}".strip()
                + "".join(
                    f"\n{split['label']}: " + " · ".join(f"{label} {value}" for label, value in split["cells"])
                    for split in row["splits"]
                ),
                row["baseline"] or "–",
                row["target"] or "–",
                row["value_shown"],
                row["to_date_shown"],
                row["percent_of_target"] or "–",
            ]
            for row in content["rows"]
        ],
        rtl=rtl,
    )
    for heading, tables in (
        (_("Final beneficiaries"), content["beneficiaries"]),
        (_("Activities per centre"), content["activities"]),
    ):
        _heading(document, heading, 1, rtl=rtl)
        for table in tables:
            _paragraph(document, f"{table['label']}: {table['total']}", rtl=rtl, bold=True)
            _table(
                document,
                [_("Split"), _("Number")],
                [[f"{split['label']}: {label}", value] for split in table["splits"] for label, value in split["cells"]],
                rtl=rtl,
            )
    if content["contributions"]:
        _heading(document, _("Contributions of the areas"), 1, rtl=rtl)
        for contribution in content["contributions"]:
            line = " · ".join(v for v in (contribution["area"], contribution["centre"], contribution["author"]) if v)
            _paragraph(document, line, rtl=rtl, bold=True)
            _paragraph(document, contribution["text"], rtl=rtl)
    if content["revisions"]:
        _heading(document, _("Figures reported earlier that have changed"), 1, rtl=rtl)
        _table(
            document,
            [_("Indicator"), _("Period"), _("Reported"), _("Now"), _("Reason for the change")],
            [
                [f"{r['code']} {r['name']}", str(r["period"]), r["reported"], r["current"], r["reason"] or "–"]
                for r in content["revisions"]
            ],
            rtl=rtl,
        )
    disclaimer = _paragraph(document, disclaimer_text(), rtl=rtl)
    disclaimer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    on_progress(2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def disclaimer_text() -> str:
    return _(
        "This report was produced with the financial support of the European Union. Its contents are the sole "
        "responsibility of Al-Mesalla and do not necessarily reflect the views of the European Union."
    )


# --- the logframe with its values ------------------------------------------------------------------


def _tree_order(logframe: Logframe) -> list[tuple[Node, int]]:
    nodes = list(logframe.nodes.order_by("position", "code"))
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[tuple[Node, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for node in children.get(parent_id, []):
            ordered.append((node, depth))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return ordered


def logframe_xlsx(logframe: Logframe, *, donor: bool, on_progress: Progress = _nothing) -> bytes:
    """Two sheets in the reader's language: the results chain, and the indicators with baseline,
    each begun period's target, value and value to date (what was reported for an approved period,
    else computed now, exactly as the dashboard shows them) and the final target."""
    ctx = TableContext.load(logframe)
    upto = current_period(logframe)
    tables = [] if upto is None else display.period_tables(logframe, upto, ctx)
    tables = [(period, display.for_reader(figures, donor=donor)) for period, figures in tables]
    on_progress(1)
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, titles: list[str]) -> None:
        cells = []
        for title in titles:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    results = workbook.create_sheet(_("Results")[:31])
    header(results, [_("Level"), _("Code"), _("Parent"), _("Title"), _("Description"), _("Assumptions")])
    ordered = _tree_order(logframe)
    codes = {node.pk: node.code for node, _depth in ordered}
    for node, depth in ordered:
        results.append(
            [
                safe_cell(node.get_level_display()),
                safe_cell(node.code),
                safe_cell(codes[node.parent_id] if node.parent_id else ""),
                safe_cell("  " * depth + node.title),
                safe_cell(node.description),
                safe_cell(node.assumptions),
            ]
        )
    sheet = workbook.create_sheet(_("Indicators")[:31])
    period_columns = [
        f"P{period.number} {label}" for period, _figures in tables for label in (_("target"), _("value"), _("to date"))
    ]
    header(
        sheet,
        [
            _("Result"),
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Baseline year"),
            *period_columns,
            _("Final target"),
            _("%% of final target") % {},
            _("Sources and means of verification"),
            _("Assumptions"),
        ],
    )
    by_period = [{row["code"]: row for row in figures.get("indicators", [])} for _period, figures in tables]
    for indicator in indicators_of(logframe):
        values: list[Any] = []
        last_to_date = None
        for rows in by_period:
            row = rows.get(indicator.code)
            if row is None:
                values += [None, None, None]
                continue
            hidden = bool(row.get("suppressed"))
            values += [
                _number(row["target"]),
                _number(row["value"]) if row["value"] is not None else display.shown(None, hidden=hidden),
                _number(row["to_date"]) if row["to_date"] is not None else display.shown(None, hidden=hidden),
            ]
            last_to_date = row["to_date"]
        final = indicator.final_target
        share = None
        if final and last_to_date is not None and final > 0:
            share = round(float(_number(last_to_date) or 0) / float(final) * 100, 1)
        sheet.append(
            [
                safe_cell(indicator.node.code),
                safe_cell(indicator.code),
                safe_cell(indicator.name),
                safe_cell(indicator.get_unit_display()),
                indicator.baseline,
                indicator.baseline_year,
                *values,
                final,
                share,
                safe_cell(indicator.means_of_verification),
                safe_cell(indicator.assumptions),
            ]
        )
    on_progress(2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value: str | None) -> float | int | None:
    """A figure of the table as a spreadsheet number (the table keeps them as text)."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number
