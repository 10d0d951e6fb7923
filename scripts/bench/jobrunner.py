"""One background job, run in this child process the way the Celery worker runs it (the task's own
function, in-process), with the bench server's settings. `python scripts/bench/jobrunner.py JOB`
prints one JSON line: the job's wall time, the RSS after Django's set-up, and what it made. The
parent reads the child's peak RSS from wait4(). Nothing it makes is kept: exports go to a temporary
private-files folder (the parent sets PRIVATE_MEDIA_ROOT and MEDIA_ROOT), certificates are issued and
rendered inside a transaction that is rolled back.

Jobs: indicators (the full programme-indicators export, XLSX), report (the donor's progress-report
PDF), attendance (200,000 attendance rows through core.exports.write to XLSX: the project has no
attendance export kind, so the rows go through the writer every table export uses; rows the demo
lacks are added for the run in SQL and rolled back, and only the export is timed), certificates
(issuing and rendering the PDFs of an event whose attendance is topped up to 100 people, rolled back).
Peak RSS covers the whole child, Django's set-up included (reported apart).
"""

import contextlib
import json
import os
import resource
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tatweer.settings.production")

import django  # noqa: E402 after sys.path

django.setup()

from django.db import connection, transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from core import exports  # noqa: E402
from core.models import ExportJob  # noqa: E402
from core.tasks import run_export  # noqa: E402

ATTENDANCE_ROWS = 200_000
CERTIFICATES = 100
DONOR = "donor@tatweer.example"
ADMIN = "admin@tatweer.example"


class Rollback(Exception):
    pass


def _export(kind: str, fmt: str, params: dict, email: str) -> str:
    job = ExportJob.objects.create(user=User.objects.get(email=email), kind=kind, format=fmt, params=params)
    outcome = run_export.apply(args=[job.pk]).get()
    job.refresh_from_db()
    if outcome != "done":
        raise RuntimeError(f"export {kind} ended {outcome}: {job.error}")
    return f"{job.row_count} rows, {job.file.size:,} bytes ({fmt})"


def indicators() -> tuple[str, float]:
    started = time.monotonic()
    return _export("indicators", "xlsx", {}, DONOR), time.monotonic() - started


def report() -> tuple[str, float]:
    from results import permissions  # noqa: PLC0415 only for this job
    from results.models import ProgressReport  # noqa: PLC0415 only for this job

    donor = User.objects.get(email=DONOR)
    reports = ProgressReport.objects.select_related("period").order_by("-period__number")
    seen = next((r for r in reports if permissions.can_see_report(donor, r)), None)
    if seen is None:
        raise RuntimeError("the donor sees no progress report in the demo")
    started = time.monotonic()
    made = _export("results-report", "pdf", {"number": str(seen.period.number)}, DONOR)
    return f"report of period {seen.period.number}: {made}", time.monotonic() - started


def _top_up_attendance(wanted: int) -> int:
    """Adds attendance rows (present, one per session and person not yet recorded) until there are
    `wanted`, inside the caller's transaction, which the job rolls back. Returns how many it added."""
    from trainings.models import Attendance, Participant, Session  # noqa: PLC0415 only for these jobs

    missing = wanted - Attendance.objects.count()
    if missing <= 0:
        return 0
    table, sessions, people = Attendance._meta.db_table, Session._meta.db_table, Participant._meta.db_table
    with connection.cursor() as cursor:
        # Without the audit triggers for these rows (a superuser setting, for this transaction only,
        # which is rolled back): 200,000 history rows would make the set-up, not the export, the run.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"INSERT INTO {table} (session_id, participant_id, status, recorded_at) "  # noqa: S608 model tables
            f"SELECT s.id, p.id, 'present', now() FROM {sessions} s CROSS JOIN {people} p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} a WHERE a.session_id = s.id AND a.participant_id = p.id) "
            "LIMIT %s",
            [missing],
        )
        added = cursor.rowcount
        cursor.execute("SET LOCAL session_replication_role = origin")
        return added


def attendance() -> tuple[str, float]:
    from trainings.models import Attendance  # noqa: PLC0415 only for this job

    result: tuple[str, float] = ("", 0.0)
    with contextlib.suppress(Rollback), transaction.atomic():
        added = _top_up_attendance(ATTENDANCE_ROWS)
        started = time.monotonic()
        rows = (
            Attendance.objects.order_by("pk")
            .values_list("pk", "session__event__title", "session__date", "participant__full_name", "status")[
                :ATTENDANCE_ROWS
            ]
            .iterator(chunk_size=2000)
        )
        columns = ["id", "event", "date", "participant", "status"]
        count = 0

        def counted(done: int) -> None:
            nonlocal count
            count = done

        content = exports.write("xlsx", columns, ([*row] for row in rows), counted)
        note = f" ({added:,} of them added for the run and rolled back)" if added else ""
        result = (f"{count:,} rows, {len(content):,} bytes (xlsx){note}", time.monotonic() - started)
        raise Rollback
    return result


def certificates() -> tuple[str, float]:
    from trainings.models import Attendance, Certificate, Event, EventStatus, Participant  # noqa: PLC0415
    from trainings.services.certificates import certificates_issue  # noqa: PLC0415 only for this job
    from trainings.tasks import render_certificate  # noqa: PLC0415 only for this job

    admin = User.objects.get(email=ADMIN)
    event = Event.objects.filter(status=EventStatus.COMPLETED).order_by("-capacity", "pk").first()
    if event is None:
        raise RuntimeError("no completed event in the demo")
    result: tuple[str, float] = ("", 0.0)
    with contextlib.suppress(Rollback), transaction.atomic():
        # 100 people present at every session of the event, for this run only (rolled back).
        people = list(Participant.objects.order_by("pk").values_list("pk", flat=True)[:CERTIFICATES])
        for session in event.sessions.filter(is_cancelled=False):
            for pk in people:
                Attendance.objects.update_or_create(session=session, participant_id=pk, defaults={"status": "present"})
        started = time.monotonic()
        certificates_issue(actor=admin, event=event)
        Certificate.objects.filter(event=event).update(rendered_at=None)
        chosen = list(Certificate.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))
        rendered = sum(bool(render_certificate.apply(args=[pk]).get()) for pk in chosen[:CERTIFICATES])
        detail = f"{rendered} PDFs for event {event.pk} (its attendance topped up to {len(people)} people, rolled back)"
        result = (detail, time.monotonic() - started)
        raise Rollback
    return result


JOBS = {"indicators": indicators, "report": report, "attendance": attendance, "certificates": certificates}


def main() -> None:
    name = sys.argv[1]
    baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.monotonic()
    try:
        (detail, seconds), ok = JOBS[name](), True
    except Exception as error:  # reported to the bench, which prints it
        detail, seconds, ok = f"{type(error).__name__}: {error}", time.monotonic() - started, False
    answer = {"seconds": seconds, "baseline_mb": baseline_mb, "detail": detail, "ok": ok}
    sys.stdout.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
