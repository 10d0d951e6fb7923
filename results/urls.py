from django.urls import include, path

app_name = "results"

urlpatterns = [
    path("logframe/spreadsheet/", include("results.urls_io")),
]
