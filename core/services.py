from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from core import exports
from core.models import ExportJob


@transaction.atomic
def export_request(*, actor, kind: str, fmt: str, params: dict) -> ExportJob:
    """Queues an export for the actor; the file is built in the background."""
    exporter = exports.get(kind)
    if exporter is None or not exporter.permission(actor):
        raise PermissionDenied
    if fmt not in ExportJob.Format.values:
        fmt = ExportJob.Format.CSV
    job = ExportJob.objects.create(
        user=actor, kind=kind, format=fmt, params=params, language=translation.get_language() or "en"
    )
    from core.tasks import run_export

    transaction.on_commit(lambda: run_export.delay(job.pk))
    return job
