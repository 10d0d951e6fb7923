"""Background exports.

A worker can be killed at any point (SIGKILL, out of memory, a container restart). Messages are
acknowledged late (settings), so an interrupted export's message comes back: at once when only the
pool process died (reject_on_worker_lost), after the visibility timeout when the whole worker died,
or sooner when the worker restarts and recovers its own interrupted jobs (recover_exports). The task
body makes that safe:

- a job is claimed in one locked update that counts the attempt; a redelivered message may take over
  a job left "running", a duplicate message may not;
- every write of a run (progress, the finished file, a failure) is conditional on its attempt still
  holding the job, so a superseded run can never overwrite a later one, and the file is made once;
- after TATWEER_EXPORT_MAX_ATTEMPTS interrupted runs, or when a running job's heartbeat has been
  silent for TATWEER_EXPORT_STALE_AFTER seconds, the job is marked failed as interrupted, which the
  export page explains and offers to start again.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from core import exports
from core.models import ExportJob
from core.resilience import task_step

logger = logging.getLogger(__name__)

Status = ExportJob.Status
QUEUED_LOST_AFTER = timedelta(minutes=10)


class Superseded(Exception):
    """This run no longer holds its job (a later attempt took it over, or it was marked failed)."""


def _claim(job_id: int, *, redelivered: bool, worker: str) -> ExportJob | None:
    """Takes the job for a new attempt, or returns None when this message must not run it."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return None
        takes_over = job.status == Status.RUNNING and redelivered
        if job.status != Status.QUEUED and not takes_over:
            return None
        now = timezone.now()
        if job.attempts >= settings.TATWEER_EXPORT_MAX_ATTEMPTS:
            job.status, job.failure, job.finished_at = Status.FAILED, ExportJob.Failure.INTERRUPTED, now
            job.error = f"interrupted {job.attempts} times"
            job.save(update_fields=["status", "failure", "finished_at", "error"])
            logger.error("Export %s interrupted %s times: marked failed", job_id, job.attempts)
            return None
        job.attempts += 1
        job.status, job.progress, job.row_count = Status.RUNNING, 0, 0
        job.started_at = job.heartbeat_at = now
        job.worker = worker[:200]
        job.save(update_fields=["attempts", "status", "progress", "row_count", "started_at", "heartbeat_at", "worker"])
        return job


def _held(job: ExportJob):
    """The job's row, as long as this run's attempt still holds it."""
    return ExportJob.objects.filter(pk=job.pk, status=Status.RUNNING, attempts=job.attempts)


@shared_task(bind=True)
def run_export(self, job_id: int) -> str:
    """Builds one export from scratch. Safe to deliver twice and to kill at any point."""
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    job = _claim(job_id, redelivered=redelivered, worker=self.request.hostname or "")
    if job is None:
        return "skipped"
    job = ExportJob.objects.select_related("user").get(pk=job.pk)
    exporter = exports.get(job.kind)
    try:
        if exporter is None or not exporter.permission(job.user):
            raise PermissionError("not allowed")
        with translation.override(job.language):
            total = max(exporter.count(job.user, job.params), 1)

            def on_progress(done: int) -> None:
                if not _held(job).update(
                    progress=min(99, 100 * done // total), row_count=done, heartbeat_at=timezone.now()
                ):
                    raise Superseded
                task_step("export.progress", job_id=job.pk, attempt=job.attempts, rows=done)

            if exporter.build is not None:
                content = exporter.build(job.user, job.params, job.format, on_progress)
            else:
                content = exports.write(
                    job.format, exporter.columns(), exporter.rows(job.user, job.params), on_progress
                )
            stem = exporter.filename(job.params, job.format) if exporter.filename else exporter.kind
            filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{job.format}"
        with transaction.atomic():
            current = _held(job).select_for_update().first()
            if current is None:
                raise Superseded
            current.file.save(filename, ContentFile(content), save=False)
            current.filename = filename
            current.status, current.progress, current.finished_at = Status.DONE, 100, timezone.now()
            current.save(update_fields=["file", "filename", "status", "progress", "finished_at"])
    except Superseded:
        logger.info("Export %s attempt %s superseded", job_id, job.attempts)
        return "superseded"
    except Exception as error:  # the job page tells the person; the log keeps the details
        logger.exception("Export %s failed", job_id)
        _held(job).update(
            status=Status.FAILED, failure=ExportJob.Failure.ERROR, error=str(error)[:500], finished_at=timezone.now()
        )
        return "failed"
    return "done"


def fail_if_stale(job: ExportJob) -> bool:
    """Marks a running job failed as interrupted when its heartbeat has been silent too long (its
    worker died and nothing took it over). The export page calls this, and so does the sweep."""
    if job.status != Status.RUNNING:
        return False
    limit = timezone.now() - timedelta(seconds=settings.TATWEER_EXPORT_STALE_AFTER)
    silent = Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit)
    updated = ExportJob.objects.filter(silent, pk=job.pk, status=Status.RUNNING, attempts=job.attempts).update(
        status=Status.FAILED,
        failure=ExportJob.Failure.INTERRUPTED,
        error="no progress since the worker stopped",
        finished_at=timezone.now(),
    )
    if updated:
        job.refresh_from_db()
    return bool(updated)


@shared_task
def recover_exports(worker: str = "") -> dict:
    """Puts interrupted exports right. Run by a worker as it starts (with its own name: a job still
    "running" under that name belonged to the killed process before it, so it is queued again) and
    every few minutes by beat (a running job silent too long is marked failed; a job queued long ago
    whose message was lost, e.g. Redis restarted empty, is sent again: a duplicate is skipped)."""
    requeued = failed = resent = 0
    if worker:
        orphans = list(ExportJob.objects.filter(status=Status.RUNNING, worker=worker).values_list("pk", "attempts"))
        for pk, attempts in orphans:
            if ExportJob.objects.filter(pk=pk, status=Status.RUNNING, attempts=attempts).update(status=Status.QUEUED):
                run_export.delay(pk)
                requeued += 1
    for job in ExportJob.objects.filter(status=Status.RUNNING):
        failed += fail_if_stale(job)
    now = timezone.now()
    for pk in ExportJob.objects.filter(
        status=Status.QUEUED, created_at__lt=now - QUEUED_LOST_AFTER, created_at__gt=now - timedelta(days=1)
    ).values_list("pk", flat=True):
        run_export.delay(pk)
        resent += 1
    if requeued or failed or resent:
        logger.warning("Exports recovered: %s queued again, %s failed, %s sent again", requeued, failed, resent)
    return {"requeued": requeued, "failed": failed, "resent": resent}
