from django.urls import path

from grants.views import (
    accompaniment,
    agreements,
    amendments,
    applications,
    calls,
    closeout,
    decisions,
    payments,
    reports,
    reviews,
)

app_name = "grants"

urlpatterns = [
    path("calls/", calls.public_calls, name="public_calls"),
    path("figures/", calls.grant_figures, name="figures"),
    path("calls/<slug:code>/", calls.public_call, name="public_call"),
    path("calls/<slug:code>/apply/", applications.application_start, name="application_start"),
    path(
        "calls/<slug:code>/apply-for-a-cso/", applications.application_start_for_cso, name="application_start_for_cso"
    ),
    path("applications/<int:pk>/", applications.application, name="application"),
    path("applications/<int:pk>/section/<slug:section>/", applications.application_section, name="application_section"),
    path("applications/<int:pk>/questions/", applications.application_questions, name="application_questions"),
    path("applications/<int:pk>/budget/add/", applications.budget_line_add, name="budget_line_add"),
    path(
        "applications/<int:pk>/budget/<int:line_pk>/remove/", applications.budget_line_remove, name="budget_line_remove"
    ),
    path("applications/<int:pk>/submit/", applications.application_submit, name="application_submit"),
    path(
        "applications/<int:pk>/attachments/<int:required_pk>/", applications.attachment_upload, name="attachment_upload"
    ),
    path("applications/<int:pk>/withdraw/", applications.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/screen/", decisions.application_screen, name="application_screen"),
    path("applications/<int:pk>/invite/", decisions.application_invite, name="application_invite"),
    path("applications/<int:pk>/reviewers/", reviews.assign_reviewers, name="assign_reviewers"),
    path("applications/<int:pk>/consensus/", decisions.consensus, name="consensus"),
    path("applications/<int:pk>/decide/", decisions.decide, name="decide"),
    path("manage/<slug:code>/ranking/", decisions.call_ranking, name="call_ranking"),
    path("reviews/", reviews.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", reviews.review, name="review"),
    path("manage/<slug:code>/applications/", decisions.call_applications, name="call_applications"),
    path("applications/<int:pk>/agreement/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", agreements.agreement, name="agreement"),
    path("agreements/<int:pk>/tranches/", agreements.agreement_tranches, name="agreement_tranches"),
    path("agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/visits/", accompaniment.visit_record, name="visit_record"),
    path("actions/<int:pk>/status/", accompaniment.action_status, name="action_status"),
    path("conditions/<int:pk>/check/", agreements.condition_check, name="condition_check"),
    path("tranches/<int:pk>/request/", agreements.tranche_request, name="tranche_request"),
    path("tranches/<int:pk>/pay/", payments.payment_record, name="payment_record"),
    path("payments/<int:pk>/reverse/", payments.payment_reverse, name="payment_reverse"),
    path("agreements/<int:pk>/reports/", reports.report_schedule, name="report_schedule"),
    path("agreements/<int:pk>/amendments/new/", amendments.amendment_request, name="amendment_request"),
    path("agreements/<int:pk>/close/", closeout.agreement_close, name="agreement_close"),
    path("reports/<int:pk>/", reports.report, name="report"),
    path("reports/<int:pk>/unschedule/", reports.report_unschedule, name="report_unschedule"),
    path("reports/<int:pk>/receipts/", reports.receipt_add, name="receipt_add"),
    path("reports/<int:pk>/review/", reports.report_review, name="report_review"),
    path("receipts/<int:pk>/remove/", reports.receipt_remove, name="receipt_remove"),
    path("amendments/<int:pk>/decide/", amendments.amendment_decide, name="amendment_decide"),
    path("tranches/<int:pk>/cancel/", closeout.tranche_cancel, name="tranche_cancel"),
    path("portfolio/", payments.portfolio, name="portfolio"),
    path("payments/", payments.payment_list, name="payment_list"),
    path("recipients/", payments.recipients, name="recipients"),
    path("exchange-rates/", payments.exchange_rates, name="exchange_rates"),
    path("manage/", calls.call_list, name="call_list"),
    path("manage/new/", calls.call_create, name="call_create"),
    path("manage/<slug:code>/", calls.call_detail, name="call_detail"),
    path("manage/<slug:code>/edit/", calls.call_edit, name="call_edit"),
    path("manage/<slug:code>/publish/", calls.call_publish, name="call_publish"),
    path("manage/<slug:code>/clarifications/add/", calls.clarification_add, name="clarification_add"),
    path("manage/<slug:code>/clarifications/<int:pk>/delete/", calls.clarification_delete, name="clarification_delete"),
]
