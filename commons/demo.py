"""Demo data of the civil-society platform: tools, practices and guides by the demo CSOs and the
programme, in Arabic, Central Kurdish and English, gone through review (one still waits, one was hidden
by readers' reports), with translations, a file in two versions, a practice's photo (shown as a thumbnail), a question with
an accepted answer, uptake by another CSO and follows. Made through the services, as the people would. Idempotent: the
entries are found by title. `--scale N` adds N × 40 published entries for the performance work."""

import datetime as dt
import io
import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from accounts.demo import demo_user
from accounts.models import User
from commons import services
from commons.demo_content_a import ENTRIES_A
from commons.demo_content_b import ENTRIES_B, QUESTIONS
from commons.models import DigestPreference, Entry, EntryStatus, Question, Visibility
from organizations.models import Membership, MembershipRole, Organization, VerificationStatus

# (kind, language, title, summary, type fields, topics, governorates)
ENTRIES = [
    (
        "practice",
        "ar",
        "جلسات استماع حول موازنة القضاء",
        "كيف جمعنا أربعين من سكان الزبير في جلسة علنية لموازنة المجلس البلدي، وما الذي تغيّر بعدها.",
        {
            "problem": "لم يكن السكان يعرفون شيئاً عن موازنة القضاء ولا عن أولوياتها.",
            "approach": "طبعنا الموازنة في صفحة واحدة مفهومة، ودعونا أعضاء المجلس بالاسم إلى جلسة في المدرسة.",
            "results": "حضر 42 شخصاً منهم 19 امرأة، ونشر المجلس موازنته على صفحته لأول مرة.",
            "lessons": "الدعوة الشخصية لأعضاء المجلس أهم من الإعلان العام.",
            "did_not_work": "الإعلان على مواقع التواصل وحده لم يجلب أحداً تقريباً.",
            "partners": "المجلس البلدي في الزبير",
        },
        ["governance", "campaigning"],
        ["basra"],
    ),
    (
        "tool",
        "ar",
        "نموذج ميزانية مشروع صغير",
        "جدول جاهز لميزانية مشروع بمنحة صغيرة: الأنشطة، التكاليف، المساهمة الذاتية والدفعات.",
        {"purpose": "لإعداد ميزانية مقترح مشروع تطلبها الجهات المانحة.", "file_format": "PDF", "licence": "cc-by"},
        ["project_management", "fundraising"],
        [],
    ),
    (
        "practice",
        "ckb",
        "گفتوگۆی گەنجان لەگەڵ ئەنجومەنی پارێزگا",
        "چۆن بیست گەنجی هەولێر پێشنیارەکانیان بۆ پلانی ساڵانەی ئەنجومەن پێشکەش کرد.",
        {
            "problem": "گەنجان هیچ دەنگێکیان لە پلانی ئەنجومەندا نەبوو.",
            "approach": "سێ کۆبوونەوەی ئامادەکاری و یەک دانیشتنی کراوە لەگەڵ ئەندامانی ئەنجومەن.",
            "results": "دوو پێشنیاری گەنجان خرایە ناو پلانی ساڵانەوە.",
            "lessons": "پێشنیاری ورد و بە تێچوونەوە زیاتر وەردەگیرێت.",
            "did_not_work": "کاتی کۆبوونەوەکان لەگەڵ کاتی زانکۆ یەکی دەگرتەوە.",
        },
        ["governance", "campaigning"],
        ["erbil"],
    ),
    (
        "guide",
        "en",
        "Writing a three-year strategic plan in five workshops",
        "A step-by-step guide the Erbil centre uses with boards and staff of small CSOs.",
        {
            "body": "<h2>Before the first workshop</h2><p>Ask each board member for the three things the "
            "organisation must stop doing.</p><h2>Workshop 1: mission</h2><p>One sentence, tested with "
            "two beneficiaries.</p><ul><li>Workshop 2: context</li><li>Workshop 3: objectives</li>"
            "<li>Workshop 4: resources</li><li>Workshop 5: the plan on one page</li></ul>"
        },
        ["strategic_planning"],
        ["erbil", "duhok", "sulaymaniyah"],
    ),
    (
        "practice",
        "ar",
        "حملة تسجيل المواليد في مخيمات النزوح",
        "تجربة منظمة شبابية في الموصل لمساعدة 300 أسرة على استخراج وثائق أطفالها.",
        {
            "problem": "مئات الأطفال في المخيم بلا شهادة ميلاد، فلا يدخلون المدرسة.",
            "approach": "عيادة قانونية متنقلة مع محامي المركز، ونقل جماعي إلى دائرة الأحوال.",
            "results": "استخرجت 212 شهادة ميلاد خلال أربعة أشهر.",
            "lessons": "التنسيق المسبق مع الدائرة يختصر أسابيع.",
            "did_not_work": "الاعتماد على المتطوعين وحدهم لم يكن كافياً في فترة الامتحانات.",
        },
        ["human_rights"],
        ["ninewa"],
    ),
    (
        "tool",
        "ckb",
        "فۆرمی پلانی ئاسایش بۆ چالاکوانان",
        "لیستێکی پشکنین بۆ پاراستنی چالاکوانان و زانیارییەکانیان لە کاتی کەمپەیندا.",
        {"purpose": "بۆ ئامادەکردنی کەمپەین بە شێوەیەکی سەلامەت.", "file_format": "PDF", "licence": "cc-by-sa"},
        ["campaigning", "human_rights"],
        [],
    ),
    (
        "guide",
        "ar",
        "دليل كتابة التقارير السردية للمانحين",
        "كيف تكتب تقريراً سردياً يصف النتائج لا الأنشطة فقط، مع أمثلة من منح تطوير.",
        {
            "body": "<p>ابدأ بالتغيير الذي حدث، ثم بالأدلة، ثم بالأنشطة التي أدت إليه.</p><p>اذكر ما لم ينجح "
            "وما تعلمتموه منه.</p>"
        },
        ["project_management", "fundraising"],
        [],
    ),
    (
        "practice",
        "en",
        "Planting 2,000 trees with schools in Basra",
        "How an environmental CSO involved 14 schools and the municipality in a greening campaign.",
        {
            "problem": "Summer temperatures above 50 °C and almost no shade around schools.",
            "approach": "Each school adopted a row of trees; pupils watered them in teams over the summer.",
            "results": "1,740 of 2,000 trees survived the first summer.",
            "lessons": "Water access must be agreed with the municipality before planting.",
            "did_not_work": "Planting in April was too late for the young trees.",
        },
        ["environment"],
        ["basra"],
    ),
    (
        "practice",
        "ckb",
        "ناوبژیوانی لە ناکۆکی ئاو لە گوندەکانی دهۆک",
        "چۆن ڕێکخراوێکی ئاشتی دوو گوندی ناکۆک لەسەر ئاوی کشتوکاڵ هێنایە سەر یەک مێز.",
        {
            "problem": "ناکۆکی لەسەر دابەشکردنی ئاوی ڕووبار گەیشتبووە توندوتیژی.",
            "approach": "شەش دانیشتنی ناوبژیوانی بە بەشداریی پیاوماقوڵان و ژنانی هەردوو گوند.",
            "results": "ڕێککەوتنێکی نووسراو بۆ خشتەی ئاودان.",
            "lessons": "بەشداریی ژنان ڕێککەوتنەکەی بەهێزتر کرد.",
        },
        ["peacebuilding"],
        ["duhok"],
    ),
    (
        "tool",
        "en",
        "Board meeting minutes template",
        "A one-page template for minutes that auditors and donors accept.",
        {
            "purpose": "Recording board decisions so they can be shown to auditors.",
            "file_format": "PDF",
            "licence": "cc-by",
        },
        ["governance"],
        [],
    ),
]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _cso_of(email: str) -> tuple[Organization, User] | None:
    organization = (
        Organization.objects.filter(
            memberships__user__email=email,
            memberships__role=MembershipRole.ADMIN,
            verification_status=VerificationStatus.VERIFIED,
        )
        .order_by("pk")
        .first()
    )
    user = User.objects.filter(email=email).first()
    return (organization, user) if organization and user else None


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    moderator = User.objects.get(email="admin@tatweer.example")
    trainer = User.objects.get(email="trainer.erbil@tatweer.example")
    sara, rebin = _cso_of("cso@tatweer.example"), _cso_of("cso.member@tatweer.example")
    if sara is None or rebin is None:
        stdout.write("  commons: the demo CSOs are missing; nothing seeded")
        return []
    authors = {"ar": sara, "ckb": rebin, "en": None}
    made: dict[str, Entry] = {}
    for index, spec in enumerate(ENTRIES):
        language, title = spec[1], spec[2]
        found = Entry.objects.filter(title=title).first()
        if found:
            made[title] = found
            continue
        owner = authors[language] if index % 4 != 3 else None  # every fourth: the programme's, by a trainer
        if index == 9:
            owner = rebin  # a CSO's new entry, left waiting in the review queue of its centre
        organization, author = owner if owner else (None, trainer)
        entry = _write(
            spec,
            author=author,
            organization=organization,
            members_only=index == 6,
            file_name=f"tool-{index}.pdf",
            approver=moderator if index != 9 else None,
        )
        made[title] = entry
    _around(made, moderator=moderator, trainer=trainer, sara=sara, rebin=rebin)
    _more(moderator=moderator, trainer=trainer, lawyer=User.objects.filter(email="lawyer@tatweer.example").first())
    if scale > 1:
        _volume(scale, sara, trainer)
    stdout.write(f"  commons: {Entry.objects.count()} entries")
    return []


