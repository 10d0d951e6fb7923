from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("files/<str:token>/", views.private_file, name="private_file"),
    path("exports/<slug:kind>/start/", views.export_start, name="export_start"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/restart/", views.export_restart, name="export_restart"),
    path("audit/", views.audit, name="audit"),
]
