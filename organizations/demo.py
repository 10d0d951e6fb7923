"""Demo organisations: 32 CSOs around the three centres, with profiles in Arabic, Kurdish and
English, teams, leadership histories, documents and capacity assessments. `--scale N` adds N-1 more
sets with numbered names, for performance work."""

import random
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import demo_user
from centers.models import Center
from organizations.leadership import organization_refresh_leadership_flags
from organizations.models import (
    Assessment,
    AssessmentKind,
    AssessmentScore,
    AssessmentTemplate,
    DocumentKind,
    LeadershipBody,
    LeadershipMember,
    Membership,
    MembershipRole,
    Organization,
    OrganizationDocument,
    RegistrationAuthority,
    RegistrationStatus,
    Sex,
    VerificationStatus,
)

# (name as written, English name, acronym, governorate, district, centre, themes, description)
ORGANIZATIONS = [
    (
        "ڕێکخراوی ئاسۆ بۆ گەشەپێدانی گەنجان",
        "Aso Youth Development Organisation",
        "AYDO",
        "erbil",
        "Ankawa",
        "erbil",
        ["youth", "development"],
        "ڕێکخراوێکی ناحکومییە کە لە بواری توانابنیاتنانی گەنجان و بەشداریی مەدەنی کار دەکات.",
    ),
    (
        "ڕێکخراوی ژینگەی سەوز",
        "Green Environment Organisation",
        "GEO",
        "erbil",
        "Shaqlawa",
        "erbil",
        ["environment"],
        "کار لەسەر پاراستنی ژینگە و ئاگاداری کشتوکاڵی بەردەوام دەکات لە گوندەکانی دەشتی هەولێر.",
    ),
    (
        "ڕێکخراوی ماف بۆ مافەکانی مرۆڤ",
        "Maf Human Rights Organisation",
        "MAF",
        "erbil",
        "Erbil centre",
        "erbil",
        ["human_rights", "legal_aid"],
        "یارمەتیی یاسایی پێشکەش بە ئاوارە و گەڕاوەکان دەکات و چاودێریی مافەکانی مرۆڤ دەکات.",
    ),
    (
        "ناوەندی ژنان بۆ ئاشتی",
        "Women's Centre for Peace",
        "WCP",
        "erbil",
        "Koya",
        "erbil",
        ["womens_rights", "peacebuilding"],
        "ژنان لە پرۆسەی ئاشتەوایی و لێبوردەیی کۆمەڵایەتیدا بەشدار دەکات.",
    ),
    (
        "ڕێکخراوی دهۆک بۆ پەروەردە",
        "Duhok Education Foundation",
        "DEF",
        "duhok",
        "Zakho",
        "erbil",
        ["education", "youth"],
        "پاڵپشتیی خوێندن بۆ منداڵانی کەمپەکانی ئاوارەکان دابین دەکات.",
    ),
    (
        "ڕێکخراوی هیوا بۆ کەمئەندامان",
        "Hiwa Disability Rights",
        "HDR",
        "sulaymaniyah",
        "Halabja road",
        "erbil",
        ["disability", "human_rights"],
        "کار بۆ گەیشتن و بەشداریی کەسانی خاوەن پێداویستیی تایبەت دەکات.",
    ),
    (
        "ڕێکخراوی میدیای ئازاد",
        "Free Media Network",
        "FMN",
        "sulaymaniyah",
        "Sulaymaniyah centre",
        "erbil",
        ["media", "governance"],
        "ڕاهێنان بۆ ڕۆژنامەنووسانی گەنج لەسەر ڕۆژنامەگەریی بەرپرسیار.",
    ),
    (
        "ڕێکخراوی کشتوکاڵی دەشت",
        "Dasht Farmers' Association",
        "DFA",
        "erbil",
        "Makhmour",
        "erbil",
        ["livelihoods", "environment"],
        "پاڵپشتیی جووتیارانی بچووک دەکات بۆ ئاودێریی کەمخەرج و بازاڕکردن.",
    ),
    (
        "ڕێکخراوی کەلتووری ئاڤێستا",
        "Avesta Cultural Society",
        "ACS",
        "duhok",
        "Amedi",
        "erbil",
        ["culture", "peacebuilding"],
        "پاراستنی میراتی کەلتووری و ڕێکخستنی فێستیڤاڵی فرەکەلتووری.",
    ),
    (
        "ڕێکخراوی تەندروستیی کۆمەڵگە",
        "Community Health Initiative",
        "CHI",
        "kirkuk",
        "Kirkuk centre",
        "erbil",
        ["health", "womens_rights"],
        "هۆشیاریی تەندروستیی دایکان و منداڵان لە گەڕەکە هەژارەکان.",
    ),
    (
        "جمعية نينوى للتنمية المستدامة",
        "Ninewa Sustainable Development Association",
        "NSDA",
        "ninewa",
        "Mosul left bank",
        "mosul",
        ["development", "livelihoods"],
        "تعمل على دعم المشاريع الصغيرة وإعادة الإعمار في أحياء الموصل المتضررة.",
    ),
    (
        "منظمة الحدباء لحقوق الإنسان",
        "Hadbaa Human Rights Organisation",
        "HHRO",
        "ninewa",
        "Mosul old city",
        "mosul",
        ["human_rights", "legal_aid"],
        "ترصد انتهاكات حقوق الإنسان وتقدم المشورة القانونية للعائدين.",
    ),
    (
        "منظمة بنات الرافدين",
        "Daughters of Mesopotamia",
        "DOM",
        "ninewa",
        "Hamdaniya",
        "mosul",
        ["womens_rights", "peacebuilding"],
        "تمكين النساء اقتصادياً وتعزيز مشاركتهن في بناء السلام المحلي.",
    ),
    (
        "شبكة شباب سنجار",
        "Sinjar Youth Network",
        "SYN",
        "ninewa",
        "Sinjar",
        "mosul",
        ["youth", "peacebuilding"],
        "شبكة شبابية تعمل على الحوار بين المكونات وإعادة الحياة المدنية إلى سنجار.",
    ),
    (
        "منظمة تلعفر للتعليم",
        "Tal Afar Education Organisation",
        "TAEO",
        "ninewa",
        "Tal Afar",
        "mosul",
        ["education"],
        "دروس تقوية للأطفال المنقطعين عن الدراسة وتدريب المعلمين.",
    ),
    (
        "جمعية المكفوفين في نينوى",
        "Ninewa Association of the Blind",
        "NAB",
        "ninewa",
        "Mosul right bank",
        "mosul",
        ["disability"],
        "تدافع عن حقوق المكفوفين وتوفر تدريباً على الحاسوب الناطق.",
    ),
    (
        "منظمة سهل نينوى للبيئة",
        "Nineveh Plains Environment",
        "NPE",
        "ninewa",
        "Bashiqa",
        "mosul",
        ["environment", "livelihoods"],
        "حملات تشجير وإدارة النفايات في قرى سهل نينوى.",
    ),
    (
        "ملتقى الموصل الثقافي",
        "Mosul Cultural Forum",
        "MCF",
        "ninewa",
        "Mosul centre",
        "mosul",
        ["culture", "media"],
        "أمسيات ثقافية وقراءات ومعارض لإحياء المشهد الثقافي في الموصل.",
    ),
    (
        "منظمة الأمل للحكم الرشيد",
        "Al-Amal Good Governance",
        "AGG",
        "saladin",
        "Tikrit",
        "mosul",
        ["governance", "youth"],
        "رصد أداء المجالس المحلية وتدريب الشباب على المساءلة.",
    ),
    (
        "منظمة دجلة الخير",
        "Dijla Al-Khair",
        "DAK",
        "kirkuk",
        "Hawija",
        "mosul",
        ["development", "health"],
        "مشاريع مياه وصرف صحي في القرى المتضررة من النزاع.",
    ),
    (
        "منظمة البصرة للبيئة",
        "Basra Environment Organisation",
        "BEO",
        "basra",
        "Shatt al-Arab",
        "basra",
        ["environment", "health"],
        "تراقب تلوث شط العرب وتطالب بحلول لملوحة المياه.",
    ),
    (
        "جمعية نساء الفيحاء",
        "Al-Fayhaa Women's Association",
        "FWA",
        "basra",
        "Basra centre",
        "basra",
        ["womens_rights", "livelihoods"],
        "تدريب مهني للنساء المعيلات وقروض صغيرة لمشاريعهن.",
    ),
    (
        "منظمة شباب الجنوب للتطوع",
        "Southern Youth Volunteers",
        "SYV",
        "basra",
        "Zubair",
        "basra",
        ["youth", "development"],
        "فرق تطوعية شبابية لتنظيف الأحياء ودعم الأسر الفقيرة.",
    ),
    (
        "مركز الأهوار للتراث",
        "Marshes Heritage Centre",
        "MHC",
        "dhi_qar",
        "Chibayish",
        "basra",
        ["culture", "environment"],
        "حماية تراث الأهوار وبيئتها ودعم السياحة البيئية.",
    ),
    (
        "منظمة العدالة للمساعدة القانونية",
        "Al-Adala Legal Aid",
        "ALA",
        "basra",
        "Abu al-Khaseeb",
        "basra",
        ["legal_aid", "human_rights"],
        "عيادات قانونية مجانية للعمال والنساء ضحايا العنف.",
    ),
    (
        "منظمة ميسان للتنمية الريفية",
        "Maysan Rural Development",
        "MRD",
        "maysan",
        "Amarah",
        "basra",
        ["livelihoods", "development"],
        "دعم المزارعين ومربي الجاموس في قرى ميسان.",
    ),
    (
        "شبكة صحفيي البصرة",
        "Basra Journalists Network",
        "BJN",
        "basra",
        "Basra centre",
        "basra",
        ["media", "governance"],
        "الدفاع عن حرية الصحافة وتدريب الصحفيين على تقصي الحقائق.",
    ),
    (
        "منظمة ذي قار للتعليم",
        "Dhi Qar Learning Initiative",
        "DQLI",
        "dhi_qar",
        "Nasiriyah",
        "basra",
        ["education", "youth"],
        "محو الأمية الرقمية للشباب وفتح مكتبات مجتمعية.",
    ),
    (
        "جمعية ذوي الإعاقة في الجنوب",
        "Southern Disability Association",
        "SDA",
        "basra",
        "Qurna",
        "basra",
        ["disability", "health"],
        "خدمات تأهيل ودمج للأشخاص ذوي الإعاقة في التعليم والعمل.",
    ),
    (
        "منظمة السلام المجتمعي",
        "Community Peace Organisation",
        "CPO",
        "muthanna",
        "Samawah",
        "basra",
        ["peacebuilding", "governance"],
        "حل النزاعات العشائرية بالحوار وتدريب الوسطاء المحليين.",
    ),
    (
        "Iraqi Civic Futures",
        "Iraqi Civic Futures",
        "ICF",
        "basra",
        "Basra centre",
        "basra",
        ["governance", "youth"],
        "A youth-led think tank producing policy briefs on local governance and service delivery.",
    ),
    (
        "Kurdistan Green Initiative",
        "Kurdistan Green Initiative",
        "KGI",
        "erbil",
        "Soran",
        "erbil",
        ["environment", "education"],
        "Environmental education in schools and river clean-up campaigns in the Soran district.",
    ),
]

