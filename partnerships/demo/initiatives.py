"""Demo joint initiatives, written through the services:

- an Arabic sign-on letter on Basra's drinking water, led by the Basra Environment Organisation for
  the Basra Water Rights Coalition (when partnerships/demo/coalitions.py made it), open for
  signature today, with online signatures of demo CSOs and two paper signatures with their scans.
  The Ninewa association Sara (cso@tatweer.example) administers has not signed: she can;
- a Kurdish statement on the NGO law, led by the youth organisation Rebin administers for the
  Kurdistan NGO law network, signed, delivered to the KRG Ministry of Interior, the KRG NGO
  directorate and the EU delegation, with the directorate's response, a meeting held and a
  position changed (the outcomes the results indicators count);
- an English draft of Sara's association with two versions.

Running it again adds nothing (an initiative is found by its title); `--scale N` adds an open letter
for each further set of demo CSOs."""

import datetime as dt

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from core.uploads import in_memory_pdf
from organizations.models import Membership, MembershipRole, Organization, VerificationStatus
from partnerships.models import Coalition, Initiative, TargetKind
from partnerships.services import initiative_advocacy as advocacy
from partnerships.services import initiatives as services

WATER_TITLE = "رسالة مشتركة: مياه شرب آمنة لكل بيت في البصرة"
WATER_TEXT = """إلى السيد محافظ البصرة، وإلى السيد وزير الموارد المائية،

نحن منظمات المجتمع المدني الموقعة أدناه نتابع منذ سنتين ملوحة مياه شط العرب ونتائج فحوص مياه الإسالة في أقضية البصرة.
تُظهر الفحوص التي نشرناها أن نسبة الأملاح في أشهر الصيف تجاوزت الحدود الوطنية في أكثر من نصف العينات.

نطالب بما يلي:
1. نشر نتائج فحوص المياه شهرياً لكل قضاء وناحية.
2. خطة معلنة بجدول زمني لمحطات التحلية المتوقفة.
3. إشراك لجنة من السكان والمنظمات في متابعة تنفيذ الخطة.

Summary: the undersigned CSOs ask for monthly publication of water tests, a public plan for the desalination plants and
a residents' committee to follow it."""
WATER_SIGNERS = ["SYV", "ALA", "MHC", "SDA", "ICF", "MRD"]
WATER_PAPER = [
    ("جمعية صيادي الفاو", "حسين جاسم", 6),
    ("رابطة مزارعي أبي الخصيب", "زهراء كاظم", 3),
]

NGO_TITLE = "بەیاننامەی هاوبەش: یاسایەکی ڕێکخراوە ناحکومییەکان کە مافی کۆبوونەوە بپارێزێت"
NGO_TEXT = """ئێمە، ڕێکخراوە ناحکومییەکانی واژۆکەر، داوا لە حکومەتی هەرێمی کوردستان دەکەین:

1. تۆمارکردنی ڕێکخراو لە ماوەی سی ڕۆژدا تەواو بکرێت و هۆکاری ڕەتکردنەوە بە نووسراو بدرێت.
2. ڕاپۆرتی دارایی ساڵانە بەسەر فۆرمێکی سادە و یەکگرتوودا بێت.
3. هیچ ڕێکخراوێک بەبێ بڕیاری دادگا هەڵنەوەشێنرێتەوە.

ئەم داوایانە لە سێ کۆبوونەوەی ڕاوێژکاری لە هەولێر، سلێمانی و دهۆک کۆکراونەتەوە.

Summary: registration within thirty days with written reasons for a refusal, a simple yearly financial report,
no dissolution without a court decision."""
NGO_SIGNERS = ["MAF", "GEO", "DEF", "CHI", "KGI"]
NGO_TARGETS = [
    (TargetKind.MINISTRY, "وەزارەتی ناوخۆی هەرێمی کوردستان"),
    (TargetKind.KRG, "فەرمانگەی ڕێکخراوە ناحکومییەکان - حکومەتی هەرێمی کوردستان"),
    (TargetKind.EU, "EU Delegation to Iraq"),
]

DRAFT_TITLE = "Joint statement: a safe civic space for Ninewa's organisations"
DRAFT_VERSIONS = [
    "We, civil-society organisations of Ninewa, ask the governorate to publish the rules for permits to hold "
    "public meetings.",
    "We, civil-society organisations of Ninewa, ask the governorate to publish the rules for permits to hold "
    "public meetings, to answer each request within five days, and to give its reasons in writing when it "
    "refuses one.",
]


def _cso(acronym: str, index: int = 0) -> Organization | None:
    found = list(
        Organization.objects.filter(acronym=acronym, verification_status=VerificationStatus.VERIFIED).order_by("pk")
    )
    return found[index] if index < len(found) else None


ADMIN_NAMES = ["Huda Karim", "Dilshad Rasul", "Ali Mahdi", "Nazdar Omer", "Samir Yousif", "Rozhan Aziz"]


def _admin_of(organization: Organization) -> User:
    """The CSO's administrator, who signs for it (one is made when the demo CSO has none yet)."""
    membership = (
        organization.memberships.filter(role=MembershipRole.ADMIN).select_related("user").order_by("pk").first()
    )
    if membership is not None:
        return membership.user
    user = demo_user(
        email=f"cso{organization.pk}@tatweer.example",
        full_name=ADMIN_NAMES[organization.pk % len(ADMIN_NAMES)],
        language="ckb" if organization.governorate in ("erbil", "duhok", "sulaymaniyah") else "ar",
    )
    Membership.objects.create(organization=organization, user=user, role=MembershipRole.ADMIN)
    return user


def _coalition(name: str, organization: Organization) -> Coalition | None:
    """The demo coalition of that name, if coalitions.py made it and the CSO is a current member."""
    return Coalition.objects.filter(
        name=name, members__organization=organization, members__left_on__isnull=True
    ).first()


