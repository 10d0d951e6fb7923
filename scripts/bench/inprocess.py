"""Run in a child process with the bench server's settings and environment (never imported by the
bench itself): `python scripts/bench/inprocess.py prepare|count` reads JSON on stdin, writes JSON.

prepare: gives each demo staff login an authenticator app with the bench's secret (bench database
  only: production settings require staff MFA, so the bench signs in with a real TOTP code), and fills
  the paths holding `{...}` from the data.
count: requests each page twice with django.test.Client as its login (force_login), and reports the
  queries of the second request (the steady state wrk measures) and its status.
"""

import json
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tatweer.settings.production")

import django  # noqa: E402 after sys.path

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from grants.models import GrantCall  # noqa: E402
from trainings.models import Session  # noqa: E402


def prepare(request: dict) -> dict:
    secret = request["totp_secret"]
    with_mfa = []
    for email in request["logins"].values():
        user = User.objects.get(email=email)
        if not user.is_programme_staff:
            continue
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        TOTP.activate(user, secret)
        with_mfa.append(email)
    sessions = Session.objects.filter(is_cancelled=False).annotate(people=Count("event__registrations"))
    centre_sessions = sessions.filter(event__centre__slug=request["staff_centre"])
    session = (centre_sessions.order_by("-people", "-date").first()) or sessions.order_by("-people").first()
    call = GrantCall.objects.annotate(n=Count("applications")).order_by("-n").first()
    values = {
        "event": session.event_id if session else 0,
        "session": session.pk if session else 0,
        "call": call.code if call else "none",
    }
    return {"mfa": with_mfa, "values": values, "session_people": getattr(session, "people", 0)}


def count(request: dict) -> dict:
    results = {}
    users: dict[str, User | None] = {}
    for page in request["pages"]:
        role = page["role"]
        if role not in users:
            users[role] = None if role == "anonymous" else User.objects.get(email=request["logins"][role])
        client = Client(HTTP_HOST="127.0.0.1")
        person = users[role]
        if person is not None:
            client.force_login(person)
        client.get(page["path"])  # warms what a running server has warm (caches, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["path"])
        results[page["key"]] = {"queries": len(queries), "status": response.status_code}
    return results


def main() -> None:
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    answer = prepare(request) if mode == "prepare" else count(request)
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
