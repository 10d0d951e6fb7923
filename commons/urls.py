from django.urls import path

from commons.feeds import EntriesFeed
from commons.views import entries

app_name = "commons"

urlpatterns = [
    path("", entries.entry_list, name="entry_list"),
    path("feed/", EntriesFeed(), name="feed"),
    path("<int:pk>/", entries.entry_detail, name="entry_detail"),
    path("<int:pk>/report/", entries.entry_report, name="entry_report"),
    path("<int:pk>/used/", entries.entry_used, name="entry_used"),
    path("follow/", entries.follow, name="follow"),
    path("<int:pk>/second-review/", entries.second_review, name="second_review"),
    path("<int:pk>/moderate/<slug:action>/", entries.entry_moderate, name="entry_moderate"),
    path("review/", entries.review_queue, name="review_queue"),
    path("new/", entries.entry_add, name="entry_add"),
    path("mine/", entries.my_entries, name="my_entries"),
    path("<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
]