FIRST_NAMES = {
    Sex.FEMALE: [
        "Layla",
        "Shilan",
        "Nour",
        "Hawraa",
        "Dilan",
        "Zainab",
        "Rozhan",
        "Maryam",
        "Huda",
        "Sozan",
        "Aveen",
        "Rana",
    ],
    Sex.MALE: [
        "Ahmed",
        "Karwan",
        "Omar",
        "Hussein",
        "Shvan",
        "Ali",
        "Rebin",
        "Mustafa",
        "Haider",
        "Azad",
        "Yousif",
        "Sardar",
    ],
}
LAST_NAMES = [
    "Salih",
    "Aziz",
    "Jabbar",
    "Kadhim",
    "Rashid",
    "Omer",
    "Younis",
    "Mahmoud",
    "Hassan",
    "Qadir",
    "Abdullah",
    "Karim",
]
POSITIONS = {
    LeadershipBody.BOARD: ["Board chair", "Board member", "Treasurer", "Secretary"],
    LeadershipBody.MANAGEMENT: ["Executive director", "Programme manager", "Finance manager"],
}
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _leadership(organization, rng: random.Random, today: date) -> None:
    start = date(rng.randint(2014, 2020), rng.randint(1, 12), 1)
    for body, size in ((LeadershipBody.BOARD, rng.randint(3, 5)), (LeadershipBody.MANAGEMENT, rng.randint(1, 3))):
        for index in range(size):
            sex = Sex.FEMALE if rng.random() < 0.45 else Sex.MALE
            name = f"{rng.choice(FIRST_NAMES[sex])} {rng.choice(LAST_NAMES)}"
            began = start + timedelta(days=rng.randint(0, 900))
            ended = began + timedelta(days=rng.randint(400, 1500)) if rng.random() < 0.3 else None
            if ended and ended >= today:
                ended = None
            LeadershipMember.objects.create(
                organization=organization,
                full_name=name,
                body=body,
                position=POSITIONS[body][min(index, len(POSITIONS[body]) - 1)],
                is_head=index == 0,
                sex=sex,
                birth_year=rng.randint(1965, 2004),
                start_date=began,
                end_date=ended,
            )
            if ended:  # the successor
                LeadershipMember.objects.create(
                    organization=organization,
                    full_name=f"{rng.choice(FIRST_NAMES[Sex.FEMALE])} {rng.choice(LAST_NAMES)}",
                    body=body,
                    position=POSITIONS[body][min(index, len(POSITIONS[body]) - 1)],
                    is_head=index == 0,
                    sex=Sex.FEMALE if rng.random() < 0.6 else Sex.MALE,
                    birth_year=rng.randint(1990, 2005),
                    start_date=ended + timedelta(days=1),
                )