def _write(
    spec: tuple, *, author: User, organization: Organization | None, members_only: bool, file_name: str, approver
) -> Entry:
    """One demo entry as its writer makes it: saved, a tool's file added, sent; approved by
    `approver` when it waits for review (None leaves it waiting)."""
    kind, language, title, summary, fields, topics, governorates = spec
    entry = services.entry_save(
        actor=author,
        organization=organization,
        data={
            "kind": kind,
            "language": language,
            "title": title,
            "summary": summary,
            "topics": topics,
            "governorates": governorates,
            "visibility": Visibility.MEMBERS if members_only else Visibility.PUBLIC,
            **fields,
        },
    )
    if kind == "tool":
        services.version_add(
            actor=author,
            entry=entry,
            file=SimpleUploadedFile(file_name, PDF, "application/pdf"),
            change_note="First version.",
        )
    entry = services.entry_submit(actor=author, entry=entry)
    if entry.status == EntryStatus.PENDING and approver is not None:
        entry = services.entry_moderate(actor=approver, entry=entry, action="approve")
    return entry


def _around(made: dict[str, Entry], *, moderator: User, trainer: User, sara, rebin) -> None:
    """What happened to the entries after they were published: a hiding, a second version, a
    translation, an uptake, a question answered, follows."""
    mediation = made.get(ENTRIES[8][2])
    if (
        mediation
        and mediation.status == EntryStatus.PUBLISHED
        and not mediation.moderation_steps.filter(action="hidden").exists()
    ):
        services.entry_moderate(
            actor=moderator,
            entry=mediation,
            action="hide",
            reason="The names of the village elders are shown; remove them and ask for a second review.",
        )
    budget = made.get(ENTRIES[1][2])
    if budget and budget.versions.count() == 1:
        services.version_add(
            actor=sara[1],
            entry=budget,
            file=SimpleUploadedFile("budget-template-v2.pdf", PDF, "application/pdf"),
            change_note="أضفنا عمود المساهمة الذاتية.",
        )
    trees = made.get(ENTRIES[7][2])
    if trees and not trees.versions.exists():
        services.version_add(
            actor=trees.author,
            entry=trees,
            file=SimpleUploadedFile("planting-day.png", _photo(), "image/png"),
            change_note="A photo of the first planting day.",
        )
    first = made.get(ENTRIES[0][2])
    if first and not first.translations.exists():
        services.translation_save(
            actor=trainer,
            entry=first,
            language="en",
            data={
                "title": "Public hearings on the district budget",
                "summary": "How we brought 40 residents of Zubair to a public hearing on the council's budget, "
                "and what changed afterwards.",
            },
        )
        services.translation_save(
            actor=trainer,
            entry=first,
            language="ckb",
            data={
                "title": "دانیشتنی گوێگرتن لەسەر بودجەی قەزا",
                "summary": "چۆن چل دانیشتووی زوبێرمان کۆکردەوە بۆ دانیشتنێکی ئاشکرا لەسەر بودجەی ئەنجومەن.",
            },
        )
    if first and first.status == EntryStatus.PUBLISHED and not first.uptakes.exists():
        services.uptake_mark(
            actor=rebin[1], entry=first, organization=rebin[0], used_on=timezone.localdate() - dt.timedelta(days=20)
        )
    if not Question.objects.exists():
        question = services.question_ask(
            actor=rebin[1],
            organization=rebin[0],
            data={
                "topic": "fundraising",
                "language": "ckb",
                "title": "چۆن بەشداریی خۆمان لە بودجەی پڕۆژەدا نیشان بدەین؟",
                "body": "بەخشەرەکە داوای ١٠٪ بەشداریی خۆمان دەکات، بەڵام پارەمان نییە.",
            },
        )
        answer = services.answer_post(
            actor=trainer,
            question=question,
            body="Volunteer time, the office you already rent and equipment you own all count, valued at "
            "market prices and documented.",
        )
        services.answer_post(actor=sara[1], question=question, body="نحن حسبنا قيمة القاعة التي نستخدمها مجاناً.")
        services.answer_accept(actor=rebin[1], answer=answer)
        services.follow_set(actor=rebin[1], level="watch", topic="governance")
        services.follow_set(actor=sara[1], level="new", topic="campaigning")


