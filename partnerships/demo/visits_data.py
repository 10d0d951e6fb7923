"""The demo's exchange visits, as written by the programme's staff (English, Arabic, Kurdish Sorani;
the event's title and description in all three).

visitors: (CSO acronym, outcome or None while open, explanation, indexes of the practices taken up,
days after the visit's last session since when it is in use, or None)."""

from typing import Any

VISITS: list[dict[str, Any]] = [
    {
        "title": "[demo] Exchange visit: JOHUD community centres, Amman",
        "centre": "erbil",
        "days": 3,
        "ended_days_ago": 95,
        "venue": "JOHUD, Jabal Al-Naser, Amman (Jordan)",
        "description": "Three days in Amman with the Jordanian Hashemite Fund for Human Development.",
        "title_ar": "زيارة تبادلية: المراكز المجتمعية لصندوق جهد، عمّان",
        "title_ckb": "سەردانی ئاڵوگۆڕ: سەنتەرە کۆمەڵایەتییەکانی سندووقی هاشمیی ئوردنی، عەممان",
        "description_ar": "ثلاثة أيام في عمّان مع الصندوق الأردني الهاشمي للتنمية البشرية.",
        "description_ckb": "سێ ڕۆژ لە عەممان لەگەڵ سندووقی هاشمیی ئوردنی بۆ گەشەپێدانی مرۆیی.",
        "host_partner": "JOHUD",
        "actor": "manager.erbil@tatweer.example",
        "assignee": "manager.erbil@tatweer.example",
        "visit": {
            "objectives": (
                "See how JOHUD's community centres involve residents: savings groups run by women, feedback "
                "from beneficiaries after every activity, volunteers working under written agreements."
            )
        },
        "itinerary": [
            (
                0,
                "JOHUD head office, Jabal Al-Naser",
                "Welcome; the fund's community development model and its network of centres.",
                "Rana Al-Husseini",
            ),
            (
                1,
                "Princess Basma Community Development Centre",
                "A morning with a women's savings group and its loan committee.",
                "The centre's coordinator",
            ),
            (
                1,
                "Princess Basma Community Development Centre",
                "How the centre asks beneficiaries for their feedback after each activity, and what it changed.",
                "",
            ),
            (
                2,
                "Madaba community centre",
                "Volunteers' induction and their written agreements; closing session: each CSO's action plan.",
                "Madaba volunteers' team",
            ),
        ],
        "practices": [
            (
                "Women's savings and loan groups",
                "Groups of 10 to 15 women save monthly and lend to each other; the centre keeps the books.",
                "گرووپی پاشەکەوتی ژنان لە خانەقین",
            ),
            (
                "Beneficiaries' feedback after every activity",
                "A one-page form at the end of each activity; the results are read at the monthly staff meeting.",
                "فۆرمی ڕاوبۆچوونی سوودمەندان دوای چالاکی",
            ),
            (
                "Written agreements with volunteers",
                "Each volunteer signs what they do, the hours, the insurance and how they leave.",
                "Volunteer agreement template for community projects",
            ),
        ],
        "visitors": [
            (
                "AYDO",
                "adopted",
                "هەموو چالاکییەکانمان ئێستا بە فۆرمی ڕاوبۆچوونی سوودمەندان کۆتایی دێن؛ ئەنجامەکان مانگانە لە "
                "کۆبوونەوەی ستافدا تاوتوێ دەکرێن.",
                (1,),
                21,
            ),
            (
                "WCP",
                "adapted",
                "Two women's savings groups started in Koya with 12 members each. Loans are smaller than in "
                "Amman, and the groups meet at our centre rather than in members' homes.",
                (0,),
                45,
            ),
            (
                "GEO",
                "not_adopted",
                "گرێبەستی خۆبەخشان جێبەجێ ناکرێت تا پەیڕەوی ناوخۆیی ڕێکخراو نوێ نەکرێتەوە؛ دەستەی بەڕێوەبردن "
                "لە هاوینەوە کۆنەبووەتەوە.",
                (),
                None,
            ),
            ("MAF", None, "", (), None),
            ("DEF", None, "", (), None),
        ],
        "participants": [
            "Karwan Salih",
            "Aveen Aziz",
            "Rozhan Qadir",
            "Shilan Omer",
            "Azad Karim",
            "Hemin Faraj",
            "Sardar Rashid",
            "Dilan Mahmoud",
            "Shvan Abdullah",
            "Tara Hassan",
        ],
    },
    {
        "title": "[demo] Exchange visit: water monitoring and tree planting with schools, Basra",
        "centre": "mosul",
        "days": 2,
        "ended_days_ago": 93,
        "venue": "Basra Environment Organisation, Ashar, Basra",
        "description": "Ninewa CSOs visit the Basra Environment Organisation's projects with schools.",
        "title_ar": "زيارة تبادلية: رصد المياه وزراعة الأشجار مع المدارس، البصرة",
        "title_ckb": "سەردانی ئاڵوگۆڕ: چاودێریی ئاو و چاندنی دار لەگەڵ قوتابخانەکان، بەسرە",
        "description_ar": "منظمات نينوى تزور مشاريع منظمة البصرة للبيئة مع المدارس.",
        "description_ckb": "ڕێکخراوەکانی نەینەوا سەردانی پڕۆژەکانی ڕێکخراوی ژینگەی بەسرە لەگەڵ قوتابخانەکان دەکەن.",
        "host_organization": "BEO",
        "actor": "admin@tatweer.example",
        "assignee": "staff.mosul@tatweer.example",
        "visit": {
            "objectives": (
                "التعرّف على تجربة منظمة البصرة للبيئة في رصد جودة مياه الشرب مع المدارس وحملات التشجير، "
                "ونقلها إلى سهل نينوى."
            )
        },
        "itinerary": [
            (0, "مقر منظمة البصرة للبيئة، العشار", "عرض تجربة رصد جودة المياه ونتائج ثلاث سنوات.", "فريق المنظمة"),
            (0, "مدرسة ابتدائية في أبي الخصيب", "مشاهدة الطلاب وهم يفحصون عينات مياه الشرب.", "مدير المدرسة"),
            (
                1,
                "حديقة الأندلس، البصرة",
                "Tree planting with a school and the municipality's gardeners.",
                "Basra municipality",
            ),
            (1, "قاعة بلدية البصرة", "جلسة استماع علنية حول موازنة القضاء: كيف تُحضَّر ومن يُدعى.", ""),
        ],
        "practices": [
            (
                "فحص جودة مياه الشرب مع طلاب المدارس",
                "عدّة فحص بسيطة، ونتائج ترسل شهرياً إلى دائرة الماء.",
                "فحص جودة مياه الشرب مع مدارس أبي الخصيب",
            ),
            (
                "Planting trees with schools",
                "Each class adopts its trees for a year.",
                "Planting 2,000 trees with schools in Basra",
            ),
            (
                "جلسات استماع علنية لموازنة القضاء",
                "موازنة في صفحة واحدة ودعوة شخصية لأعضاء المجلس.",
                "جلسات استماع حول موازنة القضاء",
            ),
        ],
        "visitors": [
            (
                "NSDA",
                "adopted",
                "بدأنا فحص المياه مع ثلاث مدارس في الحمدانية بالعدّة نفسها، ونرسل النتائج شهرياً إلى دائرة الماء.",
                (0,),
                30,
            ),
            (
                "NPE",
                "adapted",
                "زرعنا 600 شجرة مع مدارس بعشيقة، لكن مع البلدية بدلاً من المتطوعين وحدهم لأن الري مكلف.",
                (1,),
                50,
            ),
            (
                "DOM",
                "not_adopted",
                "لم نتمكن من تنظيم جلسة الاستماع: المجلس البلدي لم يُشكَّل بعد الانتخابات، وسنعيد المحاولة في الربيع.",
                (),
                None,
            ),
            ("HHRO", None, "", (), None),
        ],
        "participants": [
            "Omar Younis",
            "Nour Jabbar",
            "Hawraa Kadhim",
            "Mustafa Jasim",
            "Ban Salih",
            "Zaid Hassan",
            "Huda Mahmoud",
            "Haider Karim",
        ],
    },
    {
        "title": "[demo] Exchange visit: Marshes Heritage Centre, Chibayish",
        "centre": "basra",
        "days": 2,
        "ended_days_ago": -21,
        "venue": "Marshes Heritage Centre, Chibayish (Dhi Qar)",
        "description": "Basra CSOs visit the Marshes Heritage Centre's trainings for rural women.",
        "title_ar": "زيارة تبادلية: مركز تراث الأهوار، الجبايش",
        "title_ckb": "سەردانی ئاڵوگۆڕ: سەنتەری کەلەپووری ئەهوار، جەبایش",
        "description_ar": "منظمات البصرة تزور تدريبات مركز تراث الأهوار للنساء الريفيات.",
        "description_ckb": "ڕێکخراوەکانی بەسرە سەردانی ڕاهێنانەکانی سەنتەری کەلەپووری ئەهوار بۆ ژنانی گوندنشین دەکەن.",
        "host_organization": "MHC",
        "actor": "admin@tatweer.example",
        "assignee": "admin@tatweer.example",
        "visit": {"objectives": "الاطلاع على تدريبات مركز تراث الأهوار للنساء الريفيات وعلى طريقته في حماية التراث."},
        "itinerary": [
            (0, "مركز تراث الأهوار، الجبايش", "لقاء مع المدرّبات ونساء من القرى المشاركة.", "فريق المركز"),
            (1, "قرية في الأهوار الوسطى", "زيارة ورشة نسج القصب التي تديرها النساء.", ""),
        ],
        "practices": [
            (
                "تدريبات تصل إلى النساء الريفيات",
                "التدريب في القرية نفسها، في أوقات تناسب العمل الزراعي.",
                "كيف وصلت تدريباتنا إلى النساء الريفيات في ذي قار",
            ),
        ],
        "visitors": [("FWA", None, "", (), None), ("SYV", None, "", (), None), ("SDA", None, "", (), None)],
        "participants": ["Zainab Kadhim", "Rana Jasim", "Ali Faraj", "Yousif Omer", "Maryam Hassan", "Ahmed Rashid"],
    },
]
