"""Demo legal cases in every state, written in Arabic, Kurdish and English, made through the
services as the people concerned would; `--scale N` adds more for performance work."""

import datetime as dt

from django.utils import timezone

from accounts.demo import demo_user
from centers.models import Center
from core.uploads import in_memory_pdf
from legal_aid import services
from legal_aid.models import CaseTask, Channel, LegalCase, Status
from organizations.models import MembershipRole, Organization

# (category, urgency, language, description, counterpart, consent to referral, final state)
CASES = [
    (
        "registration",
        "normal",
        "ar",
        "انتهت صلاحية شهادة تسجيل الجمعية لدى دائرة المنظمات غير الحكومية في بغداد، ونحتاج إلى تجديدها قبل التقديم على منحة.",
        "",
        True,
        "submitted",
    ),
    (
        "other",
        "normal",
        "en",
        "A board member asks for help with a personal loan dispute with a bank.",
        "Rafidain Bank",
        False,
        "rejected",
    ),
    (
        "labour",
        "normal",
        "ckb",
        "فەرمانبەرێک داوای قەرەبووی کۆتایی خزمەت دەکات. دەمانەوێت بزانین بەپێی یاسای کاری هەرێم چەندی شایستەیە.",
        "",
        True,
        "assigned",
    ),
    (
        "registration",
        "urgent",
        "ckb",
        "داواکاریی تۆمارکردنی ڕێکخراوەکەمان لە فەرمانگەی ڕێکخراوە نا حکومییەکان پێشکەش کرد و هێشتا وەڵام نەدراوەتەوە.",
        "",
        True,
        "in_progress",
    ),
    (
        "contracts",
        "normal",
        "en",
        "The landlord of our office wants to end the lease six months early and keep the deposit.",
        "Al-Zahraa Real Estate",
        True,
        "waiting",
    ),
    (
        "tax",
        "normal",
        "ar",
        "وصلتنا مطالبة ضريبية عن رواتب المتطوعين لعام 2024، ولا نعرف إن كانت المكافآت خاضعة للضريبة.",
        "الهيئة العامة للضرائب",
        False,
        "resolved",
    ),
    (
        "dispute",
        "normal",
        "ar",
        "خلاف مع شركة الطباعة حول جودة المطبوعات ودفعة متأخرة بقيمة مليوني دينار.",
        "مطبعة الرافدين",
        True,
        "closed",
    ),
    (
        "contracts",
        "urgent",
        "ckb",
        "گرێبەستی کرێی بارەگاکەمان مانگی داهاتوو کۆتایی دێت و خاوەنەکەی دەیەوێت کرێکە دوو هێندە بکات.",
        "",
        True,
        "triaged",
    ),
    (
        "protection",
        "emergency",
        "en",
        "One of our volunteers received threats after a public event on women's rights and needs protection and advice.",
        "",
        True,
        "referred",
    ),
]


def _demo_cases(organizations, coordinator, lawyers, now, *, suffix: str = "") -> None:
    centres = list(Center.objects.order_by("pk"))
    for index, (category, urgency, language, description, counterpart, referral, state) in enumerate(CASES):
        organization = organizations[index % len(organizations)]
        requester = organization.memberships.select_related("user").first()
        staff = demo_user(email="staff.mosul@tatweer.example", full_name="Omar Younis", language="ar")
        data = {
            "category": category,
            "description": description + suffix,
            "counterpart": counterpart,
            "urgency": urgency,
            "preferred_centre": centres[index % len(centres)],
            "preferred_language": language,
            "consent_data_use": True,
            "consent_referral": referral,
        }
        if requester is not None:
            case = services.case_request(
                actor=requester.user,
                organization=organization,
                data=data,
                documents=[in_memory_pdf("letter.pdf")] if index % 2 else [],
            )
        else:  # a CSO without an account online: the centre recorded its call
            recorder = staff if organization.nearest_centre.slug == "mosul" else coordinator
            case = services.case_request(actor=recorder, organization=organization, data=data, channel=Channel.PHONE)
        if state == Status.SUBMITTED:
            continue
        if state == Status.REJECTED:
            services.conflict_check(actor=coordinator, case=case, note="No conflict.")
            services.triage(
                actor=coordinator,
                case=case,
                decision="reject",
                reason="This is a personal matter of a board member, not of the organisation; we can suggest a lawyer "
                "of the bar association.",
            )
            continue
        services.conflict_check(actor=coordinator, case=case, note="")
        services.triage(actor=coordinator, case=case, decision="accept")
        if state == Status.TRIAGED:
            continue
        lawyer = lawyers[index % len(lawyers)]
        others = [other for other in lawyers if other != lawyer][: index % 2]
        services.assign(actor=coordinator, case=case, primary=lawyer, additional=others)
        if state == Status.ASSIGNED:
            continue
        _demo_work(case, lawyer, index, category, language, now)
        if state != Status.IN_PROGRESS:
            _demo_conclude(case, state, lawyer, coordinator, requester, language, now)


