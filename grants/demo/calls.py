"""Demo grant calls in three languages, their applications, and their screening, reviews and
decisions."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.demo import demo_user
from accounts.roles import Role
from centers.models import Center
from centers.services import user_set_roles
from grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    RequiredAttachment,
    ReviewAssignment,
    ReviewScore,
)
from grants.rules.ranking import ranking
from grants.rules.reviews import weighted_total
from grants.services.decisions import decision_record
from organizations.models import Organization


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


def make_call(code, *, status, opens, closes, title, description, themes, admin):
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


def make_applications(call, offset: int = 0) -> None:
    """Submitted applications from verified CSOs (`offset` rotates which ones, for scaled calls)."""
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


def evaluate(call, officer, *, decide: bool) -> None:
    """Screens the call's applications, has two demo reviewers score them and, if asked, decides."""
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
