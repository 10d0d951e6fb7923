"""Demo grant calls in three languages (one open, with submitted applications; one being prepared)
and, for the decided call, agreements at every stage: draft, signed, partly paid."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_user
from centers.models import Center
from grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    CallStatus,
    Clarification,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    RequiredAttachment,
)


def tr(field, en, ar, ckb):
    return {field: en, f"{field}_en": en, f"{field}_ar": ar, f"{field}_ckb": ckb}


GRID = [
    (
        (
            "Relevance to the call and to local needs",
            "الصلة بأهداف المنحة وبالاحتياجات المحلية",
            "پەیوەندی بە بانگەوازەکە و پێداویستییە ناوچەییەکانەوە",
        ),
        30,
        3,
    ),
    (
        (
            "Design: objectives, activities and results",
            "التصميم: الأهداف والأنشطة والنتائج",
            "دیزاین: ئامانج، چالاکی و ئەنجامەکان",
        ),
        25,
        2,
    ),
    (("Capacity of the organisation", "قدرة المنظمة", "توانای ڕێکخراوەکە"), 15, None),
    (("Budget and value for money", "الموازنة والقيمة مقابل المال", "بودجە و بەهای پارە"), 15, None),
    (("Gender, youth and inclusion", "النوع الاجتماعي والشباب والشمول", "جێندەر، گەنجان و لەخۆگرتن"), 15, None),
]
ELIGIBILITY = [
    (
        (
            "The organisation is verified by a centre",
            "المنظمة متحقق منها من قبل أحد المراكز",
            "ڕێکخراوەکە لەلایەن سەنتەرێکەوە پشتڕاستکراوەتەوە",
        ),
        "verified",
        None,
    ),
    (
        (
            "Registered with the NGO authorities",
            "مسجلة لدى دائرة المنظمات غير الحكومية",
            "تۆمارکراوە لای فەرمانگەی ڕێکخراوە ناحکومییەکان",
        ),
        "registered",
        None,
    ),
    (
        ("Founded in 2023 or before", "تأسست في عام 2023 أو قبله", "لە ساڵی 2023 یان پێشتر دامەزراوە"),
        "founded_before",
        2023,
    ),
    (
        (
            "Has not received a Tatweer grant in the last 12 months",
            "لم تحصل على منحة من تطوير خلال الأشهر الاثني عشر الماضية",
            "لە 12 مانگی ڕابردوودا بەخشینی تەتویری وەرنەگرتووە",
        ),
        "",
        None,
    ),
]
ATTACHMENTS = [
    (("Registration certificate", "شهادة التسجيل", "بڕوانامەی تۆمارکردن"), True),
    (("Last annual financial statement", "آخر بيان مالي سنوي", "دوایین ڕاپۆرتی دارایی ساڵانە"), True),
    (("Letters of support from partners", "رسائل دعم من الشركاء", "نامەی پشتگیری لە هاوبەشان"), False),
]


def _call(code, *, status, opens, closes, title, description, themes, admin):
    call, created = GrantCall.objects.get_or_create(
        code=code,
        defaults={
            **tr("title", *title),
            **tr("description", *description),
            "themes": themes,
            "opens_at": opens,
            "closes_at": closes,
            "currency": "USD",
            "envelope": Decimal("250000"),
            "min_grant": Decimal("5000"),
            "max_grant": Decimal("25000"),
            "max_duration_months": 12,
            "cofinancing_percent": Decimal("10"),
            "reviewers_per_application": 2,
            "overall_threshold": Decimal("60"),
            "status": status,
            "created_by": admin,
        },
    )
    if created:
        for order, (texts, weight, threshold) in enumerate(GRID):
            EvaluationCriterion.objects.create(
                call=call, **tr("title", *texts), max_score=5, weight=Decimal(weight), threshold=threshold, order=order
            )
        for order, (texts, check, year) in enumerate(ELIGIBILITY):
            EligibilityCriterion.objects.create(
                call=call, **tr("text", *texts), auto_check=check, year=year, order=order
            )
        for order, (texts, required) in enumerate(ATTACHMENTS):
            RequiredAttachment.objects.create(call=call, **tr("name", *texts), is_required=required, order=order)
        call.eligible_centres.set(Center.objects.all())
    return call


PROJECTS = [
    ("Peace circles for young people in Sinjar", "حلقات سلام لشباب سنجار", "activities"),
    ("Legal aid desks for returnees", "مكاتب مساعدة قانونية للعائدين", "staff"),
    ("Women mediators in Basra neighbourhoods", "وسيطات في أحياء البصرة", "activities"),
    ("Monitoring detention conditions", "رصد ظروف الاحتجاز", "travel"),
    ("Inter-community sports league", "دوري رياضي بين المكونات", "equipment"),
    ("Radio programme on rights", "برنامج إذاعي عن الحقوق", "visibility"),
]


def _applications(call, offset: int = 0) -> None:
    """Submitted applications from verified CSOs (`offset` rotates which ones, for scaled calls)."""
    from organizations.models import Organization

    if call.applications.exists():
        return
    verified = list(Organization.objects.filter(verification_status="verified").order_by("pk"))
    start = offset % max(len(verified), 1)
    organizations = (verified[start:] + verified[:start])[: len(PROJECTS) + 1]
    for number, (organization, (title_en, title_ar, category)) in enumerate(
        zip(organizations, PROJECTS, strict=False), 1
    ):
        application = Application.objects.create(
            call=call,
            organization=organization,
            status=ApplicationStatus.SUBMITTED,
            reference=f"{call.code}-{number:04d}",
            submitted_at=timezone.now() - dt.timedelta(days=number),
            title=title_ar if number % 2 else title_en,
            summary="A project with the community, accompanied by the centre.",
            objectives="Build trust; protect rights.",
            activities="Preparation, months 1-2\nActivities, months 3-9\nEvaluation, months 10-12",
            duration_months=12,
            locations=[organization.governorate],
            beneficiaries_women_youth=40 + number,
            beneficiaries_women_adult=20,
            beneficiaries_men_youth=30,
            beneficiaries_men_adult=15,
            cofinancing=Decimal("2000"),
        )
        BudgetLine.objects.create(
            application=application,
            category=category,
            description=title_en,
            unit="month",
            quantity=10,
            unit_cost=Decimal("1500"),
        )
        BudgetLine.objects.create(
            application=application,
            category="admin",
            description="Accounting and audit",
            unit="lump sum",
            quantity=1,
            unit_cost=Decimal("1000"),
        )


def _evaluated(call, officer, *, decide: bool) -> None:
    """Screens the call's applications, has two demo reviewers score them and, if asked, decides."""
    from accounts.roles import Role
    from centers.services import user_set_roles
    from grants.models import ReviewAssignment, ReviewScore
    from grants.services import decision_record, weighted_total

    if call.applications.filter(eligibility="eligible").exists():
        return
    admin = demo_user(email="admin@tatweer.example", full_name="Layla Hassan", superuser=True)
    reviewers = []
    for email, name in (("reviewer@tatweer.example", "Dilan Omer"), ("reviewer2@tatweer.example", "Hussein Jabbar")):
        reviewer = demo_user(email=email, full_name=name)
        if Role.REVIEWER not in reviewer.roles:
            user_set_roles(actor=admin, user=reviewer, roles=[Role.REVIEWER], centre=None)
        reviewers.append(reviewer)
    criteria = list(call.evaluation_criteria.all())
    for index, application in enumerate(call.applications.order_by("pk")):
        application.eligibility = "ineligible" if index == 5 else "eligible"
        application.eligibility_reason = "Founded after 2023." if index == 5 else ""
        application.screened_by, application.screened_at = officer, timezone.now()
        application.save()
        if index == 5:
            continue
        for offset, reviewer in enumerate(reviewers):
            assignment = ReviewAssignment.objects.create(
                application=application,
                reviewer=reviewer,
                assigned_by=officer,
                status="submitted",
                declared_at=timezone.now(),
                submitted_at=timezone.now(),
                recommendation="fund" if index < 3 else "conditions",
            )
            scores = [
                ReviewScore(
                    assignment=assignment, criterion=c, score=Decimal(max(1, 5 - (index + offset + position) % 4))
                )
                for position, c in enumerate(criteria)
            ]
            ReviewScore.objects.bulk_create(scores)
            assignment.weighted_total = weighted_total(scores, criteria)
            assignment.save(update_fields=["weighted_total"])
    if decide:
        from django.core.exceptions import ValidationError

        from grants.ranking import ranking

        for row in ranking(call):
            choice = "award" if row.passes and row.within_envelope else "reserve" if row.passes else "reject"
            try:
                decision_record(actor=officer, application=row.application, decision=choice, justification="")
            except ValidationError:  # the CSO reached the programme's cap: the officer keeps it in reserve
                decision_record(
                    actor=officer,
                    application=row.application,
                    decision="reserve",
                    justification="The organisation has reached the programme's cap on support.",
                )


