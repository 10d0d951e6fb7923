from django.conf import settings
from django.db import models

from core.uploads import PrivateFileField


class Attachment(models.Model):
    """A test-only model that exercises the private upload and download mechanism."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    original_filename = models.CharField(max_length=255, blank=True)
    file = PrivateFileField(kinds=("pdf", "png", "jpeg"), max_bytes=100 * 1024)

    class Meta:
        app_label = "testapp"

    def __str__(self):
        return self.original_filename
