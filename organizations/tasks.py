from celery import shared_task

from organizations.invitations import invitation_email
from organizations.leadership import organization_refresh_leadership_flags
from organizations.models import Invitation, InvitationStatus, Organization


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_invitation_email(self, invitation_id: int, language: str) -> bool:
    """E-mails the invitation link. Safe to repeat: a used or withdrawn invitation is not sent."""
    invitation = Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return False
    try:
        invitation_email(invitation, language).send()
    except OSError as error:
        raise self.retry(exc=error) from error
    return True


@shared_task
def refresh_leadership_flags() -> int:
    """Nightly: terms end and people age out of youth, so the women-/youth-led flags are recomputed."""
    changed = 0
    for organization in Organization.objects.prefetch_related("leadership").iterator(chunk_size=500):
        changed += organization_refresh_leadership_flags(organization=organization)
    return changed
