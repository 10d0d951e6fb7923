"""Run in a child process with the bench server's settings and environment (never imported by the
bench itself): `python scripts/bench/inprocess.py prepare|count` reads JSON on stdin, writes JSON.

prepare: gives each demo staff login an authenticator app with the bench's secret (bench database
  only: production settings require staff MFA, so the bench signs in with a real TOTP code), and fills
  the paths holding `{...}` from the data.
count: requests each page twice with django.test.Client as its login (force_login), and reports the
  queries of the second request (the steady state wrk measures) and its status.
profile: requests each page `repeat` times after a warm-up and reports the mean time per request, the
  part of it spent in SQL, and the functions with most cumulative time under cProfile (`make bench
  BENCH_ARGS="--profile --only ..."`): where to look before changing anything.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time
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


class SqlTimer:
    """An execute_wrapper adding up the time and number of the statements run inside it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.statements: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.seconds += spent
            self.statements.setdefault(sql, []).append(spent)


def profile(request: dict) -> dict:
    results = {}
    repeat = int(request.get("repeat", 20))
    for page in request["pages"]:
        client = Client(HTTP_HOST="127.0.0.1")
        if page["role"] != "anonymous":
            client.force_login(User.objects.get(email=request["logins"][page["role"]]))
        client.get(page["path"])
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            for _ in range(repeat):
                response = client.get(page["path"])
                status = response.status_code
            wall = (time.perf_counter() - started) / repeat
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(max(3, repeat // 4)):
            client.get(page["path"])
        profiler.disable()
        out = io.StringIO()
        top = int(request.get("top", 25))
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(top)  # where the time is spent
        stats.sort_stats("cumulative").print_stats(r"^(?!.*(site-packages|lib/python))", top)  # by whom, ours
        slowest = sorted(timer.statements.items(), key=lambda item: -sum(item[1]))[:5]
        results[page["key"]] = {
            "status": status,
            "cookies": sorted(response.cookies),  # a page that sets one is never kept for visitors
            "ms": wall * 1000,
            "sql_ms": timer.seconds * 1000 / repeat,
            "queries": sum(len(v) for v in timer.statements.values()) / repeat,
            "slowest_sql": [[sum(v) * 1000 / repeat, len(v) / repeat, sql[:600]] for sql, v in slowest],
            "profile": out.getvalue(),
        }
    return results


def main() -> None:
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    answer = {"prepare": prepare, "count": count, "profile": profile}[mode](request)
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
