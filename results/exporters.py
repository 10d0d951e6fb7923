"""The exports of the results framework (registered in results.apps)."""

from collections.abc import Callable
from typing import cast

from django.utils.translation import gettext as _

from accounts.models import User
from core.exports import Exporter
from results import documents, permissions
from results.iati import activity_file, validation_errors
from results.models import ProgressReport
from results.selectors import programme_logframe


def build_iati(user: object, params: dict, fmt: str, on_progress: Callable[[int], None]) -> bytes:
    """The programme's IATI activity file, as the requesting person may see it (suppressed for the
    donor), checked against the vendored schema before it is handed over."""
    logframe = programme_logframe()
    if logframe is None:
        raise ValueError(_("The programme has no logframe yet."))
    on_progress(1)
    content = activity_file(logframe, donor=permissions.is_donor(user))  # type: ignore[arg-type]
    errors = validation_errors(content)
    if errors:
        raise ValueError(_("The IATI file does not follow the IATI schema: %(error)s") % {"error": errors[0]})
    on_progress(2)
    return content


IATI_EXPORT = Exporter(
    kind="results-iati",
    title=lambda: _("IATI activity file"),
    permission=permissions.reads_results,
    columns=list,
    rows=lambda user, params: [],
    count=lambda user, params: 2,
    build=build_iati,
    formats=("xml",),
    filename=lambda params, fmt: "tatweer-iati-activity",
)


def _report(user: object, params: dict) -> ProgressReport:
    """The report of the period named in the parameters, if the person may read it."""
    logframe = programme_logframe()
    number = str(params.get("number", ""))
    report = None
    if logframe is not None and number.isdigit():
        report = (
            ProgressReport.objects.filter(period__logframe=logframe, period__number=int(number))
            .select_related("period__logframe__programme")
            .first()
        )
    if report is None or not permissions.can_see_report(cast(User, user), report):
        raise ValueError(_("There is no such progress report."))
    return report


def build_report(user: object, params: dict, fmt: str, on_progress: Callable[[int], None]) -> bytes:
    report = _report(user, params)
    donor = permissions.is_donor(cast(User, user))
    if fmt == "docx":
        return documents.report_docx(report, donor=donor, on_progress=on_progress)
    return documents.report_pdf(report, donor=donor, on_progress=on_progress)


REPORT_EXPORT = Exporter(
    kind="results-report",
    title=lambda: _("Progress report"),
    permission=permissions.reads_results,
    columns=list,
    rows=lambda user, params: [],
    count=lambda user, params: 2,
    build=build_report,
    formats=("pdf", "docx"),
    filename=lambda params, fmt: (
        "tatweer-progress-report-" + "".join(c for c in str(params.get("number", "")) if c.isdigit())[:4]
    ),
)


def build_logframe(user: object, params: dict, fmt: str, on_progress: Callable[[int], None]) -> bytes:
    logframe = programme_logframe()
    if logframe is None:
        raise ValueError(_("The programme has no logframe yet."))
    return documents.logframe_xlsx(logframe, donor=permissions.is_donor(cast(User, user)), on_progress=on_progress)


LOGFRAME_EXPORT = Exporter(
    kind="results-logframe",
    title=lambda: _("Logframe with values"),
    permission=permissions.reads_results,
    columns=list,
    rows=lambda user, params: [],
    count=lambda user, params: 2,
    build=build_logframe,
    formats=("xlsx",),
    filename=lambda params, fmt: "tatweer-logframe-values",
)
