"""Demo agreements of a decided call at every stage (draft, signed, partly paid, closed) with their
visits, reports and amendments, and the exchange rates."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.demo import demo_user
from core.uploads import in_memory_pdf
from grants.models import (
    AmendmentKind,
    ConditionKind,
    Decision,
    ExchangeRate,
    GrantReport,
    ReportKind,
)
from grants.rules.applications import budget_totals
from grants.rules.budgets import budget_rows
from grants.services.accompaniment import visit_record
from grants.services.agreements import agreement_create, agreement_sign, tranche_request, tranches_set
from grants.services.amendments import amendment_decide, amendment_request
from grants.services.closeout import agreement_close, tranche_cancel
from grants.services.payments import payment_record, rate_add
from grants.services.reports import receipt_add, report_review, report_save, report_schedule, report_submit
from organizations.models import Membership, MembershipRole

VISITS: list[dict[str, Any]] = [
    {
        "data": {
            "kind": "visit",
            "topics": "مسك الدفاتر والإيصالات",
            "findings": "الإيصالات مرتبة حسب الشهر؛ يلزم فصل حساب المشروع عن حساب المنظمة.",
        },
        "actions": ["فتح حساب مصرفي خاص بالمشروع", "تدريب المحاسب على نموذج التقرير المالي"],
    },
    {
        "data": {
            "kind": "coaching",
            "topics": "پلانی چالاکییەکان و بەشداریی ئافرەتان",
            "findings": "پلانەکە ڕوونە؛ پێویستە کاتی خولەکان بگونجێنرێت بۆ ئەوەی ئافرەتان بتوانن بەشداری بکەن.",
        },
        "actions": ["گۆڕینی کاتی خولەکان بۆ بەیانیان"],
    },
]


REPORTS = {
    "ar": {
        "narrative": "نُفذت ثلاث دورات حول مسك الدفاتر لـ 45 عضواً من منظمات المجتمع المدني في الموصل، "
        "وبدأت لجنة الحي اجتماعاتها الشهرية. التحدي الرئيسي: تأخر الموافقات المحلية على القاعة.",
        "receipt": "فاتورة-قاعة-التدريب.pdf",
    },
    "ckb": {
        "narrative": "دوو خولی ڕاهێنان بۆ 30 لاو لە هەولێر ئەنجامدران. ئافرەتان کەمتر بەشداریان کرد "
        "بەهۆی کاتی خولەکان؛ کاتەکان گۆڕدران بۆ بەیانیان.",
    },
    "en": {
        "narrative": "All planned activities were completed: 12 community dialogues in Basra with 310 participants, "
        "a final conference and a short film. Spending on equipment stayed below the budget.",
    },
}


def _report(officer, agreement, kind, due_on):
    """A report on the schedule. The service refuses past due dates; a report that was due in the
    past is one the officer scheduled back then, so it is written directly."""
    if due_on < timezone.localdate():
        return GrantReport.objects.create(agreement=agreement, kind=kind, due_on=due_on)
    return report_schedule(actor=officer, agreement=agreement, kind=kind, due_on=due_on)


def _write_report(writer, report, *, language, share, people, submit=True):
    """The grantee writes the report: spending of `share` of each budget line, and a receipt."""
    expenses = {row.line.pk: (row.budget * share).quantize(Decimal("0.001")) for row in budget_rows(report.agreement)}
    data = {"narrative": REPORTS[language]["narrative"]} | dict(
        zip(("girls", "boys", "women_youth", "men_youth", "women_adult", "men_adult"), people, strict=True)
    )
    report_save(actor=writer, report=report, data=data, expenses=expenses)
    if submit:
        name = REPORTS[language].get("receipt", "receipts.pdf")
        receipt_add(actor=writer, report=report, file=in_memory_pdf(name))
        report_submit(actor=writer, report=report)


GRANTEE_ADMINS = ["Zainab Kareem", "Shilan Aziz", "Mustafa Adnan", "Hawre Jamal"]


def _grantee_admin(organization, index: int):
    """The grantee's administrator, who writes its reports (one is made if the CSO has none)."""
    membership = organization.memberships.filter(role=MembershipRole.ADMIN).select_related("user").first()
    if membership is not None:
        return membership.user
    user = demo_user(
        email=f"grantee{organization.pk}@tatweer.example", full_name=GRANTEE_ADMINS[index % len(GRANTEE_ADMINS)]
    )
    Membership.objects.create(organization=organization, user=user, role=MembershipRole.ADMIN)
    return user


