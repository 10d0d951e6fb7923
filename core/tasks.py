import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from core import exports
from core.models import ExportJob

logger = logging.getLogger(__name__)


@shared_task
def run_export(job_id: int) -> str:
    """Builds one export. Safe to run twice: only a queued job is claimed."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING
    )
    if not claimed:
        return "skipped"
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    exporter = exports.get(job.kind)
    try:
        if exporter is None or not exporter.permission(job.user):
            raise PermissionError("not allowed")
        with translation.override(job.language):
            total = max(exporter.count(job.user, job.params), 1)

            def on_progress(done: int) -> None:
                ExportJob.objects.filter(pk=job_id).update(progress=min(99, 100 * done // total), row_count=done)

            content = exports.write(job.format, exporter.columns(), exporter.rows(job.user, job.params), on_progress)
            filename = f"{exporter.kind}-{timezone.localdate():%Y-%m-%d}.{job.format}"
        job.refresh_from_db(fields=["row_count"])
        job.file.save(filename, ContentFile(content), save=False)
        job.filename = filename
        job.status = ExportJob.Status.DONE
        job.progress = 100
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "filename", "status", "progress", "finished_at"])
    except Exception as error:  # the job page tells the person; the log keeps the details
        logger.exception("Export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return "failed"
    return "done"
