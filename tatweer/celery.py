import os

from celery import Celery
from celery.schedules import crontab

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
    "refresh-leadership-flags": {
        "task": "organizations.tasks.refresh_leadership_flags",
        "schedule": crontab(hour=2, minute=30),
    },
}
