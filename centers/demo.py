"""Demo staff: one person per programme role, centre roles bound to their centres."""

from accounts.demo import demo_user
from accounts.roles import Role
from centers.models import Center, Room
from centers.services import user_set_roles

# (role, e-mail, full name, language, centre slug)
STAFF = [
    (Role.PROGRAMME_ADMIN, "admin@tatweer.example", "Layla Hassan", "en", None),
    (Role.CENTRE_MANAGER, "manager.erbil@tatweer.example", "Shvan Aziz", "ckb", "erbil"),
    (Role.CENTRE_STAFF, "staff.mosul@tatweer.example", "Omar Younis", "ar", "mosul"),
    (Role.TRAINER, "trainer.basra@tatweer.example", "Zainab Kadhim", "ar", "basra"),
    (Role.GRANT_OFFICER, "grants@tatweer.example", "Ahmed Salih", "en", None),
    (Role.FINANCE_OFFICER, "finance@tatweer.example", "Nour Jabbar", "ar", None),
    (Role.REVIEWER, "reviewer@tatweer.example", "Dilan Omer", "ckb", None),
    (Role.LEGAL_COORDINATOR, "legal@tatweer.example", "Hawraa Ali", "ar", None),
    (Role.LAWYER, "lawyer@tatweer.example", "Karwan Rashid", "ckb", "erbil"),
    (Role.LAWYER, "lawyer.basra@tatweer.example", "Maryam Abbas", "ar", "basra"),
    (Role.DONOR, "donor@tatweer.example", "Anna Müller", "en", None),
]


ROOMS = [
    # (name en, ar, ckb, capacity, equipment en, ar, ckb)
    (
        "Training hall",
        "قاعة التدريب",
        "هۆڵی ڕاهێنان",
        30,
        "Projector, screen, sound system",
        "جهاز عرض، شاشة، نظام صوت",
        "پرۆجێکتەر، شاشە، سیستەمی دەنگ",
    ),
    (
        "Meeting room",
        "غرفة الاجتماعات",
        "ژووری کۆبوونەوە",
        12,
        "Screen, video-call camera",
        "شاشة، كاميرا للاجتماعات المرئية",
        "شاشە، کامێرای پەیوەندیی ڤیدیۆیی",
    ),
    (
        "Computer lab",
        "مختبر الحاسوب",
        "تاقیگەی کۆمپیوتەر",
        16,
        "16 laptops, printer",
        "16 حاسوباً محمولاً، طابعة",
        "16 لاپتۆپ، چاپکەر",
    ),
]


def seed_rooms() -> None:
    for centre in Center.objects.all():
        for name_en, name_ar, name_ckb, capacity, eq_en, eq_ar, eq_ckb in ROOMS:
            Room.objects.get_or_create(
                centre=centre,
                name=name_en,
                defaults={
                    "name_en": name_en,
                    "name_ar": name_ar,
                    "name_ckb": name_ckb,
                    "capacity": capacity,
                    "equipment": eq_en,
                    "equipment_en": eq_en,
                    "equipment_ar": eq_ar,
                    "equipment_ckb": eq_ckb,
                },
            )


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    seed_rooms()
    # The first programme admin is a superuser, as `createsuperuser` makes one in production.
    admin = demo_user(email=STAFF[0][1], full_name=STAFF[0][2], language=STAFF[0][3], superuser=True)
    logins = [(str(Role.PROGRAMME_ADMIN.label), admin.email)]
    centres = {c.slug: c for c in Center.objects.all()}
    for role, email, name, language, centre_slug in STAFF[1:]:
        person = demo_user(email=email, full_name=name, language=language)
        if role not in person.roles:
            user_set_roles(actor=admin, user=person, roles=[role], centre=centres.get(centre_slug or ""))
        logins.append((str(role.label), email))
    return logins
