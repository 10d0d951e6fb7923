from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from core import exports
from core.models import ExportJob
from core.resilience import BackgroundUnavailable, enqueue
from core.tasks import run_export

if TYPE_CHECKING:  # core knows only settings.AUTH_USER_MODEL at run time
    from accounts.models import User


def export_request(*, actor: "User", kind: str, fmt: str, params: dict[str, Any]) -> ExportJob:
    """Queues an export for the actor; the file is built in the background. When the broker cannot
    take the task the job is removed again and BackgroundUnavailable raised: nothing is left waiting
    for a task that was never sent."""
    exporter = exports.get(kind)
    if exporter is None or not exporter.permission(actor):
        raise PermissionDenied
    if fmt not in exporter.formats:
        fmt = exporter.formats[0]
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=actor, kind=kind, format=fmt, params=params, language=translation.get_language() or "en"
        )
        transaction.on_commit(lambda: _send(job))
    return job


def _send(job: ExportJob) -> None:
    try:
        enqueue(run_export, job.pk)
    except BackgroundUnavailable:
        ExportJob.objects.filter(pk=job.pk).delete()
        raise


def export_restart(*, actor: "User", job: ExportJob) -> ExportJob:
    """Starts a failed export again, as a new job with the same contents."""
    if job.user_id != actor.pk:
        raise PermissionDenied
    return export_request(actor=actor, kind=job.kind, fmt=job.format, params=job.params)
