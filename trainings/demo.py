"""Demo events: a year of trainings, workshops, meetings and cultural events across the three centres
and the five packages, with participants (split by sex, age, disability and governorate),
registrations and attendance. `--scale N` makes N times more."""

import datetime as dt
import random

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from accounts.demo import demo_user
from accounts.roles import Role
from centers.models import Center
from centers.services import user_set_roles
from organizations.models import Organization
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Disability,
    Event,
    EventStatus,
    EventType,
    Feedback,
    FeedbackReceipt,
    KnowledgeChoice,
    KnowledgeQuestion,
    KnowledgeTestAttempt,
    KnowledgeTestKind,
    Material,
    MaterialVisibility,
    Participant,
    Registration,
    RegistrationStatus,
    Session,
    TrainingPackage,
)
from trainings.services import session_period

FIRST = {
    "female": [
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
        "Ban",
        "Tara",
    ],
    "male": [
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
        "Zaid",
        "Hemin",
    ],
}
LAST = [
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
    "Jasim",
    "Faraj",
]
GOVERNORATES = {
    "erbil": ["erbil", "erbil", "duhok", "sulaymaniyah", "kirkuk"],
    "mosul": ["ninewa", "ninewa", "ninewa", "saladin", "kirkuk"],
    "basra": ["basra", "basra", "dhi_qar", "maysan", "muthanna"],
}
# Each text in English, Arabic and Central Kurdish, as the centres' staff write them. The English title
# starts with "[demo]" (how the demo finds its own events again).
TITLES = {
    EventType.TRAINING: (
        "{package}: {city} cohort {n}",
        "{package}: الدفعة {n}، {city}",
        "{package}: خولی {n}، {city}",
    ),
    EventType.WORKSHOP: ("Workshop: {topic}", "ورشة عمل: {topic}", "وۆرکشۆپ: {topic}"),
    EventType.MEETING: (
        "CSO coordination meeting, {city}",
        "اجتماع تنسيقي لمنظمات المجتمع المدني، {city}",
        "کۆبوونەوەی هەماهەنگیی ڕێکخراوەکانی کۆمەڵگەی مەدەنی، {city}",
    ),
    EventType.CULTURAL: ("Cultural evening: {topic}", "أمسية ثقافية: {topic}", "ئێوارەی کلتووری: {topic}"),
}
TOPICS = {
    EventType.WORKSHOP: [
        (
            "Proposal writing for CSOs",
            "كتابة المقترحات لمنظمات المجتمع المدني",
            "نووسینی پێشنیارنامە بۆ ڕێکخراوەکانی کۆمەڵگەی مەدەنی",
        ),
        (
            "Financial reports that donors accept",
            "تقارير مالية تقبلها الجهات المانحة",
            "ڕاپۆرتی دارایی کە بەخشەران قبووڵی دەکەن",
        ),
        (
            "Using the access to information law",
            "استخدام قانون حق الحصول على المعلومات",
            "بەکارهێنانی یاسای مافی دەستگەیشتن بە زانیاری",
        ),
        ("Digital safety for activists", "الأمان الرقمي للناشطين", "سەلامەتیی دیجیتاڵی بۆ چالاکوانان"),
        (
            "Women in local peace committees",
            "النساء في لجان السلام المحلية",
            "ژنان لە لیژنە ناوچەییەکانی ئاشتیدا",
        ),
        ("Managing youth volunteers", "إدارة المتطوعين الشباب", "بەڕێوەبردنی خۆبەخشە گەنجەکان"),
    ],
    EventType.CULTURAL: [
        ("heritage of the marshes", "تراث الأهوار", "کەلەپووری ئەهوار"),
        ("poetry in three languages", "الشعر بثلاث لغات", "شیعر بە سێ زمان"),
        ("songs of old Mosul", "أغاني الموصل القديمة", "گۆرانییەکانی مووسڵی کۆن"),
        ("climate and water in southern Iraq", "المناخ والمياه في جنوب العراق", "کەشوهەوا و ئاو لە باشووری عێراق"),
        ("films by young Iraqi directors", "أفلام لمخرجين عراقيين شباب", "فیلمی دەرهێنەرە گەنجە عێراقییەکان"),
        ("women storytellers", "حكايات ترويها النساء", "ئەو چیرۆکانەی ژنان دەیگێڕنەوە"),
    ],
}
DESCRIPTIONS = {
    EventType.TRAINING: (
        "Training for staff and board members of CSOs on the {package} package, at the {centre}. The "
        "participant handbook is handed out on the first day; a certificate is given for 75% attendance.",
        "تدريب لموظفي المنظمات وأعضاء مجالس إدارتها على حزمة «{package}» في {centre}. يُوزَّع دليل "
        "المشارك في اليوم الأول، وتُمنح شهادة لمن يحضر 75% من الجلسات.",
        "ڕاهێنان بۆ کارمەندان و ئەندامانی دەستەی بەڕێوەبردنی ڕێکخراوەکان لەسەر پاکێجی «{package}» لە "
        "{centre}. ڕێبەری بەشداربوو لە ڕۆژی یەکەمدا دابەش دەکرێت؛ بۆ ئامادەبوونی 75% بڕوانامە دەدرێت.",
    ),
    EventType.WORKSHOP: (
        "A practical workshop at the {centre}: bring a case from your own organisation to work on.",
        "ورشة عمل تطبيقية في {centre}: أحضروا حالة من عمل منظمتكم للعمل عليها.",
        "وۆرکشۆپێکی کرداری لە {centre}: کەیسێک لە کاری ڕێکخراوەکەی خۆتان بهێنن بۆ کارکردن لەسەری.",
    ),
    EventType.MEETING: (
        "The CSOs of the governorate share their plans for the coming months and agree who does what. "
        "Hosted by the {centre}.",
        "تعرض منظمات المحافظة خططها للأشهر المقبلة وتتفق على توزيع الأدوار. يستضيف الاجتماع {centre}.",
        "ڕێکخراوەکانی پارێزگاکە پلانەکانیان بۆ مانگەکانی داهاتوو دەخەنە ڕوو و لەسەر دابەشکردنی کارەکان "
        "ڕێک دەکەون. کۆبوونەوەکە لە {centre} دەبێت.",
    ),
    EventType.CULTURAL: (
        "An evening open to everyone at the {centre}, with local artists and the centre's volunteers.",
        "أمسية مفتوحة للجميع في {centre}، بمشاركة فنانين محليين ومتطوعي المركز.",
        "ئێوارەیەکی کراوە بۆ هەمووان لە {centre}، بە بەشداریی هونەرمەندانی ناوچەکە و خۆبەخشانی سەنتەرەکە.",
    ),
}
# What people write as their position, in the language they work in at each centre.
POSITIONS = {
    "erbil": ["بەڕێوەبەر", "Project officer", "خۆبەخش", "ژمێریار", "ئەندامی دەستەی بەڕێوەبردن", ""],
    "mosul": ["مدير", "مسؤول مشروع", "متطوع", "Accountant", "عضو مجلس الإدارة", ""],
    "basra": ["Director", "مسؤولة مشاريع", "متطوعة", "محاسب", "عضو مجلس الإدارة", ""],
}
LANGUAGES = ("en", "ar", "ckb")
TRAINERS = [
    ("trainer.basra@tatweer.example", "Zainab Kadhim", "ar", "basra"),
    ("trainer.erbil@tatweer.example", "Hemin Faraj", "ckb", "erbil"),
    ("trainer.mosul@tatweer.example", "Ban Younis", "ar", "mosul"),
]