# The people who write for the other demo CSOs (one each).
WRITERS = (
    ("Zainab Kadhim", "ar"),
    ("Shilan Omer", "ckb"),
    ("Ahmed Salih", "ar"),
    ("Hawre Jalal", "ckb"),
    ("Noor al-Huda Fadhil", "ar"),
    ("Dilan Hussein", "ckb"),
    ("Mustafa Kareem", "ar"),
    ("Awat Mahmud", "ckb"),
    ("Rusul Abbas", "ar"),
    ("Sozan Ali", "ckb"),
    ("Haider Naji", "ar"),
    ("Lana Aziz", "en"),
)


def _writers() -> list[tuple[Organization, User]]:
    """Other verified CSOs of the demo, each with a writer (its administrator) for the platform."""
    writers = []
    organizations = Organization.objects.filter(verification_status=VerificationStatus.VERIFIED).exclude(acronym="")
    for organization, (name, language) in zip(organizations.order_by("pk")[: len(WRITERS)], WRITERS, strict=False):
        email = f"{organization.acronym.lower()}.platform@tatweer.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = demo_user(email=email, full_name=name, language=language)
            user.date_joined = timezone.now() - dt.timedelta(days=120)
            user.save(update_fields=["date_joined"])
            Membership.objects.get_or_create(
                organization=organization, user=user, defaults={"role": MembershipRole.ADMIN}
            )
        writers.append((organization, user))
    return writers


