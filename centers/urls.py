from django.urls import path

from centers import views

app_name = "centers"

urlpatterns = [
    path("", views.centre_list, name="list"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/roles/", views.person_roles, name="person_roles"),
    path("<slug:slug>/", views.centre_detail, name="detail"),
]
