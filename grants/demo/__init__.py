"""Demo grant calls in three languages (one open, with submitted applications; one being prepared)
and, for the decided call, agreements at every stage: draft, signed, partly paid."""

import datetime as dt

from django.utils import timezone

from accounts.demo import demo_user
from grants.demo.agreements import make_agreements, make_rates
from grants.demo.calls import PROJECTS, evaluate, make_applications, make_call, tr
from grants.models import CallStatus, Clarification, GrantCall


def _scaled_calls(admin, now, scale: int) -> None:
    """--scale N: N-1 more decided calls, each with its applications, for performance work."""
    for index in range(2, scale + 1):
        code = f"TAT-SCALE-{index:03d}"
        if GrantCall.objects.filter(code=code).exists():
            continue
        call = make_call(
            code,
            status=CallStatus.PUBLISHED,
            opens=now - dt.timedelta(days=400 + index),
            closes=now - dt.timedelta(days=300 + index),
            title=(f"Archive call {index}", f"دعوة مؤرشفة {index}", f"بانگەوازی ئەرشیف {index}"),
            description=("Archived call.", "دعوة مؤرشفة.", "بانگەوازی ئەرشیفکراو."),
            themes=["development"],
            admin=admin,
        )
        make_applications(call, offset=index * len(PROJECTS))
        evaluate(call, admin, decide=True)
        make_agreements(call, admin)
        call.status = CallStatus.DECIDED
        call.save(update_fields=["status"])


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    admin = demo_user(email="grants@tatweer.example", full_name="Ahmed Salih")
    make_rates()
    now = timezone.localtime().replace(second=0, microsecond=0)  # minutes, as the call form edits them
    open_call = make_call(
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
    make_applications(open_call)
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
        past_call = make_call(
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
        make_applications(past_call)
        evaluate(past_call, admin, decide=decide)
        past_call.status = CallStatus.DECIDED if decide else CallStatus.EVALUATION
        past_call.save(update_fields=["status"])
        if decide:
            make_agreements(past_call, admin)
    make_call(
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