def _demo_work(case, lawyer, index, category, language, now) -> None:
    """A lawyer takes the case up: notes, a filing, a hearing or meeting."""
    today = timezone.localdate()
    services.set_status(actor=lawyer, case=case, status=Status.IN_PROGRESS)
    services.note_add(
        actor=lawyer,
        case=case,
        text="Reviewed the documents; the file is complete."
        if language == "en"
        else "ملف القضية مكتمل بعد مراجعة الوثائق.",
        visibility="internal",
    )
    services.note_add(
        actor=lawyer,
        case=case,
        text={
            "ar": "يرجى تزويدنا بنسخة من النظام الداخلي ومحضر آخر اجتماع للهيئة العامة.",
            "ckb": "تکایە کۆپییەک لە پەیڕەوی ناوخۆ و کۆنووسی دوایین کۆبوونەوەی گشتی بنێرن.",
            "en": "Please send us a copy of the lease and all letters from the landlord.",
        }[language],
        visibility="shared",
    )
    if category == "registration":
        services.filing_record(actor=lawyer, case=case, authority="krg", filed_on=today - dt.timedelta(days=12))
    services.task_add(
        actor=lawyer,
        case=case,
        data={
            "kind": "hearing" if category in ("contracts", "dispute") else "meeting",
            "title": "Hearing at the Karkh court" if category == "contracts" else "Meeting with the CSO's board",
            "due_at": now + dt.timedelta(days=3 + index),
            "assigned_to": lawyer,
        },
    )


def _demo_conclude(case, state, lawyer, coordinator, requester, language, now) -> None:
    """Where the demo case ends: referred, waiting, resolved or closed and rated."""
    if state == Status.REFERRED:
        made = services.refer(
            actor=lawyer,
            case=case,
            organization_name="Iraqi Al-Amal Association (protection programme)",
            reason="Relocation and psychosocial support are beyond legal advice.",
        )
        services.referral_outcome(
            actor=coordinator, referral=made, outcome="accepted", note="Taken up within 48 hours."
        )
        return
    if state == Status.WAITING:
        services.set_status(actor=lawyer, case=case, status=Status.WAITING)
        # A deadline that has passed (the service refuses past dates, so it is written directly).
        CaseTask.objects.create(
            case=case,
            kind="deadline",
            title="Answer the landlord's notice",
            due_at=now - dt.timedelta(days=2),
            assigned_to=lawyer,
            created_by=lawyer,
        )
        return
    services.set_status(actor=lawyer, case=case, status=Status.RESOLVED)
    if state == Status.RESOLVED:
        return
    services.close(
        actor=lawyer,
        case=case,
        outcome="solved",
        summary="توصل الطرفان إلى تسوية: تعيد المطبعة طباعة المواد وتُدفع الدفعة المتأخرة."
        if language == "ar"
        else "Settled.",
    )
    if requester is not None:
        services.rate(actor=requester.user, case=case, rating=5, comment="شكراً على المتابعة السريعة.")


def _old_closed_case(organization, coordinator, lawyer, now) -> None:
    """A case closed six years ago: the retention job has removed its details."""
    case = services.case_request(
        actor=coordinator,
        organization=organization,
        channel=Channel.IN_PERSON,
        data={
            "category": "labour",
            "description": "Contracts of the project staff.",
            "preferred_centre": Center.objects.order_by("pk").first(),
            "consent_data_use": True,
        },
    )
    services.conflict_check(actor=coordinator, case=case, note="")
    services.triage(actor=coordinator, case=case, decision="accept")
    services.assign(actor=coordinator, case=case, primary=lawyer)
    services.set_status(actor=lawyer, case=case, status=Status.IN_PROGRESS)
    services.close(actor=lawyer, case=case, outcome="advice", summary="Model contracts given.")
    LegalCase.objects.filter(pk=case.pk).update(closed_at=now - dt.timedelta(days=6 * 365))
    services.anonymise_closed_cases(now=now)


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    """Idempotent: the base cases once, then each scaled batch once (marked by its suffix)."""
    coordinator = demo_user(email="legal@tatweer.example", full_name="Hawraa Ali", language="ar")
    lawyers = [
        demo_user(email="lawyer@tatweer.example", full_name="Karwan Rashid", language="ckb"),
        demo_user(email="lawyer.basra@tatweer.example", full_name="Maryam Abbas", language="ar"),
    ]
    now = timezone.now()
    # The demo CSO logins see cases of their own: Rebin (Kurdish) an in-progress registration,
    # Sara (Arabic) a closed dispute she rated.
    rebin = Organization.objects.filter(
        memberships__user__email="cso.member@tatweer.example", memberships__role=MembershipRole.ADMIN
    )
    sara = Organization.objects.filter(
        memberships__user__email="cso@tatweer.example", memberships__role=MembershipRole.ADMIN
    )
    others = list(Organization.objects.exclude(pk__in=[o.pk for o in [*rebin, *sara]]).order_by("pk")[:8])
    if not LegalCase.objects.exists():
        organizations = others[:3] + list(rebin[:1]) + others[3:5] + list(sara[:1]) + others[5:]
        _demo_cases(organizations, coordinator, lawyers, now)
        _old_closed_case(others[-1], coordinator, lawyers[0], now)
    for index in range(1, scale):
        suffix = f" ({index + 1})"
        if LegalCase.objects.filter(description__endswith=suffix).exists():
            continue
        batch = list(Organization.objects.order_by("pk")[index * 8 : index * 8 + 8]) or others
        _demo_cases(batch, coordinator, lawyers, now, suffix=suffix)
    return []  # the coordinator and lawyers are in the staff logins
