from django.urls import path

from commons.feeds import EntriesFeed
from commons.views import entries, offline, questions, translations

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
    path("case-studies/from-report/<int:report_pk>/", entries.case_study_new, name="case_study_new"),
    path("<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("offline/", offline.offline_page, name="offline"),
    path("<int:pk>/translations/", translations.translation_list, name="translation_list"),
    path("<int:pk>/translations/<str:language>/", translations.translation_edit, name="translation_edit"),
    path("uses/<int:pk>/follow-up/", translations.uptake_follow_up, name="uptake_follow_up"),
    path("following/", translations.following, name="following"),
    path("following/<int:pk>/remove/", translations.follow_remove, name="follow_remove"),
    path("questions/", questions.question_list, name="question_list"),
    path("questions/new/", questions.question_ask, name="question_ask"),
    path("questions/<int:pk>/", questions.question_detail, name="question_detail"),
    path("questions/<int:pk>/answer/", questions.answer_post, name="answer_post"),
    path("answers/<int:pk>/accept/", questions.answer_accept, name="answer_accept"),
]
