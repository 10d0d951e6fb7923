"""The signed addresses of trainings, read without signing in: a person's calendar feed, and the
check-in code on their registration (staff scan it at the door)."""

import segno
from django.core import signing
from django.urls import reverse

from trainings.models import Registration

ICAL_SALT = "tatweer.trainings.ical"
CHECK_IN_SALT = "tatweer.trainings.check-in"


def ical_token(user) -> str:
    return signing.dumps(user.pk, salt=ICAL_SALT)


def ical_user_pk(token: str) -> int:
    """The person whose feed this is; `signing.BadSignature` for a token that is not ours."""
    return signing.loads(token, salt=ICAL_SALT)


def check_in_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=CHECK_IN_SALT, compress=True)


def check_in_registration_pk(token: str):
    """The registration a check-in code stands for; `signing.BadSignature` for a token that is not ours."""
    return signing.loads(token, salt=CHECK_IN_SALT).get("r")


def check_in_qr(request, registration: Registration) -> str:
    """The check-in code as an SVG data URI, for the person's event page."""
    url = request.build_absolute_uri(reverse("trainings:check_in", args=[check_in_token(registration)]))
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)
