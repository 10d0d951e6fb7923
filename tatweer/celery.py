import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_init, worker_ready

from tatweer.embedded_db import ensure_started

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tatweer.settings.local")

app = Celery("tatweer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives in code, next to the tasks it runs.
app.conf.beat_schedule = {
    "purge-old-read-notifications": {
        "task": "notifications.tasks.purge_read_notifications",
        "schedule": crontab(hour=3, minute=15),
    },
    "event-reminders": {
        "task": "trainings.tasks.send_event_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "grant-report-reminders": {
        "task": "grants.tasks.send_report_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "legal-task-reminders": {
        "task": "legal_aid.tasks.send_task_reminders",
        "schedule": crontab(minute=5),
    },
    "legal-retention": {
        "task": "legal_aid.tasks.anonymise_closed_cases",
        "schedule": crontab(hour=3, minute=45),
    },
    "recover-interrupted-work": {
        "task": "core.tasks.recover_exports",
        "schedule": crontab(minute="*/5"),
    },
    "render-pending-certificates": {
        "task": "trainings.tasks.render_pending_certificates",
        "schedule": crontab(minute="*/10"),
    },
    "results-report-reminders": {
        "task": "results.tasks.send_due_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
    "platform-digests": {
        "task": "commons.tasks.send_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "platform-uptake-follow-ups": {
        "task": "commons.tasks.ask_uptake_follow_ups",
        "schedule": crontab(hour=7, minute=40),
    },
    "partnerships-visit-follow-ups": {
        "task": "partnerships.tasks.send_visit_follow_up_reminders",
        "schedule": crontab(hour=7, minute=45),
    },
    "partnerships-agreement-states": {
        "task": "partnerships.tasks.update_agreement_states",
        "schedule": crontab(hour=0, minute=20),
    },
    "partnerships-agreement-reminders": {
        "task": "partnerships.tasks.send_agreement_reminders",
        "schedule": crontab(hour=7, minute=50),
    },
    "refresh-leadership-flags": {
        "task": "organizations.tasks.refresh_leadership_flags",
        "schedule": crontab(hour=2, minute=30),
    },
}

# What a worker does as it starts. A worker killed with SIGKILL (or out of memory, or a container
# restart) cannot hand back the messages it held; Redis gives them to another worker only after the
# visibility timeout. So a starting worker puts right what its predecessor of the same name left:
# its exports still "running" are queued again, certificates without a PDF are queued again, and
# the reminder runs are caught up. Every one of these is idempotent (claims, locks, notify_once
# keys), so a duplicate run or a later redelivery changes nothing.
RECOVERY_ON_START = [
    ("core.tasks.recover_exports", lambda worker: {"worker": worker}),
    ("trainings.tasks.render_pending_certificates", lambda worker: {"older_than_seconds": 0}),
    ("trainings.tasks.send_event_reminders", lambda worker: {}),
    ("grants.tasks.send_report_reminders", lambda worker: {}),
    ("legal_aid.tasks.send_task_reminders", lambda worker: {}),
    ("results.tasks.send_due_reminders", lambda worker: {}),
    ("commons.tasks.send_digests", lambda worker: {}),
    ("commons.tasks.ask_uptake_follow_ups", lambda worker: {}),
    ("partnerships.tasks.send_visit_follow_up_reminders", lambda worker: {}),
    ("partnerships.tasks.update_agreement_states", lambda worker: {}),
    ("partnerships.tasks.send_agreement_reminders", lambda worker: {}),
]


@worker_init.connect
def start_embedded_database(sender=None, **kwargs):
    """A development worker without DATABASE_URL uses the embedded PostgreSQL: started (or found) here,
    in the main process before the pool forks; nothing in production."""
    ensure_started()


@worker_ready.connect
def recover_interrupted_work(sender=None, **kwargs):
    worker = getattr(sender, "hostname", "") or ""
    for name, arguments in RECOVERY_ON_START:
        app.send_task(name, kwargs=arguments(worker))
