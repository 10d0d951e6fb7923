from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organizations.models import Invitation, InvitationStatus, Organization


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_invitation_email(self, invitation_id: int, language: str) -> bool:
    """E-mails the invitation link. Safe to repeat: a used or withdrawn invitation is not sent."""
    from organizations.services import invitation_token

    invitation = Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return False
    with translation.override(language):
        link = settings.SITE_URL + reverse("organizations:invitation", args=[invitation_token(invitation)])
        context = {"invitation": invitation, "link": link, "language": language}
        subject = " ".join(
            render_to_string("organizations/email/invitation_subject.txt", context, using="text").split()
        )
        text = render_to_string("organizations/email/invitation.txt", context, using="text")
    message = EmailMultiAlternatives(subject=subject, body=text, to=[invitation.email])
    try:
        message.send()
    except OSError as error:
        raise self.retry(exc=error) from error
    return True


@shared_task
def refresh_leadership_flags() -> int:
    """Nightly: terms end and people age out of youth, so the women-/youth-led flags are recomputed."""
    from organizations.services import organization_refresh_leadership_flags

    changed = 0
    for organization in Organization.objects.prefetch_related("leadership").iterator(chunk_size=500):
        changed += organization_refresh_leadership_flags(organization=organization)
    return changed