VISITS = [
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
    from grants.models import GrantReport
    from grants.reporting import report_schedule

    if due_on < timezone.localdate():
        return GrantReport.objects.create(agreement=agreement, kind=kind, due_on=due_on)
    return report_schedule(actor=officer, agreement=agreement, kind=kind, due_on=due_on)


def _write_report(writer, report, *, language, share, people, submit=True):
    """The grantee writes the report: spending of `share` of each budget line, and a receipt."""
    from core.uploads import in_memory_pdf
    from grants.reporting import budget_rows, receipt_add, report_save, report_submit

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
    from organizations.models import Membership, MembershipRole

    membership = organization.memberships.filter(role=MembershipRole.ADMIN).select_related("user").first()
    if membership is not None:
        return membership.user
    user = demo_user(
        email=f"grantee{organization.pk}@tatweer.example", full_name=GRANTEE_ADMINS[index % len(GRANTEE_ADMINS)]
    )
    Membership.objects.create(organization=organization, user=user, role=MembershipRole.ADMIN)
    return user


def _agreements(call, officer) -> None:
    """Agreements for the call's awards, one at each stage: A01 partly paid (interim report approved,
    budget reallocated, tranche 2 waiting for finance); A02 signed, its interim report overdue with a
    draft and an extension requested; A03 closed (final report approved, last tranche cancelled);
    the others still drafts."""
    from core.uploads import in_memory_pdf
    from grants.models import AmendmentKind, ConditionKind, Decision, ReportKind
    from grants.reporting import (
        agreement_close,
        amendment_decide,
        amendment_request,
        budget_rows,
        report_review,
        tranche_cancel,
    )
    from grants.services import (
        agreement_create,
        agreement_sign,
        budget_totals,
        payment_record,
        tranche_request,
        tranches_set,
        visit_record,
    )

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


def _scaled_calls(admin, now, scale: int) -> None:
    """--scale N: N-1 more decided calls, each with its applications, for performance work."""
    for index in range(2, scale + 1):
        code = f"TAT-SCALE-{index:03d}"
        if GrantCall.objects.filter(code=code).exists():
            continue
        call = _call(
            code,
            status=CallStatus.PUBLISHED,
            opens=now - dt.timedelta(days=400 + index),
            closes=now - dt.timedelta(days=300 + index),
            title=(f"Archive call {index}", f"دعوة مؤرشفة {index}", f"بانگەوازی ئەرشیف {index}"),
            description=("Archived call.", "دعوة مؤرشفة.", "بانگەوازی ئەرشیفکراو."),
            themes=["development"],
            admin=admin,
        )
        _applications(call, offset=index * len(PROJECTS))
        _evaluated(call, admin, decide=True)
        _agreements(call, admin)
        call.status = CallStatus.DECIDED
        call.save(update_fields=["status"])


RATES = [  # units for one euro, from the first of the month (indicative figures)
    ("USD", dt.date(2024, 1, 1), Decimal("1.09")),
    ("IQD", dt.date(2024, 1, 1), Decimal("1425")),
    ("USD", dt.date(2025, 1, 1), Decimal("1.04")),
    ("IQD", dt.date(2025, 1, 1), Decimal("1360")),
    ("USD", dt.date(2026, 1, 1), Decimal("1.17")),
    ("IQD", dt.date(2026, 1, 1), Decimal("1530")),
]


def _rates() -> None:
    from grants.ledger import rate_add
    from grants.models import ExchangeRate

    finance = demo_user(email="finance@tatweer.example", full_name="Nour Jabbar")  # a finance officer (centers demo)
    for currency, valid_from, per_euro in RATES:
        if not ExchangeRate.objects.filter(currency=currency, valid_from=valid_from).exists():
            rate_add(actor=finance, currency=currency, valid_from=valid_from, per_euro=per_euro)


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    admin = demo_user(email="grants@tatweer.example", full_name="Ahmed Salih")
    _rates()
    now = timezone.localtime().replace(second=0, microsecond=0)  # minutes, as the call form edits them
    open_call = _call(
        "TAT-2026-02",
        status=CallStatus.PUBLISHED,
        opens=now - dt.timedelta(days=10),
        closes=(now + dt.timedelta(days=30)).replace(hour=23, minute=59, second=0, microsecond=0),
        title=(
            "Accompanied grants 2026: peacebuilding and human rights",
            "المنح المصحوبة 2026: بناء السلام وحقوق الإنسان",
            "بەخشینی هاوەڵدار 2026: بنیاتنانی ئاشتی و مافەکانی مرۆڤ",
        ),
        description=(
            "Grants of 5,000 to 25,000 USD for projects of up to 12 months that build peace and defend human rights, with mentoring by the centres.",
            "منح من 5,000 إلى 25,000 دولار لمشاريع مدتها حتى 12 شهراً تبني السلام وتدافع عن حقوق الإنسان، مع مرافقة من المراكز.",
            "بەخشینی 5,000 تا 25,000 دۆلار بۆ پرۆژەی تا 12 مانگ کە ئاشتی بنیات دەنێن و داکۆکی لە مافەکانی مرۆڤ دەکەن، لەگەڵ هاوەڵیی سەنتەرەکان.",
        ),
        themes=["peacebuilding", "human_rights"],
        admin=admin,
    )
    if not open_call.clarifications.exists():
        Clarification.objects.create(
            call=open_call,
            **tr(
                "question",
                "Can two organisations apply together?",
                "هل يمكن لمنظمتين التقدم معاً؟",
                "دەتوانن دوو ڕێکخراو پێکەوە داواکاری پێشکەش بکەن؟",
            ),
            **tr(
                "answer",
                "Yes: one is the lead applicant and signs the declaration; the partner is named in the proposal.",
                "نعم: تكون إحداهما المتقدم الرئيسي وتوقع الإقرار، ويُذكر الشريك في المقترح.",
                "بەڵێ: یەکێکیان داواکاری سەرەکییە و ڕاگەیاندنەکە واژۆ دەکات؛ هاوبەشەکە لە پێشنیارەکەدا ناوی دەهێنرێت.",
            ),
        )
    _applications(open_call)
    _scaled_calls(admin, now, scale)
    for code, title, decide, days in (
        (
            "TAT-2026-01",
            ("Accompanied grants 2026: environment", "المنح المصحوبة 2026: البيئة", "بەخشینی هاوەڵدار 2026: ژینگە"),
            False,
            40,
        ),
        (
            "TAT-2025-02",
            (
                "Accompanied grants 2025: development",
                "المنح المصحوبة 2025: التنمية",
                "بەخشینی هاوەڵدار 2025: گەشەپێدان",
            ),
            True,
            200,
        ),
    ):
        past_call = _call(
            code,
            status=CallStatus.PUBLISHED,
            opens=now - dt.timedelta(days=days + 45),
            closes=now - dt.timedelta(days=days),
            title=title,
            description=(
                "Grants for community projects, accompanied by the centres.",
                "منح لمشاريع مجتمعية بمرافقة المراكز.",
                "بەخشین بۆ پرۆژەی کۆمەڵگە بە هاوەڵیی سەنتەرەکان.",
            ),
            themes=["environment"] if not decide else ["development"],
            admin=admin,
        )
        _applications(past_call)
        _evaluated(past_call, admin, decide=decide)
        past_call.status = CallStatus.DECIDED if decide else CallStatus.EVALUATION
        past_call.save(update_fields=["status"])
        if decide:
            _agreements(past_call, admin)
    _call(
        "TAT-2027-01",
        status=CallStatus.DRAFT,
        opens=now + dt.timedelta(days=60),
        closes=now + dt.timedelta(days=120),
        title=(
            "Environmental protection grants 2027",
            "منح حماية البيئة 2027",
            "بەخشینی پاراستنی ژینگە 2027",
        ),
        description=(
            "Being prepared: grants for community projects on water, waste and climate adaptation.",
            "قيد الإعداد: منح لمشاريع مجتمعية في المياه والنفايات والتكيف مع المناخ.",
            "لە ئامادەکردندایە: بەخشین بۆ پرۆژەی کۆمەڵگە لەسەر ئاو، پاشماوە و خۆگونجاندن لەگەڵ کەشوهەوا.",
        ),
        themes=["environment"],
        admin=admin,
    )
    return []