def _participants(rng: random.Random, centre_slug: str, count: int, organizations: list) -> list[Participant]:
    people = []
    for _index in range(count):
        sex = rng.choice(["female", "male"])
        disability = rng.random() < 0.08
        person = Participant(
            full_name=f"{rng.choice(FIRST[sex])} {rng.choice(LAST)}",
            sex=sex,
            birth_year=rng.choice([rng.randint(1997, 2008), rng.randint(1965, 1996)]),
            governorate=rng.choice(GOVERNORATES[centre_slug]),
            phone=f"+9647{rng.randint(50, 80)}{rng.randint(1000000, 9999999)}",
            organization=rng.choice(organizations) if organizations and rng.random() < 0.85 else None,
            position=rng.choice(POSITIONS[centre_slug]),
            wg_walking=Disability.A_LOT if disability else Disability.NO,
            wg_seeing=Disability.SOME if rng.random() < 0.1 else Disability.NO,
            consent=True,
            consent_at=timezone.now(),
        )
        people.append(person)
    return Participant.objects.bulk_create(people)


# One knowledge-test question per package: (package, question en/ar/ckb, [(answer en/ar/ckb, correct)]).
QUESTIONS = [
    (
        "good_governance",
        (
            "Who approves the annual budget of a CSO?",
            "من يصادق على الموازنة السنوية للمنظمة؟",
            "کێ بودجەی ساڵانەی ڕێکخراو پەسەند دەکات؟",
        ),
        [
            (("The board", "مجلس الإدارة", "دەستەی بەڕێوەبردن"), True),
            (("The accountant alone", "المحاسب وحده", "تەنها ژمێریار"), False),
            (("The donor", "الجهة المانحة", "بەخشەر"), False),
        ],
    ),
    (
        "strategic_planning",
        (
            "What comes first in strategic planning?",
            "ما الخطوة الأولى في التخطيط الاستراتيجي؟",
            "یەکەم هەنگاو لە پلاندانانی ستراتیژیدا چییە؟",
        ),
        [
            (
                ("Analysing the context and needs", "تحليل السياق والاحتياجات", "شیکردنەوەی بارودۆخ و پێداویستییەکان"),
                True,
            ),
            (("Writing the budget", "كتابة الموازنة", "نووسینی بودجە"), False),
            (("Hiring staff", "توظيف الموظفين", "دامەزراندنی کارمەند"), False),
        ],
    ),
    (
        "campaigning",
        (
            "Who is the target of an advocacy campaign?",
            "من هو المستهدف في حملة المناصرة؟",
            "ئامانجی هەڵمەتێکی داکۆکیکردن کێیە؟",
        ),
        [
            (
                (
                    "The decision maker who can make the change",
                    "صاحب القرار القادر على إحداث التغيير",
                    "بڕیاردەرێک کە دەتوانێت گۆڕانکاری بکات",
                ),
                True,
            ),
            (("Only the media", "وسائل الإعلام فقط", "تەنها میدیا"), False),
            (("The CSO's own members", "أعضاء المنظمة أنفسهم", "ئەندامانی خودی ڕێکخراوەکە"), False),
        ],
    ),
    (
        "project_management",
        ("What does an indicator measure?", "ماذا يقيس المؤشر؟", "پێوەر چی دەپێوێت؟"),
        [
            (("Progress towards a result", "التقدم نحو تحقيق نتيجة", "پێشکەوتن بەرەو ئەنجامێک"), True),
            (("The number of staff", "عدد الموظفين", "ژمارەی کارمەندان"), False),
            (("The size of the office", "مساحة المكتب", "قەبارەی نووسینگە"), False),
        ],
    ),
    (
        "fundraising",
        ("Why diversify funding sources?", "لماذا تنويع مصادر التمويل؟", "بۆچی سەرچاوەکانی دارایی جۆراوجۆر دەکرێن؟"),
        [
            (
                (
                    "To reduce dependence on one donor",
                    "لتقليل الاعتماد على جهة مانحة واحدة",
                    "بۆ کەمکردنەوەی پشتبەستن بە یەک بەخشەر",
                ),
                True,
            ),
            (("To avoid financial reports", "لتجنب التقارير المالية", "بۆ خۆدزینەوە لە ڕاپۆرتی دارایی"), False),
            (("Because donors require it by law", "لأن القانون يلزم بذلك", "چونکە یاسا داوای دەکات"), False),
        ],
    ),
]
HANDBOOK = ("Participant handbook", "دليل المشارك", "ڕێبەری بەشداربوو")
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def seed_packages_content(admin) -> None:
    for code, question_text, answers in QUESTIONS:
        package = TrainingPackage.objects.get(code=code)
        if not package.questions.exists():
            question = KnowledgeQuestion.objects.create(
                package=package,
                text=question_text[0],
                text_en=question_text[0],
                text_ar=question_text[1],
                text_ckb=question_text[2],
            )
            for (en, ar, ckb), correct in answers:
                KnowledgeChoice.objects.create(
                    question=question, text=en, text_en=en, text_ar=ar, text_ckb=ckb, is_correct=correct
                )
        for language, title in zip(("en", "ar", "ckb"), HANDBOOK, strict=True):
            if not Material.objects.filter(package=package, language=language).exists():
                material = Material(
                    package=package,
                    title=title,
                    language=language,
                    original_filename=f"{code}-{language}.pdf",
                    visibility=MaterialVisibility.PUBLIC if language == "en" else MaterialVisibility.CSO,
                    uploaded_by=admin,
                    download_count=len(title) * 3,
                )
                material.file.save(f"{code}-{language}.pdf", ContentFile(MINIMAL_PDF), save=False)
                material.save()


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    rng = random.Random(42)
    admin = demo_user(email="admin@tatweer.example", full_name="Layla Hassan", superuser=True)
    centres = {c.slug: c for c in Center.objects.prefetch_related("rooms")}
    trainers = _trainers(admin, centres)
    logins = [("Trainer (Erbil)", "trainer.erbil@tatweer.example")]
    seed_packages_content(admin)
    existing = Event.objects.filter(title_en__startswith="[demo]").count()
    wanted = 60 * scale
    if existing >= wanted:
        return logins
    packages = list(TrainingPackage.objects.all())
    _cso_participant()
    pools = {}
    for slug in centres:
        organizations = list(Organization.objects.filter(nearest_centre__slug=slug)[:40])
        pools[slug] = _participants(rng, slug, 60 * scale, organizations)
    for index in range(existing, wanted):
        slug = ["erbil", "mosul", "basra"][index % 3]
        event, created, past = _demo_event(rng, centres[slug], packages, trainers[slug], number=index + 1, admin=admin)
        people = rng.sample(pools[slug], min(len(pools[slug]), event.capacity + (3 if not past else 0)))
        registrations = [
            Registration(
                event=event,
                participant=person,
                status=RegistrationStatus.REGISTERED if position < event.capacity else RegistrationStatus.WAITLISTED,
                registered_by=admin,
            )
            for position, person in enumerate(people)
        ]
        Registration.objects.bulk_create(registrations)
        if past:
            registered = [r.participant for r in registrations if r.status == RegistrationStatus.REGISTERED]
            _held(rng, event, created, registered, recorder=trainers[slug])
    return logins


