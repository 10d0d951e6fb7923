from django.urls import path

from centers import views

app_name = "centers"

urlpatterns = [
    path("", views.centre_list, name="list"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/roles/", views.person_roles, name="person_roles"),
    path("<slug:slug>/", views.centre_detail, name="detail"),
    path("<slug:slug>/staff/", views.centre_staff, name="staff"),
    path("<slug:slug>/rooms/add/", views.room_edit, name="room_add"),
    path("<slug:slug>/rooms/<int:room_pk>/", views.room_edit, name="room_edit"),
]
