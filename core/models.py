from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import PrivateFileField


class ExportJob(models.Model):
    """A CSV or XLSX export built in the background; the person watches its progress and downloads
    the file when it is ready (core.exports holds what each kind of export contains)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XML = "xml", "XML"

    class Failure(models.TextChoices):
        """Why a job failed; the label is what the person reads on the export page."""

        NONE = "", ""
        ERROR = "error", _("The export failed. Please try again; if it fails again, tell the programme administrator.")
        INTERRUPTED = (
            "interrupted",
            _(
                "The export was interrupted: the background worker stopped before the file was finished. "
                "Start it again."
            ),
        )

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    kind = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    format = models.CharField(max_length=8, choices=Format.choices)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    file = PrivateFileField(kinds=("csv", "xlsx", "pdf", "docx", "xml"), blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)
    failure = models.CharField(max_length=16, choices=Failure.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Which run holds the job: a run is an attempt; a later attempt supersedes an earlier one, whose
    # writes are then refused. The heartbeat moves with the progress (core.tasks).
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="export_progress_at_most_100")
        ]

    def __str__(self):
        return f"{self.kind} ({self.format}) for {self.user_id}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def failure_message(self) -> str:
        return str(self.get_failure_display() or self.Failure.ERROR.label)

    @property
    def is_document(self) -> bool:
        """A PDF, Word or XML file rather than a table of rows."""
        return self.format in (self.Format.PDF, self.Format.DOCX, self.Format.XML)

    @property
    def progress_step(self) -> int:
        """The progress rounded down to a Bootstrap width class (inline styles are barred by the CSP)."""
        return self.progress // 25 * 25

    @property
    def original_filename(self) -> str:
        return self.filename
