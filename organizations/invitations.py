"""Invitation links: the signed token an invitation is sent with, reading it back, and the e-mail that
carries it. Below the services (which create and accept invitations) and the tasks (which send them)."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from organizations.models import Invitation, InvitationStatus

INVITATION_SALT = "tatweer.organizations.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600  # seconds: an invitation link works for two weeks


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link stands for, or a ValidationError saying why it no longer works."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This invitation has expired. Ask the organisation to invite you again."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid."), code="invalid") from error
    invitation = Invitation.objects.select_related("organization").filter(pk=data.get("i"), email=data.get("e")).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.status == InvitationStatus.REVOKED:
        raise ValidationError(_("This invitation has been withdrawn."), code="revoked")
    return invitation


def invitation_email(invitation: Invitation, language: str) -> EmailMultiAlternatives:
    """The invitation e-mail with its signed link, in `language`."""
    with translation.override(language):
        link = settings.SITE_URL + reverse("organizations:invitation", args=[invitation_token(invitation)])
        context = {"invitation": invitation, "link": link, "language": language}
        subject = " ".join(
            render_to_string("organizations/email/invitation_subject.txt", context, using="text").split()
        )
        text = render_to_string("organizations/email/invitation.txt", context, using="text")
    return EmailMultiAlternatives(subject=subject, body=text, to=[invitation.email])