def make_agreements(call, officer) -> None:
    """Agreements for the call's awards, one at each stage: A01 partly paid (interim report approved,
    budget reallocated, tranche 2 waiting for finance); A02 signed, its interim report overdue with a
    draft and an extension requested; A03 closed (final report approved, last tranche cancelled);
    the others still drafts."""
    finance = demo_user(email="finance@tatweer.example", full_name="Nour Jabbar")
    awarded = call.applications.filter(decision=Decision.AWARD, agreement__isnull=True).order_by("pk")
    today = timezone.localdate()

    def pay(tranche, agreement, days):
        tranche_request(actor=officer, tranche=tranche)
        payment_record(
            actor=finance,
            tranche=tranche,
            data={
                "paid_currency": agreement.currency,
                "paid_on": min(today, agreement.start_date + dt.timedelta(days=days)),
                "reference": f"BANK-{agreement.number}-{tranche.number}",
            },
        )

    for index, application in enumerate(awarded):
        amount = budget_totals(application)["requested"]
        closed = index == 2
        start = today - dt.timedelta(days=380 if closed else 60 - index * 20)
        agreement = agreement_create(
            actor=officer,
            application=application,
            data={
                "number": f"{call.code}-A{index + 1:02d}",
                "amount": amount,
                "start_date": start,
                "end_date": today - dt.timedelta(days=5) if closed else today + dt.timedelta(days=300),
                "special_conditions": "Visibility: the EU logo on all project materials.",
            },
        )
        first = (amount * Decimal("0.4")).quantize(Decimal("0.001"))
        second = (amount * Decimal("0.4")).quantize(Decimal("0.001"))
        tranches_set(
            actor=officer,
            agreement=agreement,
            schedule=[
                {"amount": first, "planned_date": agreement.start_date, "conditions": [ConditionKind.SIGNED]},
                {
                    "amount": second,
                    "planned_date": agreement.start_date + dt.timedelta(days=120),
                    "conditions": [ConditionKind.REPORT, ConditionKind.VISIT],
                },
                {
                    "amount": amount - first - second,
                    "planned_date": agreement.end_date,
                    "conditions": [ConditionKind.REPORT],
                },
            ],
        )
        if index > 2:
            continue
        agreement_sign(
            actor=officer,
            agreement=agreement,
            signed_copy=in_memory_pdf(f"{agreement.number}.pdf"),
            cso_date=agreement.start_date - dt.timedelta(days=5),
            programme_date=agreement.start_date - dt.timedelta(days=3),
        )
        cso_admin = _grantee_admin(application.organization, index)
        tranche_one, tranche_two, tranche_three = agreement.tranches.order_by("number")
        visit = VISITS[index % len(VISITS)]
        visit_record(
            actor=officer,
            agreement=agreement,
            data=visit["data"] | {"mentor": officer, "held_on": agreement.start_date + dt.timedelta(days=30)},
            actions=[{"description": text, "due_on": today + dt.timedelta(days=30)} for text in visit["actions"]],
        )
        if index == 1:
            tranche_request(actor=officer, tranche=tranche_one)
            interim = _report(officer, agreement, ReportKind.INTERIM, today - dt.timedelta(days=3))
            _write_report(
                cso_admin, interim, language="ckb", share=Decimal("0.2"), people=(0, 0, 18, 12, 0, 0), submit=False
            )
            amendment_request(
                actor=cso_admin,
                agreement=agreement,
                kind=AmendmentKind.EXTENSION,
                justification="دواکەوتنی مۆڵەتی هۆڵەکە لەلایەن شارەوانی؛ داوای درێژکردنەوەی دوو مانگ دەکەین بێ تێچووی زیادە.",
                new_end_date=agreement.end_date + dt.timedelta(days=60),
            )
            continue
        pay(tranche_one, agreement, 2)
        interim = _report(officer, agreement, ReportKind.INTERIM, agreement.start_date + dt.timedelta(days=50))
        language = "ar" if index == 0 else "en"
        _write_report(cso_admin, interim, language=language, share=Decimal("0.35"), people=(12, 9, 40, 31, 22, 15))
        report_review(actor=officer, report=interim, approve=True, comment="")
        # A reallocation: a little from administration to the activities.
        rows = budget_rows(agreement)
        amounts = {row.line.pk: row.budget for row in rows}
        amounts[rows[0].line.pk] += Decimal("300")
        amounts[rows[-1].line.pk] -= Decimal("300")
        amendment = amendment_request(
            actor=cso_admin,
            agreement=agreement,
            kind=AmendmentKind.REALLOCATION,
            justification="Printing costs rose; administration needs less than planned.",
            amounts=amounts,
        )
        amendment_decide(actor=officer, amendment=amendment, approve=True, comment="Agreed: the total is unchanged.")
        if not closed:
            tranche_request(actor=officer, tranche=tranche_two)  # waits for finance
            _report(officer, agreement, ReportKind.FINAL, agreement.end_date + dt.timedelta(days=30))
            continue
        pay(tranche_two, agreement, 150)
        final = _report(officer, agreement, ReportKind.FINAL, today)
        _write_report(cso_admin, final, language="en", share=Decimal("0.45"), people=(20, 18, 85, 77, 60, 50))
        report_review(actor=officer, report=final, approve=True, comment="A well documented report. Thank you.")
        tranche_cancel(actor=officer, tranche=tranche_three, reason="Underspending: the final tranche is not needed.")
        agreement_close(actor=officer, agreement=agreement)


RATES = [  # units for one euro, from the first of the month (indicative figures)
    ("USD", dt.date(2024, 1, 1), Decimal("1.09")),
    ("IQD", dt.date(2024, 1, 1), Decimal("1425")),
    ("USD", dt.date(2025, 1, 1), Decimal("1.04")),
    ("IQD", dt.date(2025, 1, 1), Decimal("1360")),
    ("USD", dt.date(2026, 1, 1), Decimal("1.17")),
    ("IQD", dt.date(2026, 1, 1), Decimal("1530")),
]


def make_rates() -> None:
    finance = demo_user(email="finance@tatweer.example", full_name="Nour Jabbar")  # a finance officer (centers demo)
    for currency, valid_from, per_euro in RATES:
        if not ExchangeRate.objects.filter(currency=currency, valid_from=valid_from).exists():
            rate_add(actor=finance, currency=currency, valid_from=valid_from, per_euro=per_euro)