def _assessments(organization, template, rng: random.Random, today: date) -> None:
    indicators = [i for d in template.dimensions.all() for i in d.indicators.all()]
    level = {i.pk: rng.randint(1, 2) for i in indicators}
    when = today - timedelta(days=rng.randint(500, 800))
    kinds = [AssessmentKind.BASELINE] + [AssessmentKind.FOLLOW_UP] * rng.randint(0, 2)
    if rng.random() < 0.3:
        kinds.append(AssessmentKind.ENDLINE)
    for kind in kinds:
        assessment = Assessment.objects.create(
            organization=organization,
            template=template,
            kind=kind,
            assessed_on=when,
            participants="Director, finance manager",
            is_final=True,
        )
        AssessmentScore.objects.bulk_create(
            AssessmentScore(assessment=assessment, indicator=i, score=level[i.pk]) for i in indicators
        )
        level = {k: min(4, v + (1 if rng.random() < 0.45 else 0)) for k, v in level.items()}
        when += timedelta(days=rng.randint(150, 240))
        if when > today:
            break


def _create(spec, suffix: str, centres, template, rng: random.Random, today: date, number: int) -> Organization:
    name, name_en, acronym, governorate, district, centre, themes, description = spec
    registered = rng.random() < 0.8
    authority = (
        RegistrationAuthority.KURDISTAN
        if governorate in ("erbil", "duhok", "sulaymaniyah")
        else RegistrationAuthority.FEDERAL
    )
    status = rng.choices(
        [
            VerificationStatus.VERIFIED,
            VerificationStatus.PENDING,
            VerificationStatus.NEEDS_CHANGES,
            VerificationStatus.REJECTED,
        ],
        weights=[6, 3, 1, 0.3],
    )[0]
    organization = Organization.objects.create(
        name=f"{name}{suffix}",
        name_en=f"{name_en}{suffix}",
        acronym=acronym,
        registration_status=RegistrationStatus.REGISTERED if registered else RegistrationStatus.IN_PROCESS,
        registration_authority=authority,
        registration_number=f"{'K' if authority == 'kurdistan' else 'B'}-{20000 + number}" if registered else "",
        registration_date=date(rng.randint(2008, 2022), rng.randint(1, 12), rng.randint(1, 28)) if registered else None,
        founded_year=rng.randint(2003, 2021),
        governorate=governorate,
        district=district,
        nearest_centre=centres[centre],
        thematic_areas=themes,
        target_groups=rng.sample(
            ["women", "youth", "displaced", "returnees", "disability", "minorities", "children"], 2
        ),
        description=description,
        email=f"info@{acronym.lower()}{number}.example",
        phone=f"+964 7{rng.randint(50, 80)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        website=f"https://{acronym.lower()}{number}.example" if rng.random() < 0.6 else "",
        facebook=f"https://facebook.com/{acronym.lower()}{number}" if rng.random() < 0.7 else "",
        staff_women=rng.randint(0, 15),
        staff_men=rng.randint(0, 15),
        volunteers_women=rng.randint(0, 40),
        volunteers_men=rng.randint(0, 40),
        annual_budget=rng.choice(["under_10k", "10k_50k", "50k_250k", "250k_1m"]),
        is_published=rng.random() < 0.7,
        verification_status=status,
        verification_reason=""
        if status in (VerificationStatus.VERIFIED, VerificationStatus.PENDING)
        else "The registration certificate has expired; please upload the renewed one.",
        verified_at=timezone.now() - timedelta(days=rng.randint(5, 300))
        if status != VerificationStatus.PENDING
        else None,
    )
    _leadership(organization, rng, today)
    organization_refresh_leadership_flags(organization=organization, today=today)
    if rng.random() < 0.8:
        _assessments(organization, template, rng, today)
    if registered:
        document = OrganizationDocument(
            organization=organization,
            kind=DocumentKind.REGISTRATION,
            title="Registration certificate",
            original_filename="registration-certificate.pdf",
            expires_on=today + timedelta(days=rng.choice([-20, 15, 200, 500])),
        )
        document.file.save("registration-certificate.pdf", ContentFile(MINIMAL_PDF), save=False)
        document.save()
    return organization


