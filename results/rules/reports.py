"""What stops a report or a value from moving on (the checks beside the workflow's)."""

from django.utils.translation import gettext as _

from results.models import REQUIRED_SECTIONS, SECTIONS, ManualValue, ProgressReport


def missing_sections(report: ProgressReport) -> list[str]:
    labels = {name: label for name, label, _required in SECTIONS}
    return [str(labels[name]) for name in REQUIRED_SECTIONS if not getattr(report, name).strip()]


def submit_problems(report: ProgressReport) -> list[str]:
    problems = []
    missing = missing_sections(report)
    if missing:
        problems.append(_("Write these sections before submitting: %(sections)s.") % {"sections": ", ".join(missing)})
    unexplained = [r for r in report.revisions.all() if not r.reason.strip()]
    if unexplained:
        problems.append(
            _("Give the reason for every change to a figure already reported (%(count)s without a reason).")
            % {"count": len(unexplained)}
        )
    return problems


def value_submit_problems(value: ManualValue) -> list[str]:
    if not value.evidence_file and not value.evidence_link:
        return [_("Attach the evidence (a file or a link) before submitting the value.")]
    return []