def _trainers(admin, centres) -> dict:
    trainers = {}
    for email, name, language, slug in TRAINERS:
        trainer = demo_user(email=email, full_name=name, language=language)
        if Role.TRAINER not in trainer.roles:
            user_set_roles(actor=admin, user=trainer, roles=[Role.TRAINER], centre=centres[slug])
        trainers[slug] = trainer
    return trainers


def _cso_participant() -> None:
    cso_user = demo_user(email="cso@tatweer.example", full_name="Sara Mahmoud", language="ar")
    if not Participant.objects.filter(user=cso_user).exists():
        Participant.objects.create(
            user=cso_user,
            full_name=cso_user.full_name,
            sex="female",
            birth_year=1994,
            governorate="ninewa",
            email=cso_user.email,
            phone="+9647701112233",
            consent=True,
            consent_at=timezone.now(),
            created_by=cso_user,
        )


def _demo_event(rng, centre, packages, trainer, *, number: int, admin) -> tuple[Event, list[Session], bool]:
    """One event of the demo year with its sessions; whether it is over."""
    rooms = list(centre.rooms.all())
    kind = rng.choices(
        [EventType.TRAINING, EventType.WORKSHOP, EventType.MEETING, EventType.CULTURAL], weights=[5, 2, 2, 1]
    )[0]
    package = rng.choice(packages) if kind == EventType.TRAINING else None
    start_day = timezone.localdate() + dt.timedelta(days=rng.randint(-300, 75))
    days = 2 if kind == EventType.TRAINING and rng.random() < 0.6 else 1
    room = rng.choice(rooms) if rooms else None
    texts = _texts(kind, centre, package, number, topic=rng.choice(TOPICS.get(kind) or TOPICS[EventType.WORKSHOP]))
    capacity = min(room.capacity if room else 25, rng.choice([12, 16, 20, 25]))
    start_hour = rng.choice([9, 10, 13])
    sessions = []
    for day in range(days):
        date = start_day + dt.timedelta(days=day)
        if Session.objects.filter(room=room, date=date, is_cancelled=False).exists():
            room = None  # keep the demo free of double bookings: hold it elsewhere
        sessions.append((date, dt.time(start_hour), dt.time(start_hour + 3)))
    periods = [session_period(d, s, e) for d, s, e in sessions]
    past = periods[-1].upper < timezone.now()
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):  # the original columns: English
        event = Event.objects.create(
            kind=kind,
            **texts,
            centre=centre,
            room=room,
            external_venue="" if room else "Partner venue, " + centre.city_en,
            package=package,
            capacity=capacity,
            status=EventStatus.COMPLETED if past else EventStatus.PUBLISHED,
            created_by=admin,
            starts_at=periods[0].lower,
            ends_at=periods[-1].upper,
            registration_closes=periods[0].lower - dt.timedelta(hours=12),
        )
    if kind == EventType.TRAINING:
        event.trainers.add(trainer)
    created = Session.objects.bulk_create(
        Session(event=event, room=room, date=d, start_time=s, end_time=e, period=p)
        for (d, s, e), p in zip(sessions, periods, strict=True)
    )
    return event, created, past


