from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("calls/", views.public_calls, name="public_calls"),
    path("figures/", views.grant_figures, name="figures"),
    path("calls/<slug:code>/", views.public_call, name="public_call"),
    path("calls/<slug:code>/apply/", views.application_start, name="application_start"),
    path("calls/<slug:code>/apply-for-a-cso/", views.application_start_for_cso, name="application_start_for_cso"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/section/<slug:section>/", views.application_section, name="application_section"),
    path("applications/<int:pk>/questions/", views.application_questions, name="application_questions"),
    path("applications/<int:pk>/budget/add/", views.budget_line_add, name="budget_line_add"),
    path("applications/<int:pk>/budget/<int:line_pk>/remove/", views.budget_line_remove, name="budget_line_remove"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/attachments/<int:required_pk>/", views.attachment_upload, name="attachment_upload"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/screen/", views.application_screen, name="application_screen"),
    path("applications/<int:pk>/invite/", views.application_invite, name="application_invite"),
    path("applications/<int:pk>/reviewers/", views.assign_reviewers, name="assign_reviewers"),
    path("applications/<int:pk>/consensus/", views.consensus, name="consensus"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("manage/<slug:code>/ranking/", views.call_ranking, name="call_ranking"),
    path("reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("manage/<slug:code>/applications/", views.call_applications, name="call_applications"),
    path("manage/", views.call_list, name="call_list"),
    path("manage/new/", views.call_create, name="call_create"),
    path("manage/<slug:code>/", views.call_detail, name="call_detail"),
    path("manage/<slug:code>/edit/", views.call_edit, name="call_edit"),
    path("manage/<slug:code>/publish/", views.call_publish, name="call_publish"),
    path("manage/<slug:code>/clarifications/add/", views.clarification_add, name="clarification_add"),
    path("manage/<slug:code>/clarifications/<int:pk>/delete/", views.clarification_delete, name="clarification_delete"),
]
