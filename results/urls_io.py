"""The logframe's spreadsheet: download, upload with a preview, confirm (results.views.logframe_io)."""

from django.urls import path

from results.views import logframe_io

urlpatterns = [
    path("download/", logframe_io.logframe_download, name="logframe_download"),
    path("upload/", logframe_io.logframe_upload, name="logframe_upload"),
    path("upload/confirm/", logframe_io.logframe_upload_confirm, name="logframe_upload_confirm"),
]
