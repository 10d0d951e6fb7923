"""A real Celery worker killed with SIGKILL in the middle of an export, a certificate batch and a
reminder run, against the machine's Redis and the test database; a new worker is started and the
outcome checked: each job is finished (or failed with a message), none is left running, nothing is
made or sent twice."""

import csv
import datetime as dt
import io
import json
import os
import signal
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core.services import export_request
from notifications.models import Notification, SentReminder
from organizations.tests.factories import OrganizationFactory
from tests.faults import sent_mail, subject_of, wait_for
from trainings.models import Attendance, Certificate, Event, EventStatus, Session
from trainings.services import certificates_issue, registration_create
from trainings.tasks import send_event_reminders
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def job_state(job):
    job.refresh_from_db()
    return job.status


def private_files(start_worker, folder: str) -> list[Path]:
    root = start_worker.private / folder
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def paused(start_worker) -> dict:
    return json.loads(
        wait_for(
            lambda: start_worker.marker.exists() and start_worker.marker.read_text(),
            timeout=40,
            what="the worker to reach the step",
        )
    )


def export_of_three_organisations():
    for name in ("Basra Water Watch", "Mosul Youth Forum", "Erbil Legal Aid"):
        OrganizationFactory(name=name)
    officer = staff_member(Role.GRANT_OFFICER)
    return export_request(actor=officer, kind="organizations", fmt="csv", params={})


def assert_complete_export(job, start_worker):
    assert (job.status, job.progress, job.row_count, job.failure) == ("done", 100, 3, "")
    rows = list(csv.reader(io.StringIO(job.file.open("rb").read().decode("utf-8-sig"))))
    assert rows[0][0] == "Name"
    assert sorted(r[0] for r in rows[1:]) == ["Basra Water Watch", "Erbil Legal Aid", "Mosul Youth Forum"]
    assert len(private_files(start_worker, "core")) == 1  # the interrupted run left no file behind


def test_an_export_survives_its_worker_killed_and_a_new_worker_finishes_it(start_worker):
    first = start_worker(pause_at="export.progress")
    job = export_of_three_organisations()
    paused(start_worker)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)

    first.kill()
    start_worker()  # the same worker name, as a restarted container has

    wait_for(lambda: job_state(job) == "done", timeout=40, what="the export to be finished by the new worker")
    assert job.attempts == 2
    assert_complete_export(job, start_worker)


def test_an_export_whose_pool_process_is_killed_is_redelivered_and_finished(start_worker):
    worker = start_worker(pause_at="export.progress")
    job = export_of_three_organisations()
    child = paused(start_worker)["pid"]
    assert child != worker.process.pid
    os.kill(child, signal.SIGKILL)  # what the kernel's out-of-memory killer does

    wait_for(lambda: job_state(job) == "done", timeout=40, what="the redelivered export to finish")
    assert job.attempts == 2
    assert_complete_export(job, start_worker)
    assert worker.process.poll() is None  # the worker itself carried on


def completed_event_with_three_attendees():
    event = published_event(sessions=1, title="Fundraising, Basra")
    admin = UserFactory(is_superuser=True)
    session = event.sessions.get()
    for name in ("Dilan Omer", "Omar Younis", "Sara Mahmoud"):
        person = ParticipantFactory(full_name=name)
        registration_create(actor=admin, event=event, participant=person)
        Attendance.objects.create(session=session, participant=person, status="present")
    Event.objects.filter(pk=event.pk).update(status=EventStatus.COMPLETED)
    event.refresh_from_db()
    return event


def test_a_certificate_batch_survives_its_worker_killed_and_each_pdf_is_made_once(start_worker):
    event = completed_event_with_three_attendees()
    first = start_worker(pause_at="certificate.render", skip=1)  # stops while making the second PDF
    assert certificates_issue(actor=staff_member(Role.CENTRE_STAFF, centre_slug="erbil"), event=event) == 3
    stopped_at = paused(start_worker)["certificate_id"]
    assert Certificate.objects.filter(rendered_at__isnull=False).count() == 1

    first.kill()
    start_worker()

    def all_rendered():
        return Certificate.objects.filter(event=event, rendered_at__isnull=True).count() == 0

    wait_for(all_rendered, timeout=40, what="every certificate's PDF")
    certificates = list(Certificate.objects.filter(event=event))
    assert len(certificates) == 3  # issued once per participant and event
    assert stopped_at in {c.pk for c in certificates}
    files = private_files(start_worker, "trainings")
    assert sorted(p.name for p in files) == sorted(Path(c.file.name).name for c in certificates)
    assert all(p.read_bytes().startswith(b"%PDF") for p in files)


def test_a_reminder_run_survives_its_worker_killed_and_sends_each_reminder_once(start_worker):
    event = published_event(title="Strategic planning, Mosul")
    people = [UserFactory(email=f"person{i}@example.org") for i in range(3)]
    for person in people:
        registration_create(actor=person, event=event, participant=ParticipantFactory(user=person))
    # Tomorrow at ten (within the two-day window, and a session that ends on the day it starts
    # whatever the time of the run).
    start = (timezone.localtime() + dt.timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(hours=2)
    Session.objects.filter(event=event).update(
        date=start.date(), start_time=start.time(), end_time=end.time(), period=(start, end)
    )
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=end)
    reminders = Notification.objects.filter(kind="event_reminder")

    first = start_worker(pause_at="notify_once.sent")
    send_event_reminders.delay()
    paused(start_worker)  # stopped after the first reminder of the run
    assert reminders.count() == 1

    first.kill()
    start_worker()

    wait_for(lambda: reminders.count() == 3, timeout=40, what="the rest of the reminder run")
    assert send_event_reminders.apply().get() == 0  # one more run (beat, a redelivery) sends nothing

    subjects = {f"[Tatweer] {n.subject}" for n in reminders}

    def reminder_mail():
        return [m for m in sent_mail(start_worker.mail) if subject_of(m) in subjects]

    wait_for(lambda: len(reminder_mail()) >= 3, timeout=30, what="the reminder e-mails")
    assert sorted(m["To"] for m in reminder_mail()) == sorted(p.email for p in people)  # one each
    assert sorted(reminders.values_list("recipient_id", flat=True)) == sorted(p.pk for p in people)
    assert SentReminder.objects.filter(key__startswith=f"event-reminder:{event.pk}:").count() == 3
