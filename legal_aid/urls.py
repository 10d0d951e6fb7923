from django.urls import path

from legal_aid import views

app_name = "legal_aid"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("request/", views.case_request, name="case_request"),
    path("record/", views.case_record, name="case_record"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("overview/", views.overview, name="overview"),
    path("figures/", views.figures, name="figures"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/conflict-check/", views.conflict_check, name="conflict_check"),
    path("cases/<int:pk>/triage/", views.triage, name="triage"),
    path("cases/<int:pk>/assign/", views.assign, name="assign"),
    path("cases/<int:pk>/status/", views.set_status, name="set_status"),
    path("cases/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("cases/<int:pk>/notes/", views.note_add, name="note_add"),
    path("cases/<int:pk>/documents/", views.document_add, name="document_add"),
    path("cases/<int:pk>/tasks/", views.task_add, name="task_add"),
    path("cases/<int:pk>/filing/", views.filing, name="filing"),
    path("cases/<int:pk>/referral/", views.refer, name="refer"),
    path("cases/<int:pk>/close/", views.close, name="close"),
    path("cases/<int:pk>/rating/", views.rate, name="rate"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("referrals/<int:pk>/outcome/", views.referral_outcome, name="referral_outcome"),
]
