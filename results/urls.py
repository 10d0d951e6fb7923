from django.urls import include, path

from results.views import editing, pages, reports, values

app_name = "results"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("logframe/", pages.logframe, name="logframe"),
    path("logframe/results/add/", editing.node_edit, name="node_add"),
    path("logframe/results/<int:pk>/", editing.node_edit, name="node_edit"),
    path("logframe/indicators/add/", editing.indicator_edit, name="indicator_add"),
    path("logframe/indicators/<int:pk>/", editing.indicator_edit, name="indicator_edit"),
    path("logframe/spreadsheet/", include("results.urls_io")),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:number>/", reports.report, name="report"),
    path("reports/<int:number>/contribution/", reports.contribution, name="contribution"),
    path("reports/<int:number>/revisions/<int:pk>/", reports.revision, name="revision"),
    path("reports/<int:number>/<slug:action>/", reports.report_step, name="report_step"),
    path("values/", values.value_list, name="value_list"),
    path("values/<int:indicator_pk>/<int:number>/", values.value_edit, name="value_edit"),
    path("values/<int:pk>/<slug:action>/", values.value_decide, name="value_decide"),
]
