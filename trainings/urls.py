from django.urls import path

from trainings import views

app_name = "trainings"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("packages/", views.package_list, name="package_list"),
    path("numbers/", views.numbers, name="numbers"),
    path("calendar/<slug:slug>/", views.centre_calendar, name="centre_calendar"),
    path("calendar/<slug:slug>/ical/", views.centre_ical, name="centre_ical"),
    path("my/calendar/", views.my_ical_link, name="my_ical_link"),
    path("ical/<str:token>/", views.person_ical, name="person_ical"),
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("participants/", views.participant_list, name="participant_list"),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("participants/<int:pk>/merge/", views.participant_merge, name="participant_merge"),
    path("packages/<slug:code>/", views.package_detail, name="package_detail"),
    path("packages/<slug:code>/materials/add/", views.material_upload, name="material_upload"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("my/", views.my_registrations, name="my_registrations"),
    path("my/details/", views.my_participant_profile, name="my_participant_profile"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/publish/", views.event_publish, name="event_publish"),
    path("<int:pk>/complete/", views.event_complete, name="event_complete"),
    path("<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/register/", views.register_self, name="register_self"),
    path("<int:pk>/register/walk-in/", views.register_walk_in, name="register_walk_in"),
    path("<int:pk>/register/colleague/", views.register_colleague, name="register_colleague"),
    path("<int:pk>/registrations/<int:registration_pk>/reject/", views.registration_reject, name="registration_reject"),
    path("<int:pk>/registrations/<int:registration_pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("<int:pk>/sessions/<int:session_pk>/roll-call/", views.roll_call, name="roll_call"),
    path("<int:pk>/certificates/", views.event_certificates, name="event_certificates"),
    path("<int:pk>/test/<slug:kind>/", views.knowledge_test, name="knowledge_test"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/attendance/template/", views.attendance_template, name="attendance_template"),
    path("<int:pk>/attendance/upload/", views.attendance_upload, name="attendance_upload"),
    path("<int:pk>/sessions/<int:session_pk>/sign-in-sheet/", views.sign_in_sheet_upload, name="sign_in_sheet_upload"),
    path("<int:pk>/certificates/issue/", views.certificates_issue, name="certificates_issue"),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate_verify"),
]
