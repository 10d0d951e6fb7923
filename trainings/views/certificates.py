"""Certificates: issuing them for a completed event, following their PDFs, the public check."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.viewhelpers import run_service
from trainings import permissions, selectors, services
from trainings.models import Certificate


def _issued(count: int) -> str:
    return ngettext(
        "%(count)d certificate issued; its PDF is being prepared.",
        "%(count)d certificates issued; their PDFs are being prepared.",
        count,
    ) % {"count": count}


@login_required
@require_POST
def certificates_issue(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    run_service(request, lambda: services.certificates_issue(actor=request.user, event=event), success=_issued)
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
def event_certificates(request, pk):
    """The event's certificates and how far their PDFs are (polled by htmx while some are pending)."""
    event = selectors.event_for_user_or_404(request.user, pk, may=permissions.can_manage_event)
    certificates = list(event.certificates.select_related("participant"))
    context = {
        "event": event,
        "certificates": certificates,
        "pending": any(c.rendered_at is None for c in certificates),
    }
    return render(request, "trainings/partials/certificates.html", context)


def certificate_verify(request, code):
    """The public check behind the QR code on every certificate."""
    certificate = (
        Certificate.objects.select_related("event__centre", "participant").filter(code=code.strip().upper()).first()
    )
    status = 200 if certificate else 404
    return render(
        request, "trainings/certificate_verify.html", {"certificate": certificate, "code": code}, status=status
    )