def _draft(
    organization: Organization, *, title: str, kind: str, language: str, text: str, coalition_name: str = ""
) -> tuple[Initiative, User]:
    admin = _admin_of(organization)
    coalition = _coalition(coalition_name, organization) if coalition_name else None
    initiative = services.initiative_create(
        actor=admin,
        organization=organization,
        title=title,
        kind=kind,
        language=language,
        text=text,
        coalition=coalition,
    )
    return initiative, admin


def _sign(initiative: Initiative, acronyms: list[str], index: int, first_day: dt.datetime, skip: set[int]) -> None:
    for number, acronym in enumerate(acronyms):
        cso = _cso(acronym, index)
        if cso is None or cso.pk in skip:
            continue
        services.sign(
            actor=_admin_of(cso), initiative=initiative, organization=cso, now=first_day + dt.timedelta(days=number)
        )


def _open_letter(*, index: int, suffix: str, today: dt.date, programme_admin: User) -> None:
    title = f"{WATER_TITLE}{suffix}"
    lead = _cso("BEO", index)
    if lead is None or Initiative.objects.filter(title=title).exists():
        return
    initiative, admin = _draft(
        lead,
        title=title,
        kind="letter",
        language="ar",
        text=WATER_TEXT,
        coalition_name=f"تحالف البصرة لحقوق المياه{suffix}",
    )
    if initiative is None:
        return
    opened = timezone.now() - dt.timedelta(days=9)
    services.initiative_publish(
        actor=admin,
        initiative=initiative,
        opens_on=timezone.localdate(opened),
        closes_on=today + dt.timedelta(days=21),
        now=opened,
    )
    # Sara's association keeps its signature for her to give (the browser journey signs with it).
    sara = set(Organization.objects.filter(memberships__user__email="cso@tatweer.example").values_list("pk", flat=True))
    _sign(initiative, WATER_SIGNERS, index, opened + dt.timedelta(hours=3), skip=sara)
    for name, signatory, days_ago in WATER_PAPER:
        services.paper_signature_add(
            actor=programme_admin,
            initiative=initiative,
            organization_name=name,
            signatory_name=signatory,
            signed_on=today - dt.timedelta(days=days_ago),
            proof=in_memory_pdf("signed-page.pdf"),
        )


def _delivered_statement(*, today: dt.date, manager: User | None) -> None:
    lead = _cso("AYDO")
    if lead is None or Initiative.objects.filter(title=NGO_TITLE).exists():
        return
    initiative, admin = _draft(
        lead,
        title=NGO_TITLE,
        kind="statement",
        language="ckb",
        text=NGO_TEXT,
        coalition_name="تۆڕی چاکسازیی یاسای ڕێکخراوە ناحکومییەکان",
    )
    published = timezone.now() - dt.timedelta(days=75)
    services.initiative_publish(
        actor=admin,
        initiative=initiative,
        opens_on=timezone.localdate(published),
        closes_on=timezone.localdate(published) + dt.timedelta(days=30),
        now=published,
    )
    _sign(initiative, NGO_SIGNERS, 0, published + dt.timedelta(days=2), skip=set())
    recorder = manager or admin
    targets = [
        advocacy.target_add(actor=admin, initiative=initiative, kind=kind, name=name) for kind, name in NGO_TARGETS
    ]
    for number, target in enumerate(targets):
        advocacy.delivery_record(
            actor=recorder,
            target=target,
            delivered_on=today - dt.timedelta(days=40 - number),
            method="Handed over at a meeting with the signatories" if number < 2 else "Sent by e-mail with the list",
        )
    ministry, directorate, _eu = targets
    evidence = "https://gov.krd/"
    advocacy.response_record(
        actor=admin,
        target=directorate,
        received_on=today - dt.timedelta(days=25),
        summary="The directorate answered in writing and invited the network to discuss the registration steps.",
        evidence_file=in_memory_pdf("directorate-letter.pdf"),
    )
    advocacy.outcome_record(
        actor=recorder,
        target=directorate,
        kind="meeting",
        occurred_on=today - dt.timedelta(days=20),
        description="Meeting with the director and two staff; the network presented the three demands.",
        evidence_link=evidence,
    )
    advocacy.outcome_record(
        actor=recorder,
        target=ministry,
        kind="position",
        occurred_on=today - dt.timedelta(days=8),
        description="The ministry agreed to give written reasons for every refused registration.",
        evidence_file=in_memory_pdf("ministry-circular.pdf"),
    )


def _english_draft() -> None:
    lead = (
        Organization.objects.filter(memberships__user__email="cso@tatweer.example", memberships__role="admin")
        .order_by("pk")
        .first()
    )
    if lead is None or Initiative.objects.filter(title=DRAFT_TITLE).exists():
        return
    initiative, admin = _draft(lead, title=DRAFT_TITLE, kind="position", language="en", text=DRAFT_VERSIONS[0])
    services.version_save(actor=admin, initiative=initiative, text=DRAFT_VERSIONS[1], note="Added the five-day answer")


def seed(*, scale: int, stdout) -> None:
    programme_admin = User.objects.filter(email="admin@tatweer.example").first()
    if programme_admin is None or not Organization.objects.filter(acronym="BEO").exists():
        stdout.write("  initiatives: the demo staff or CSOs are missing; nothing seeded")
        return
    today = timezone.localdate()
    manager = User.objects.filter(email="manager.erbil@tatweer.example").first()
    for index in range(scale):
        _open_letter(
            index=index, suffix="" if index == 0 else f" {index + 1}", today=today, programme_admin=programme_admin
        )
    _delivered_statement(today=today, manager=manager)
    _english_draft()
