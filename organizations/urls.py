from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("public/", views.public_directory, name="public_directory"),
    path("public/<int:pk>/", views.public_profile, name="public_profile"),
    path("indicators/", views.indicators, name="indicators"),
    path("register/", views.register, name="register"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/switch/", views.switch, name="switch"),
    path("<int:pk>/leadership/add/", views.leadership_edit, name="leadership_add"),
    path("<int:pk>/leadership/<int:member_pk>/", views.leadership_edit, name="leadership_edit"),
    path("<int:pk>/leadership/<int:member_pk>/delete/", views.leadership_delete, name="leadership_delete"),
    path("<int:pk>/team/invite/", views.invite, name="invite"),
    path("<int:pk>/team/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<int:pk>/team/<int:membership_pk>/role/", views.membership_role, name="membership_role"),
    path("<int:pk>/team/<int:membership_pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<int:pk>/documents/add/", views.document_add, name="document_add"),
    path("<int:pk>/documents/<int:document_pk>/delete/", views.document_delete, name="document_delete"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/assessments/new/", views.assessment_start, name="assessment_start"),
    path("<int:pk>/assessments/<int:assessment_pk>/", views.assessment, name="assessment"),
]