def _more(*, moderator: User, trainer: User, lawyer: User | None) -> None:
    """The rest of the demo's entries (commons.demo_content_a and _b), by a dozen CSOs and the
    programme, reviewed where they must be; and questions, answered or waiting a week."""
    writers = _writers()
    if not writers:
        return
    for index, spec in enumerate(ENTRIES_A + ENTRIES_B):
        if Entry.objects.filter(title=spec[2]).exists():
            continue
        organization, author = writers[index % len(writers)] if index % 5 != 4 else (None, trainer)
        entry = _write(
            spec,
            author=author,
            organization=organization,
            members_only=index % 7 == 6,
            file_name=f"template-{index}.pdf",
            approver=moderator,
        )
        # Spread over the last two years, so the year facet and the digests have something to show.
        Entry.objects.filter(pk=entry.pk).update(
            published_at=timezone.now() - dt.timedelta(days=(index * 23) % 700 + 1)
        )
    _uses(writers)
    if Question.objects.count() <= 1:
        _questions(writers, experts={"trainer": trainer, "lawyer": lawyer or trainer})


def _questions(writers: list[tuple[Organization, User]], *, experts: dict[str, User]) -> None:
    """The demo's questions, some answered (by staff or other CSOs, one answer accepted), three
    waiting since last week."""
    specs: list[dict[str, Any]] = QUESTIONS
    for index, spec in enumerate(specs):
        organization, author = writers[(index + 3) % len(writers)]
        question = services.question_ask(
            actor=author,
            organization=organization,
            data={key: spec[key] for key in ("topic", "language", "title", "body")},
        )
        if not spec["answers"]:  # waiting since last week: the centre's dashboard shows it
            Question.objects.filter(pk=question.pk).update(created_at=timezone.now() - dt.timedelta(days=9 + index))
        for number, answer in enumerate(spec["answers"]):
            by = experts.get(answer["by"]) or writers[(index + number + 5) % len(writers)][1]
            posted = services.answer_post(actor=by, question=question, body=answer["body"])
            if answer["accepted"]:
                services.answer_accept(actor=author, answer=posted)


