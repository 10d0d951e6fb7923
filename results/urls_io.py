"""The logframe's spreadsheet: download, upload with a preview, confirm (results.views.logframe_io)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