def _texts(kind, centre, package, number: int, *, topic: tuple[str, str, str]) -> dict[str, str]:
    """The event's title and description in the three languages."""
    texts: dict[str, str] = {}
    for index, language in enumerate(LANGUAGES):
        values = {
            "package": getattr(package, f"title_{language}") or package.title_en if package else "",
            "city": getattr(centre, f"city_{language}") or centre.city_en,
            "centre": getattr(centre, f"name_{language}") or centre.name_en,
            "n": number,
            "topic": topic[index],
        }
        texts[f"title_{language}"] = TITLES[kind][index].format(**values)
        texts[f"description_{language}"] = DESCRIPTIONS[kind][index].format(**values)
    texts["title_en"] = "[demo] " + texts["title_en"]
    return texts


ATTENDANCE_WEIGHTS = {
    AttendanceStatus.PRESENT: 80,
    AttendanceStatus.LATE: 8,
    AttendanceStatus.EXCUSED: 5,
    AttendanceStatus.ABSENT: 7,
}


def _held(rng, event: Event, sessions: list[Session], registered: list[Participant], *, recorder) -> None:
    """What a past event left behind: attendance, feedback from half the places, and the tests."""
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            participant=person,
            status=rng.choices(list(ATTENDANCE_WEIGHTS), weights=list(ATTENDANCE_WEIGHTS.values()))[0],
            recorded_by=recorder,
        )
        for session in sessions
        for person in registered
    )
    present = registered[: event.capacity // 2]
    for person in present:
        FeedbackReceipt.objects.create(event=event, participant=person)
        Feedback.objects.create(
            event=event,
            satisfaction=rng.choice([3, 4, 4, 5, 5]),
            usefulness=rng.choice([3, 4, 5, 5]),
            comments=rng.choice(["", "", "More practical exercises, please.", "شكراً للمدربين", "زۆر سوودبەخش بوو"]),
        )
    package = event.package
    if package and package.questions.exists():
        total = package.questions.count()
        for person in present:
            pre = rng.randint(0, total)
            KnowledgeTestAttempt.objects.create(
                event=event, participant=person, kind=KnowledgeTestKind.PRE, correct=pre, total=total
            )
            KnowledgeTestAttempt.objects.create(
                event=event,
                participant=person,
                kind=KnowledgeTestKind.POST,
                correct=min(total, pre + rng.randint(0, 1)),
                total=total,
            )
    Session.objects.filter(pk__in=[s.pk for s in sessions]).update(attendance_recorded_at=timezone.now())
