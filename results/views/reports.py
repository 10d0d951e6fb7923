"""Progress reports: the list of periods with their due dates, and each period's report page (the
narrative, the figures beside it, the contributions, the revisions, the steps and the files)."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core import exports
from core.forms import posted
from core.models import ExportJob
from core.permissions import require
from core.viewhelpers import run_service, submitted
from results import display, permissions
from results.forms import ContributionForm, ReportForm, ReviewForm, RevisionForm
from results.models import SECTIONS, ProgressReport, ReportStatus, Revision
from results.selectors import latest_snapshot
from results.services import reports as services
from results.views.pages import logframe_or_404, period_or_404
from results.workflows import REPORT


@require(permissions.reads_results)
def report_list(request):
    logframe = logframe_or_404()
    donor = permissions.is_donor(request.user)
    periods = list(logframe.periods.order_by("number"))
    reports = {r.period_id: r for r in ProgressReport.objects.filter(period__logframe=logframe)}
    today = timezone.localdate()
    rows = []
    for period in periods:
        report = reports.get(period.pk)
        if donor and (report is None or report.status != ReportStatus.SENT):
            report = None
        rows.append(
            {
                "period": period,
                "report": report,
                "overdue": period.due < today and (report is None or report.status != ReportStatus.SENT),
                "begun": period.start <= today,
            }
        )
    return render(request, "results/report_list.html", {"rows": rows, "donor": donor, "logframe": logframe})


def _report_or_404(request: HttpRequest, number: int, *, create: bool = False) -> ProgressReport:
    logframe = logframe_or_404()
    period = period_or_404(logframe, number)
    report = ProgressReport.objects.filter(period=period).select_related("period__logframe__programme").first()
    if report is None:
        if not create or not permissions.contributes(request.user) or period.start > timezone.localdate():
            raise Http404
        report = services.report_for(actor=cast(User, request.user), period=period)
    if not permissions.can_see_report(request.user, report):
        raise Http404
    return report


def _page(request, report, **forms):
    donor = permissions.is_donor(request.user)
    editable = permissions.can_edit_report(request.user, report)
    actions = REPORT.actions_for(report, request.user)
    # Revisions are found when the report is submitted (services.report_submit keeps them even when
    # it refuses), not on every page view: that would recompute every earlier period on each GET.
    revisions = list(report.revisions.select_related("indicator", "period").order_by("period__number"))
    jobs = ExportJob.objects.filter(kind="results-report", params__number=str(report.period.number))
    if donor:
        jobs = jobs.filter(user=request.user)
    history = list(jobs.select_related("user").order_by("-created_at")[:20])
    context = {
        "report": report,
        "period": report.period,
        "donor": donor,
        "editable": editable,
        "actions": actions,
        # the "Next step" card: submitting is the narrative form's own button when the reader edits it
        "steps": [a for a in actions if a != "submit" or not editable],
        "snapshot": latest_snapshot(report) if report.frozen else None,
        "contributions": report.contributions.select_related("centre", "author"),
        "revisions": revisions,
        "history": history,
        "form": forms.get("form") or (ReportForm(instance=report) if editable else None),
        "contribution_form": forms.get("contribution_form")
        or (ContributionForm() if permissions.can_contribute_to(request.user, report) else None),
        "review_form": forms.get("review_form") or ReviewForm(),
        "revision_form": RevisionForm(),
        "formats": (
            [("pdf", _("Report as PDF")), ("docx", _("Report as Word (DOCX)"))] if exports.get("results-report") else []
        ),
        "sections": [{"label": label, "text": getattr(report, name)} for name, label, _required in SECTIONS],
        **display.report_figures(report, donor=donor),
    }
    return render(request, "results/report.html", context)


@require(permissions.reads_results)
def report(request, number):
    """GET shows the report (a draft is begun the first time a contributor opens a period that has
    begun); POST saves the narrative as a draft, or saves and submits it ("submit" button)."""
    report = _report_or_404(request, number, create=request.method == "GET")
    if request.method != "POST":
        return _page(request, report)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied
    form = ReportForm(posted(request), instance=ProgressReport.objects.get(pk=report.pk))
    if not submitted(request, form):
        return _page(request, report, form=form)
    saved = run_service(
        request,
        lambda: services.report_save(actor=request.user, report=report, data=form.cleaned_data),
        form=form,
        success=None if "submit" in request.POST else _("The draft is saved."),
    )
    if saved and "submit" in request.POST:
        saved = run_service(
            request,
            lambda: services.report_submit(actor=request.user, report=saved.value),
            form=form,
            success=_("The report is submitted for approval. Its figures are frozen."),
        )
    if saved:
        return redirect("results:report", number=report.period.number)
    return _page(request, ProgressReport.objects.get(pk=report.pk), form=form)


@require(permissions.contributes)
@require_POST
def report_step(request, number, action):
    """Return, approve or send (submitting goes with the narrative's form)."""
    report = _report_or_404(request, number)
    if action not in ("return", "approve", "send"):
        raise Http404
    form = ReviewForm(request.POST)
    if not submitted(request, form):
        return _page(request, report, review_form=form)
    if action == "send":
        call = lambda: services.report_send(actor=request.user, report=report)  # noqa: E731
        success = _("The report is recorded as sent to the EU. The donor can now read it.")
    else:
        call = lambda: services.report_review(  # noqa: E731
            actor=request.user, report=report, approve=action == "approve", comment=form.cleaned_data["comment"]
        )
        success = _("The report is approved.") if action == "approve" else _("The report is returned for revision.")
    if run_service(request, call, form=form, success=success):
        return redirect("results:report", number=report.period.number)
    return _page(request, ProgressReport.objects.get(pk=report.pk), review_form=form)


@require(permissions.contributes)
@require_POST
def contribution(request, number):
    report = _report_or_404(request, number)
    form = ContributionForm(request.POST)
    if submitted(request, form) and run_service(
        request,
        lambda: services.contribution_save(actor=request.user, report=report, **form.cleaned_data),
        form=form,
        success=_("Your contribution is saved."),
    ):
        return redirect("results:report", number=report.period.number)
    return _page(request, report, contribution_form=form)


@require(permissions.manages_results)
@require_POST
def revision(request, number, pk):
    report = _report_or_404(request, number)
    revision = get_object_or_404(Revision, pk=pk, report=report)
    form = RevisionForm(request.POST)
    if submitted(request, form):
        run_service(
            request,
            lambda: services.revision_explain(
                actor=request.user, report=report, revision=revision, reason=form.cleaned_data["reason"]
            ),
            success=_("The reason is recorded."),
        )
    else:
        messages.error(request, _("Give the reason for the change."))
    return redirect("results:report", number=report.period.number)
