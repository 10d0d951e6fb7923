from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("calls/", views.public_calls, name="public_calls"),
    path("calls/<slug:code>/", views.public_call, name="public_call"),
    path("manage/", views.call_list, name="call_list"),
    path("manage/new/", views.call_create, name="call_create"),
    path("manage/<slug:code>/", views.call_detail, name="call_detail"),
    path("manage/<slug:code>/edit/", views.call_edit, name="call_edit"),
    path("manage/<slug:code>/publish/", views.call_publish, name="call_publish"),
    path("manage/<slug:code>/clarifications/add/", views.clarification_add, name="clarification_add"),
    path("manage/<slug:code>/clarifications/<int:pk>/delete/", views.clarification_delete, name="clarification_delete"),
]
