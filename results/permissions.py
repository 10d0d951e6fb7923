"""Who may do what with the results framework.

Programme admins keep the logframe and the reports and approve them (never their own); centre
managers and grant officers write the narrative of their area and enter values for indicators that
no measure computes; the donor reads the dashboard, the reports sent to her and their files. Figures
shown to the donor are aggregates with small cells suppressed (results.suppression)."""

from accounts.models import AnyUser
from accounts.roles import Role
from centers.models import Center
from results.models import Area, ManualValue, ProgressReport, ReportStatus, ValueStatus

CONTRIBUTORS = frozenset({Role.CENTRE_MANAGER, Role.GRANT_OFFICER})
READERS = frozenset({Role.PROGRAMME_ADMIN, *CONTRIBUTORS, Role.DONOR})


def _has(user: AnyUser, *roles: str) -> bool:
    return bool(user.is_authenticated and user.has_role(*roles))


def manages_results(user: AnyUser) -> bool:
    """Keeps the logframe, the periods and the reports."""
    return _has(user, Role.PROGRAMME_ADMIN)


def contributes(user: AnyUser) -> bool:
    """Writes narrative for an area and enters values by hand."""
    return _has(user, Role.PROGRAMME_ADMIN, *CONTRIBUTORS)


def reads_results(user: AnyUser) -> bool:
    """Opens the dashboard, the logframe and the reports she may see."""
    return _has(user, *READERS)


def is_donor(user: AnyUser) -> bool:
    """Sees suppressed figures and only the reports sent to the EU."""
    return _has(user, Role.DONOR) and not _has(user, Role.PROGRAMME_ADMIN, *CONTRIBUTORS)


def shows_headlines(user: AnyUser) -> bool:
    """The donor and the programme's admins: the headline indicators open their dashboard."""
    return is_donor(user) or manages_results(user)


def can_see_report(user: AnyUser, report: ProgressReport) -> bool:
    if is_donor(user):
        return report.status == ReportStatus.SENT
    return contributes(user)


def can_edit_report(user: AnyUser, report: ProgressReport) -> bool:
    return manages_results(user) and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


def can_contribute_to(user: AnyUser, report: ProgressReport) -> bool:
    return contributes(user) and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


def can_write_for(user: AnyUser, area: str, centre: Center | None) -> bool:
    """The area a contribution is for: any for programme admins, the grants (programme-wide) for
    grant officers, her own centre for a centre manager."""
    if _has(user, Role.PROGRAMME_ADMIN):
        return True
    if _has(user, Role.GRANT_OFFICER) and area == Area.GRANTS and centre is None:
        return True
    return _has(user, Role.CENTRE_MANAGER) and centre is not None and user.has_perm("centers.manage_center", centre)


def can_submit_report(user: AnyUser, report: ProgressReport) -> bool:
    return manages_results(user)


def can_review_report(user: AnyUser, report: ProgressReport) -> bool:
    """Approves or returns: a programme admin who did not submit it."""
    return manages_results(user) and report.submitted_by_id != user.pk


def can_send_report(user: AnyUser, report: ProgressReport) -> bool:
    return manages_results(user)


def can_enter_value(user: AnyUser, value: ManualValue | None = None) -> bool:
    return contributes(user) and (value is None or value.status in (ValueStatus.DRAFT, ValueStatus.RETURNED))


def can_submit_value(user: AnyUser, value: ManualValue) -> bool:
    return contributes(user)


def can_review_value(user: AnyUser, value: ManualValue) -> bool:
    """Approves or returns a value: a programme admin who did not enter it."""
    return manages_results(user) and value.entered_by_id != user.pk
