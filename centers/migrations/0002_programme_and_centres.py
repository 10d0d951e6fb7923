import datetime

from django.db import migrations

PROGRAMME = {
    "slug": "tatweer",
    "name": ("Tatweer", "تطوير", "تەتویر"),
    "kind": ("Civil-society capacity building", "بناء قدرات المجتمع المدني", "بنیاتنانی توانای کۆمەڵگەی مەدەنی"),
    "donor": ("European Union", "الاتحاد الأوروبي", "یەکێتیی ئەورووپا"),
    "implementing_partner": ("Al-Mesalla", "المسلة", "ئەلمەسەللە"),
    "description": (
        "Three Civil Society Service Centres strengthen Iraqi civil-society organisations through "
        "trainings, accompanied grants, legal assistance and the sharing of experience.",
        "ثلاثة مراكز لخدمات المجتمع المدني تعزز منظمات المجتمع المدني العراقية من خلال التدريب "
        "والمنح المصحوبة بالمرافقة والمساعدة القانونية وتبادل الخبرات.",
        "سێ سەنتەری خزمەتگوزاری کۆمەڵگەی مەدەنی ڕێکخراوەکانی کۆمەڵگەی مەدەنیی عێراق بەهێز دەکەن لە ڕێگەی "
        "ڕاهێنان، بەخشینی هاوەڵدار، یارمەتیی یاسایی و گۆڕینەوەی ئەزموون.",
    ),
    "start_date": datetime.date(2020, 1, 1),
    "end_date": datetime.date(2023, 6, 30),  # 42 months
}

HOURS = (
    "Sunday to Thursday, 9:00 to 16:00",
    "الأحد إلى الخميس، 9:00 إلى 16:00",
    "یەکشەممە تا پێنجشەممە، 9:00 تا 16:00",
)

CENTRES = [
    {
        "slug": "erbil",
        "governorate": "erbil",
        "name": (
            "Erbil Civil Society Service Centre",
            "مركز خدمات المجتمع المدني في أربيل",
            "سەنتەری خزمەتگوزاری کۆمەڵگەی مەدەنی لە هەولێر",
        ),
        "city": ("Erbil", "أربيل", "هەولێر"),
        "address": (
            "100 Metre Road, Ankawa, Erbil",
            "شارع المئة متر، عنكاوا، أربيل",
            "شەقامی ١٠٠ مەتری، عەنکاوە، هەولێر",
        ),
        "phone": "+964 750 000 1001",
        "email": "erbil@tatweer.example",
    },
    {
        "slug": "mosul",
        "governorate": "ninewa",
        "name": (
            "Mosul Civil Society Service Centre",
            "مركز خدمات المجتمع المدني في الموصل",
            "سەنتەری خزمەتگوزاری کۆمەڵگەی مەدەنی لە مووسڵ",
        ),
        "city": ("Mosul", "الموصل", "مووسڵ"),
        "address": (
            "Al-Muthanna district, left bank, Mosul",
            "حي المثنى، الساحل الأيسر، الموصل",
            "گەڕەکی موسەننا، لای چەپ، مووسڵ",
        ),
        "phone": "+964 770 000 2002",
        "email": "mosul@tatweer.example",
    },
    {
        "slug": "basra",
        "governorate": "basra",
        "name": (
            "Basra Civil Society Service Centre",
            "مركز خدمات المجتمع المدني في البصرة",
            "سەنتەری خزمەتگوزاری کۆمەڵگەی مەدەنی لە بەسرە",
        ),
        "city": ("Basra", "البصرة", "بەسرە"),
        "address": ("Al-Jazaer Street, Basra", "شارع الجزائر، البصرة", "شەقامی جەزائیر، بەسرە"),
        "phone": "+964 780 000 3003",
        "email": "basra@tatweer.example",
    },
]


def translated(field, values):
    en, ar, ckb = values
    return {field: en, f"{field}_en": en, f"{field}_ar": ar, f"{field}_ckb": ckb}


def create_programme_and_centres(apps, schema_editor):
    Programme = apps.get_model("centers", "Programme")
    Center = apps.get_model("centers", "Center")
    fields = {}
    for key in ("name", "kind", "donor", "implementing_partner", "description"):
        fields.update(translated(key, PROGRAMME[key]))
    programme, _ = Programme.objects.get_or_create(
        slug=PROGRAMME["slug"],
        defaults={**fields, "start_date": PROGRAMME["start_date"], "end_date": PROGRAMME["end_date"]},
    )
    for centre in CENTRES:
        fields = {}
        for key in ("name", "city", "address"):
            fields.update(translated(key, centre[key]))
        fields.update(translated("opening_hours", HOURS))
        Center.objects.get_or_create(
            slug=centre["slug"],
            defaults={
                **fields,
                "programme": programme,
                "governorate": centre["governorate"],
                "phone": centre["phone"],
                "email": centre["email"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("centers", "0001_initial")]

    operations = [migrations.RunPython(create_programme_and_centres, migrations.RunPython.noop)]