def _uses(writers: list[tuple[Organization, User]]) -> None:
    """Some CSOs used others' tools: one three months ago and said what changed, one three months
    ago and has not yet (the daily job asks it), one last week."""
    tools = list(Entry.objects.filter(kind="tool", status=EntryStatus.PUBLISHED).order_by("pk")[:3])
    today = timezone.localdate()
    for number, (entry, days, follow_up) in enumerate(
        zip(tools, (110, 95, 6), ("نستخدم النموذج الآن في كل مقترح، ووفّر علينا أسبوعاً من العمل.", "", ""), strict=False)
    ):
        organization, user = writers[(number + 7) % len(writers)]
        if entry.organization_id == organization.pk or entry.uptakes.filter(organization=organization).exists():
            continue
        uptake = services.uptake_mark(
            actor=user, entry=entry, organization=organization, used_on=today - dt.timedelta(days=days)
        )
        if follow_up:
            services.uptake_follow_up(actor=user, uptake=uptake, text=follow_up)
    DigestPreference.objects.get_or_create(user=writers[0][1], defaults={"frequency": "daily"})
    services.follow_set(actor=writers[0][1], level="watch", topic="environment")


def _photo() -> bytes:
    """A drawn "photo" of the schools' trees (a PNG of about 400 KB, with a little grain so that it
    weighs what a photo does), for the entry page to show as a thumbnail. The same every time."""
    width, height = 1200, 800
    rng = random.Random(14)
    shade = Image.linear_gradient("L").resize((width, height))
    image = Image.merge(
        "RGB",
        (shade.point(lambda v: 120 + v // 3), shade.point(lambda v: 170 + v // 4), Image.new("L", shade.size, 235)),
    )
    draw = ImageDraw.Draw(image)
    draw.ellipse((930, 60, 1070, 200), fill=(255, 214, 90))  # the sun
    draw.rectangle((0, 520, width, height), fill=(196, 164, 110))  # the schoolyard
    for n in range(14):
        x, y, crown = 60 + n * 82, 470 + rng.randint(-20, 20), rng.randint(34, 52)
        draw.rectangle((x - 6, y, x + 6, y + 110), fill=(110, 74, 40))
        draw.ellipse((x - crown, y - 2 * crown + 10, x + crown, y + 10), fill=(40 + rng.randint(0, 40), 140, 50))
    draw.rectangle((500, 690, 510, 760), fill=(60, 60, 60))  # the school's sign, on two posts
    draw.rectangle((690, 690, 700, 760), fill=(60, 60, 60))
    draw.rounded_rectangle((440, 620, 760, 700), radius=10, fill=(250, 250, 250), outline=(40, 40, 40), width=4)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).filter(ImageFilter.GaussianBlur(1.2))
    image = Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.03)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _volume(scale: int, cso: tuple[Organization, User], trainer: User) -> None:
    """N × 40 more published entries, made in bulk (their rules are tested elsewhere)."""
    wanted = (scale - 1) * 40
    have = Entry.objects.filter(title__startswith="[scale]").count()
    now = timezone.now()
    organization, author = cso
    Entry.objects.bulk_create(
        [
            Entry(
                kind=("practice", "tool", "guide")[n % 3],
                organization=organization if n % 4 else None,
                centre=organization.nearest_centre,
                author=author if n % 4 else trainer,
                language=("ar", "ckb", "en")[n % 3],
                title=f"[scale] {ENTRIES[n % len(ENTRIES)][2]} {n}",
                summary=ENTRIES[n % len(ENTRIES)][3],
                topics=ENTRIES[n % len(ENTRIES)][5],
                governorates=ENTRIES[n % len(ENTRIES)][6],
                status=EntryStatus.PUBLISHED,
                published_at=now - dt.timedelta(days=n % 700),
            )
            for n in range(have, wanted)
        ]
    )