LOGINS = [("CSO admin (two CSOs)", "cso@tatweer.example"), ("CSO admin (Kurdish)", "cso.member@tatweer.example")]


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    rng = random.Random(2026)  # the same demo every time
    today = timezone.localdate()
    centres = {c.slug: c for c in Center.objects.all()}
    template = AssessmentTemplate.objects.prefetch_related("dimensions__indicators").get(
        is_active=True, name_en__startswith="Organisational"
    )
    existing_sets = Organization.objects.filter(acronym="AYDO").count()
    number = Organization.objects.count()
    created = []
    for set_index in range(existing_sets, scale):
        suffix = "" if set_index == 0 else f" {set_index + 1}"
        for spec in ORGANIZATIONS:
            number += 1
            created.append(_create(spec, suffix, centres, template, rng, today, number))
    if created and not Membership.objects.filter(user__email="cso@tatweer.example").exists():
        member = demo_user(email="cso@tatweer.example", full_name="Sara Mahmoud", language="ar")
        Membership.objects.create(organization=created[10], user=member, role=MembershipRole.ADMIN)
        Membership.objects.create(organization=created[21], user=member, role=MembershipRole.MEMBER)
        colleague = demo_user(email="cso.member@tatweer.example", full_name="Rebin Qadir", language="ckb")
        Membership.objects.create(organization=created[0], user=colleague, role=MembershipRole.ADMIN)
        Membership.objects.create(organization=created[10], user=colleague, role=MembershipRole.MEMBER)
    return LOGINS
