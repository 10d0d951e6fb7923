from django.urls import path

from commons import views
from commons.feeds import EntriesFeed

app_name = "commons"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("feed/", EntriesFeed(), name="feed"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/report/", views.entry_report, name="entry_report"),
    path("<int:pk>/used/", views.entry_used, name="entry_used"),
    path("follow/", views.follow, name="follow"),
    path("<int:pk>/second-review/", views.second_review, name="second_review"),
    path("<int:pk>/moderate/<slug:action>/", views.entry_moderate, name="entry_moderate"),
    path("review/", views.review_queue, name="review_queue"),
    path("new/", views.entry_add, name="entry_add"),
    path("mine/", views.my_entries, name="my_entries"),
    path("<int:pk>/edit/", views.entry_edit, name="entry_edit"),
]
