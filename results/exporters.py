"""The exports of the results framework (registered in results.apps)."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from core.exports import Exporter
from results import permissions
from results.iati import activity_file, validation_errors
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
