"""Progress reports: the narrative, the contributions of the areas, the revisions of figures already
reported, and the workflow draft -> submitted -> returned / approved -> sent.

Submitting freezes the figures: a snapshot stores the indicator table as computed at that moment
(with the query behind each number) and its SHA-256; approving and sending keep that snapshot, so
later changes to the records never change an approved report. A report returned and submitted again
gets a new snapshot; the earlier one stays."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from centers.models import Center
from core.audit import actor_context
from notifications.services import notify
from results import permissions
from results.models import (
    SECTION_NAMES,
    Area,
    Contribution,
    Indicator,
    Period,
    ProgressReport,
    Revision,
    Snapshot,
)
from results.rules.reports import submit_problems
from results.rules.snapshots import content_hash, differences
from results.selectors import TableContext, indicator_table, reported_periods
from results.workflows import REPORT


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("period__logframe").get(pk=report.pk)


def _url(report: ProgressReport) -> str:
    return reverse("results:report", kwargs={"number": report.period.number})


@transaction.atomic
def report_for(*, actor: User, period: Period) -> ProgressReport:
    """The period's report, begun as a draft the first time someone who contributes opens it."""
    report = ProgressReport.objects.filter(period=period).first()
    if report is not None:
        return report
    if not permissions.contributes(actor):
        raise PermissionDenied
    with actor_context(actor, action="results_report_start"):
        report, _created = ProgressReport.objects.get_or_create(
            period=period, defaults={"created_by": actor, "language": actor.preferred_language or "en"}
        )
    return report


@transaction.atomic
def report_save(*, actor: User, report: ProgressReport, data: dict[str, Any]) -> ProgressReport:
    """Saves the narrative as it is (a draft: nothing is required until the report is submitted)."""
    report = _locked(report)
    if not permissions.can_edit_report(actor, report):
        raise ValidationError(
            _("This report can no longer be edited: it is “%(status)s”.") % {"status": report.get_status_display()}
        )
    fields = [name for name in (*SECTION_NAMES, "language") if name in data]
    for name in fields:
        setattr(report, name, data[name])
    with actor_context(actor, action="results_report_save"):
        report.save(update_fields=[*fields, "updated_at"])
    return report


@transaction.atomic
def contribution_save(
    *, actor: User, report: ProgressReport, area: str, centre: Center | None, text: str
) -> Contribution:
    report = _locked(report)
    if not permissions.can_contribute_to(actor, report):
        raise ValidationError(_("This report is no longer open for contributions."))
    if area not in Area.values:
        raise ValidationError({"area": _("Choose an area.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the contribution.")})
    if not permissions.can_write_for(actor, area, centre):
        raise ValidationError(_("You can write only for your own area or centre."))
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .filter(report=report, area=area, centre=centre)
        .order_by()
        .first()
    )
    contribution = contribution or Contribution(report=report, area=area, centre=centre, author=actor)
    contribution.text, contribution.author = text.strip(), actor
    with actor_context(actor, action="results_contribution"):
        contribution.save()
    return contribution


def revisions_refresh(report: ProgressReport, ctx: TableContext | None = None) -> list[Revision]:
    """Compares the figures of every earlier period already reported with their live values and keeps
    one revision row per difference (updated in place; a reason already given stays). A difference
    that has gone away keeps its row only if it was explained; otherwise it is removed."""
    logframe = report.period.logframe
    ctx = ctx or TableContext.load(logframe)
    indicators = {i.code: i for i in Indicator.objects.filter(logframe=logframe)}
    periods = {p.number: p for p in ctx.periods}
    seen: set[tuple[int, int]] = set()
    for number, snapshot in sorted(reported_periods(logframe).items()):
        if number >= report.period.number:
            continue
        live = indicator_table(periods[number], ctx)
        for code, reported, current in differences(snapshot.figures, live):
            indicator = indicators.get(code)
            if indicator is None or reported is None or current is None:
                continue
            revision, _created = Revision.objects.update_or_create(
                report=report,
                indicator=indicator,
                period=periods[number],
                defaults={"reported": reported, "current": current},
            )
            seen.add((indicator.pk, periods[number].pk))
    stale = report.revisions.filter(reason="")
    for revision in stale:
        if (revision.indicator_id, revision.period_id) not in seen:
            revision.delete()
    return list(report.revisions.select_related("indicator", "period").order_by("period__number", "indicator__code"))


@transaction.atomic
def revision_explain(*, actor: User, report: ProgressReport, revision: Revision, reason: str) -> Revision:
    report = _locked(report)
    if not permissions.can_edit_report(actor, report) or revision.report_id != report.pk:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    revision.reason, revision.explained_by = reason.strip(), actor
    with actor_context(actor, action="results_revision"):
        revision.save(update_fields=["reason", "explained_by"])
    return revision


def snapshot_take(*, actor: User, report: ProgressReport) -> Snapshot:
    figures = indicator_table(report.period)
    return Snapshot.objects.create(report=report, figures=figures, content_hash=content_hash(figures), created_by=actor)


def report_submit(*, actor: User, report: ProgressReport) -> ProgressReport:
    """Checks the figures reported earlier first and keeps their revisions whatever happens next (a
    refused submission then shows which changes need a reason), then submits and freezes."""
    REPORT.check("submit", report, actor)
    with transaction.atomic():
        revisions_refresh(report)
    with transaction.atomic():
        return _submit(actor, report)


def _submit(actor: User, report: ProgressReport) -> ProgressReport:
    report = _locked(report)
    REPORT.check("submit", report, actor)
    problems = submit_problems(report)
    if problems:
        raise ValidationError(problems)
    REPORT.apply("submit", report, actor)
    report.submitted_by, report.submitted_at = actor, timezone.now()
    report.reviewed_by, report.reviewed_at = None, None
    with actor_context(actor, action="results_report_submit"):
        report.save(update_fields=["status", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"])
        snapshot_take(actor=actor, report=report)
    for admin in User.objects.filter(groups__name=Role.PROGRAMME_ADMIN, is_active=True).exclude(pk=actor.pk):
        notify(recipient=admin, kind="results_report_submitted", context={"report": report}, url=_url(report))
    return report


@transaction.atomic
def report_review(*, actor: User, report: ProgressReport, approve: bool, comment: str = "") -> ProgressReport:
    """Approves the report or returns it with comments: a second programme admin's step."""
    report = _locked(report)
    if report.submitted_by_id == actor.pk:
        raise ValidationError(_("A report is approved or returned by someone other than the person who submitted it."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what needs to be revised.")})
    REPORT.apply("approve" if approve else "return", report, actor)
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    if not approve:
        report.return_comment = comment.strip()
    with actor_context(actor, action="results_report_approve" if approve else "results_report_return"):
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "return_comment"])
    kind = "results_report_approved" if approve else "results_report_returned"
    if report.submitted_by is not None:
        notify(recipient=report.submitted_by, kind=kind, context={"report": report}, url=_url(report))
    return report


@transaction.atomic
def report_send(*, actor: User, report: ProgressReport) -> ProgressReport:
    """Records that the approved report went to the EU; the donor sees it from now on."""
    report = _locked(report)
    REPORT.apply("send", report, actor)
    report.sent_by, report.sent_at = actor, timezone.now()
    with actor_context(actor, action="results_report_send"):
        report.save(update_fields=["status", "sent_by", "sent_at"])
    for donor in User.objects.filter(groups__name=Role.DONOR, is_active=True):
        notify(recipient=donor, kind="results_report_sent", context={"report": report}, url=_url(report))
    return report
