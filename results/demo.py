"""Demo results framework: the Tatweer logframe in English, Arabic and Central Kurdish, its reporting
periods, values entered by hand (and approved by a second person) for the indicators no measure
computes, and the progress reports: periods 1 and 2 approved and sent to the EU, the current period
a draft. Everything is made through the services, as the programme admins, the Erbil centre manager
and the grant officer would. Runs after every other app's demo (order 90), so the measures have
records to count; `--scale N` adds nothing here (a programme has one logframe): the volume comes
from the other apps' records. Idempotent: what exists is left as it is."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from accounts.roles import Role
from centers.models import Center, Programme
from centers.services import user_set_roles
from results.models import (
    Cumulation,
    Direction,
    Indicator,
    Level,
    Logframe,
    ManualValue,
    Node,
    Period,
    ProgressReport,
    ReportStatus,
    Unit,
    ValueStatus,
)
from results.rules.periods import add_months
from results.selectors import current_period
from results.services import logframe as logframe_services
from results.services import reports
from results.services.periods import periods_generate
from results.services.values import value_review, value_save

APPROVER = ("approver@tatweer.example", "Rana Mahmoud", "ar")
PROGRAMME_MONTHS = 42

# (code, parent code, level, (title en, ar, ckb), (assumptions en, ar, ckb) or None)
NODES: list[tuple[str, str | None, str, tuple[str, str, str], tuple[str, str, str] | None]] = [
    (
        "OO",
        None,
        Level.IMPACT,
        (
            "To strengthen the role of Iraqi civil society in good governance and in the country's democratic and "
            "social development",
            "تعزيز دور المجتمع المدني العراقي في الحكم الرشيد وفي التنمية الديمقراطية والاجتماعية للبلاد",
            "بەهێزکردنی ڕۆڵی کۆمەڵگەی مەدەنیی عێراق لە حوکمڕانیی باش و لە گەشەپێدانی دیموکراسی و کۆمەڵایەتیی وڵاتدا",
        ),
        (
            "The security situation allows civil society to operate in the three governorates; the federal and "
            "Kurdistan Region authorities keep the space for CSO registration and dialogue open.",
            "يسمح الوضع الأمني بعمل المجتمع المدني في المحافظات الثلاث، وتحافظ السلطات الاتحادية وسلطات إقليم "
            "كوردستان على المجال المتاح لتسجيل المنظمات وللحوار معها.",
            "بارودۆخی ئەمنی ڕێگە بە کارکردنی کۆمەڵگەی مەدەنی دەدات لە هەر سێ پارێزگاکەدا، و دەسەڵاتی فیدراڵی و "
            "هەرێمی کوردستان بواری تۆمارکردنی ڕێکخراوەکان و گفتوگۆ لەگەڵیان بە کراوەیی دەهێڵنەوە.",
        ),
    ),
    (
        "SO1",
        "OO",
        Level.OUTCOME,
        (
            "Iraqi CSOs, in particular those led by women and youth, have stronger organisational and technical "
            "capacities",
            "تمتلك منظمات المجتمع المدني العراقية، ولا سيما التي تقودها النساء والشباب، قدرات تنظيمية وفنية أقوى",
            "ڕێکخراوەکانی کۆمەڵگەی مەدەنیی عێراق، بە تایبەتی ئەوانەی ژنان و گەنجان سەرکردایەتییان دەکەن، توانای "
            "ڕێکخستنی و تەکنیکیی بەهێزتریان هەیە",
        ),
        (
            "CSO members can take time off to attend trainings; trained staff stay with their organisations.",
            "يتمكن أعضاء المنظمات من التفرغ لحضور التدريبات، ويبقى الموظفون المدرَّبون في منظماتهم.",
            "ئەندامانی ڕێکخراوەکان دەتوانن کات بۆ بەشداریکردن لە ڕاهێنانەکان تەرخان بکەن، و فەرمانبەرە "
            "ڕاهێنراوەکان لە ڕێکخراوەکانیاندا دەمێننەوە.",
        ),
    ),
    (
        "R1.1",
        "SO1",
        Level.OUTPUT,
        (
            "Trainings, workshops and events delivered by the three Civil Society Service Centres",
            "تدريبات وورش عمل وفعاليات تنفذها مراكز خدمات المجتمع المدني الثلاثة",
            "ڕاهێنان و وۆرکشۆپ و چالاکییەکان لەلایەن سێ سەنتەرەکەی خزمەتگوزاریی کۆمەڵگەی مەدەنییەوە ئەنجام دەدرێن",
        ),
        None,
    ),
    (
        "A1.1.1",
        "R1.1",
        Level.ACTIVITY,
        (
            "Needs-based training cycles on governance, project and financial management at the centres in Erbil, "
            "Mosul and Basra",
            "دورات تدريبية قائمة على الاحتياجات في الحوكمة وإدارة المشاريع والإدارة المالية في مراكز أربيل والموصل "
            "والبصرة",
            "خولی ڕاهێنان لەسەر بنەمای پێداویستی لە بارەی حوکمڕانی و بەڕێوەبردنی پرۆژە و بەڕێوەبردنی دارایی لە "
            "سەنتەرەکانی هەولێر و موسڵ و بەسرە",
        ),
        None,
    ),
    (
        "R1.2",
        "SO1",
        Level.OUTPUT,
        (
            "Training packages and materials published in Arabic, Kurdish and English",
            "حزم ومواد تدريبية منشورة باللغات العربية والكردية والإنجليزية",
            "پاکێج و کەرەستەی ڕاهێنان بە زمانەکانی عەرەبی و کوردی و ئینگلیزی بڵاوکراونەتەوە",
        ),
        None,
    ),
    (
        "SO2",
        "OO",
        Level.OUTCOME,
        (
            "CSOs implement community projects through accompanied grants and manage them accountably",
            "تنفذ منظمات المجتمع المدني مشاريع مجتمعية من خلال منح مقترنة بالمرافقة الفنية، وتديرها بمساءلة وشفافية",
            "ڕێکخراوەکانی کۆمەڵگەی مەدەنی لە ڕێگەی بەخشین و هاوکاریی تەکنیکییەوە پرۆژەی کۆمەڵگەیی جێبەجێ دەکەن و "
            "بە شێوەیەکی بەرپرسیارانە بەڕێوەیان دەبەن",
        ),
        (
            "Grantees can open bank accounts and receive transfers; prices stay within the grant budgets.",
            "يستطيع المستفيدون من المنح فتح حسابات مصرفية واستلام التحويلات، وتبقى الأسعار ضمن حدود ميزانيات المنح.",
            "وەرگرانی بەخشین دەتوانن هەژماری بانکی بکەنەوە و پارەی گوازراوە وەربگرن، و نرخەکان لە سنووری بودجەی "
            "بەخشینەکاندا دەمێننەوە.",
        ),
    ),
    (
        "R2.1",
        "SO2",
        Level.OUTPUT,
        (
            "Grants awarded to CSOs through open calls and accompanied by mentoring visits",
            "منح تُقدَّم لمنظمات المجتمع المدني عبر دعوات مفتوحة وترافقها زيارات إرشادية",
            "بەخشین لە ڕێگەی بانگەوازی گشتییەوە بە ڕێکخراوەکان دەدرێت و سەردانی ڕاوێژکاریی لەگەڵدایە",
        ),
        None,
    ),
    (
        "A2.1.1",
        "R2.1",
        Level.ACTIVITY,
        (
            "Calls for proposals, selection by an independent committee and mentoring of the grantees",
            "إطلاق دعوات لتقديم المقترحات، والاختيار عبر لجنة مستقلة، وإرشاد المنظمات الحاصلة على المنح",
            "بانگەوازی پێشکەشکردنی پێشنیار، هەڵبژاردن لەلایەن لیژنەیەکی سەربەخۆوە، و ڕاوێژکاریی وەرگرانی بەخشین",
        ),
        None,
    ),
    (
        "SO3",
        "OO",
        Level.OUTCOME,
        (
            "CSOs obtain legal assistance to register, operate and resolve disputes in line with the law",
            "تحصل منظمات المجتمع المدني على المساعدة القانونية للتسجيل والعمل وحل النزاعات وفقاً للقانون",
            "ڕێکخراوەکانی کۆمەڵگەی مەدەنی یارمەتیی یاسایی وەردەگرن بۆ تۆمارکردن و کارکردن و چارەسەرکردنی "
            "ناکۆکییەکان بەپێی یاسا",
        ),
        (
            "Lawyers of the bar associations remain available to the centres; courts and registration offices keep "
            "working.",
            "يبقى محامو نقابات المحامين متاحين للمراكز، وتواصل المحاكم ودوائر التسجيل عملها.",
            "پارێزەرانی سەندیکای پارێزەران بۆ سەنتەرەکان بەردەست دەمێننەوە، و دادگاکان و فەرمانگەکانی تۆمارکردن "
            "بەردەوام دەبن لە کارەکانیان.",
        ),
    ),
    (
        "R3.1",
        "SO3",
        Level.OUTPUT,
        (
            "Legal advice and representation provided to CSOs by the centres' lawyers",
            "تقديم الاستشارات القانونية والتمثيل القانوني لمنظمات المجتمع المدني من قِبل محامي المراكز",
            "ڕاوێژی یاسایی و نوێنەرایەتیی یاسایی لەلایەن پارێزەرانی سەنتەرەکانەوە پێشکەشی ڕێکخراوەکان دەکرێت",
        ),
        None,
    ),
    (
        "SO4",
        "OO",
        Level.OUTCOME,
        (
            "CSOs share experience and act together in networks and partnerships",
            "تتبادل منظمات المجتمع المدني الخبرات وتعمل معاً ضمن شبكات وشراكات",
            "ڕێکخراوەکانی کۆمەڵگەی مەدەنی ئەزموون ئاڵوگۆڕ دەکەن و لە تۆڕ و هاوبەشییەکاندا پێکەوە کار دەکەن",
        ),
        (
            "CSOs from different governorates and communities are willing to work together.",
            "تبدي المنظمات من مختلف المحافظات والمكوّنات استعداداً للعمل المشترك.",
            "ڕێکخراوەکان لە پارێزگا و پێکهاتە جیاوازەکانەوە ئامادەن پێکەوە کار بکەن.",
        ),
    ),
    (
        "R4.1",
        "SO4",
        Level.OUTPUT,
        (
            "Good practices documented and published on the experience-sharing platform",
            "توثيق الممارسات الجيدة ونشرها على منصة تبادل الخبرات",
            "ئەزموونە سەرکەوتووەکان بەڵگەنامە دەکرێن و لەسەر پلاتفۆرمی ئاڵوگۆڕی ئەزموون بڵاو دەکرێنەوە",
        ),
        None,
    ),
    (
        "A4.1.1",
        "R4.1",
        Level.ACTIVITY,
        (
            "Regional exchange visits and joint advocacy meetings between CSOs of the three regions",
            "زيارات تبادل إقليمية واجتماعات مناصرة مشتركة بين منظمات المناطق الثلاث",
            "سەردانی ئاڵوگۆڕی ناوچەیی و کۆبوونەوەی هاوبەشی داکۆکیکاری لە نێوان ڕێکخراوەکانی هەر سێ ناوچەکەدا",
        ),
        None,
    ),
]

# Sources and means of verification (en, ar, ckb).
MOV = {
    "attendance": (
        "Attendance sheets and participant records of the platform (trainings module)",
        "كشوف الحضور وسجلات المشاركين في المنصة (وحدة التدريبات)",
        "لیستی ئامادەبوون و تۆماری بەشداربووان لە پلاتفۆرمەکەدا (بەشی ڕاهێنانەکان)",
    ),
    "tests": (
        "Pre- and post-tests recorded on the platform",
        "الاختبارات القبلية والبعدية المسجلة في المنصة",
        "تاقیکردنەوەکانی پێش و دوای ڕاهێنان کە لە پلاتفۆرمەکەدا تۆمار کراون",
    ),
    "profiles": (
        "Verified CSO profiles and leadership records on the platform",
        "ملفات المنظمات الموثّقة وسجلات قياداتها في المنصة",
        "پرۆفایلی پشتڕاستکراوەی ڕێکخراوەکان و تۆماری سەرکردایەتییەکەیان لە پلاتفۆرمەکەدا",
    ),
    "library": (
        "Training library of the platform (published packages and materials)",
        "مكتبة التدريب في المنصة (الحزم والمواد المنشورة)",
        "کتێبخانەی ڕاهێنانی پلاتفۆرمەکە (پاکێج و کەرەستە بڵاوکراوەکان)",
    ),
    "grants": (
        "Signed grant agreements and the grants ledger",
        "اتفاقيات المنح الموقّعة والسجل المالي للمنح",
        "ڕێککەوتننامە واژۆکراوەکانی بەخشین و تۆماری دارایی بەخشینەکان",
    ),
    "grant_reports": (
        "Approved grantee reports with their beneficiary lists",
        "تقارير المنظمات الحاصلة على المنح المعتمدة مع قوائم المستفيدين",
        "ڕاپۆرتە پەسەندکراوەکانی وەرگرانی بەخشین لەگەڵ لیستی سوودمەندان",
    ),
    "cases": (
        "Legal case files of the centres",
        "ملفات القضايا القانونية في المراكز",
        "دۆسیەی کەیسە یاساییەکانی سەنتەرەکان",
    ),
    "self_assessment": (
        "Organisational capacity self-assessments of the supported CSOs, validated by the centre",
        "التقييمات الذاتية للقدرات التنظيمية للمنظمات المدعومة، بعد تحقق المركز منها",
        "هەڵسەنگاندنی خۆیی توانای ڕێکخستنیی ڕێکخراوە پشتگیریکراوەکان، کە سەنتەرەکە پشتڕاستی کردوونەتەوە",
    ),
    "advocacy": (
        "Minutes and joint statements of the initiatives; media coverage",
        "محاضر المبادرات وبياناتها المشتركة؛ التغطية الإعلامية",
        "کۆنووس و بەیاننامە هاوبەشەکانی دەستپێشخەرییەکان؛ ڕووماڵی میدیایی",
    ),
    "platform": (
        "Entries of the experience-sharing platform with their publication dates",
        "مدخلات منصة تبادل الخبرات مع تواريخ نشرها",
        "بابەتەکانی پلاتفۆرمی ئاڵوگۆڕی ئەزموون لەگەڵ بەرواری بڵاوکردنەوەیان",
    ),
}


def _t(en: str, ar: str, ckb: str) -> tuple[str, str, str]:
    return (en, ar, ckb)


# (code, node, (name en, ar, ckb), (definition en, ar, ckb), means of verification, unit, measure,
#  filters, disaggregations, cumulation, baseline, cumulative targets of periods 1-4 (the last is the
#  final target)). Targets follow the demo's volumes: most records of the other apps' demos are
#  dated in the current year.
INDICATORS: list[dict[str, Any]] = [
    {
        "code": "OO.1",
        "node": "OO",
        "name": _t(
            "Share of supported CSOs reporting improved governance practices (self-assessment)",
            "نسبة المنظمات المدعومة التي تفيد بتحسّن ممارسات الحوكمة لديها (تقييم ذاتي)",
            "ڕێژەی ئەو ڕێکخراوە پشتگیریکراوانەی ڕادەگەیەنن کە ڕێکارەکانی حوکمڕانییان باشتر بووە (هەڵسەنگاندنی خۆیی)",
        ),
        "definition": _t(
            "Of the CSOs supported in the period, the share whose yearly self-assessment scores higher on "
            "board oversight, financial transparency and accountability to members than the year before.",
            "من بين المنظمات المدعومة خلال الفترة، نسبة المنظمات التي سجّلت في تقييمها الذاتي السنوي درجات أعلى "
            "من العام السابق في رقابة مجلس الإدارة والشفافية المالية والمساءلة أمام الأعضاء.",
            "لەو ڕێکخراوانەی لەم ماوەیەدا پشتگیری کراون، ڕێژەی ئەوانەی لە هەڵسەنگاندنی خۆیی ساڵانەیاندا لە "
            "چاودێریی دەستەی بەڕێوەبردن و ڕوونیی دارایی و لێپرسینەوە لە بەرامبەر ئەندامان نمرەیان لە ساڵی "
            "پێشوو بەرزتر بووە.",
        ),
        "mov": "self_assessment",
        "unit": Unit.PERCENTAGE,
        "measure": "",
        "disaggregations": ["cso_led"],
        "cumulation": Cumulation.LATEST,
        "baseline": 18,
        "targets": [25, 35, 45, 55],
        "values": [(24, {"cso_led": {"women_led": 27, "youth_led": 22, "other": 23}}), (33, {})],
        "entered_by": "manager.erbil@tatweer.example",
    },
    {
        "code": "OO.2",
        "node": "OO",
        "name": _t(
            "CSOs registered in the programme",
            "عدد منظمات المجتمع المدني المسجّلة في البرنامج",
            "ژمارەی ئەو ڕێکخراوانەی لە بەرنامەکەدا تۆمار کراون",
        ),
        "definition": _t(
            "CSOs whose profile the centres have verified, counted from the programme's start.",
            "المنظمات التي تحققت المراكز من ملفاتها، محسوبة منذ بداية البرنامج.",
            "ئەو ڕێکخراوانەی سەنتەرەکان پرۆفایلەکەیان پشتڕاست کردووەتەوە، لە سەرەتای بەرنامەکەوە.",
        ),
        "mov": "profiles",
        "unit": Unit.NUMBER,
        "measure": "organizations.csos_registered",
        "disaggregations": ["centre", "governorate", "cso_led"],
        "cumulation": Cumulation.TO_DATE,
        "baseline": 0,
        "targets": [8, 15, 25, 30],
    },
    {
        "code": "SO1.1",
        "node": "SO1",
        "name": _t(
            "Average knowledge gain of trainees (percentage points)",
            "متوسط اكتساب المعرفة لدى المتدرّبين (بالنقاط المئوية)",
            "تێکڕای زانیاریی بەدەستهاتووی ڕاهێنراوان (بە خاڵی سەدی)",
        ),
        "definition": _t(
            "Average difference between the post-test and the pre-test scores of the trainings held in the period.",
            "متوسط الفرق بين درجات الاختبار البعدي والاختبار القبلي في التدريبات المنفّذة خلال الفترة.",
            "تێکڕای جیاوازیی نێوان نمرەی تاقیکردنەوەی دوای ڕاهێنان و پێش ڕاهێنان لەو ڕاهێنانانەی لەم ماوەیەدا "
            "ئەنجام دراون.",
        ),
        "mov": "tests",
        "unit": Unit.PERCENTAGE,
        "measure": "trainings.knowledge_gain",
        "disaggregations": ["sex", "centre"],
        "cumulation": Cumulation.LATEST,
        "baseline": 0,
        "targets": [15, 20, 25, 25],
    },
    {
        "code": "SO1.2",
        "node": "SO1",
        "name": _t(
            "Share of registered CSOs that are women-led",
            "نسبة المنظمات المسجّلة التي تقودها نساء",
            "ڕێژەی ئەو ڕێکخراوە تۆمارکراوانەی ژنان سەرکردایەتییان دەکەن",
        ),
        "definition": _t(
            "Of the CSOs registered by the end of the period, the share led by women on its last day.",
            "من بين المنظمات المسجّلة حتى نهاية الفترة، نسبة المنظمات التي تقودها نساء في آخر يوم منها.",
            "لەو ڕێکخراوانەی تا کۆتایی ماوەکە تۆمار کراون، ڕێژەی ئەوانەی لە دوا ڕۆژی ماوەکەدا ژنان "
            "سەرکردایەتییان دەکەن.",
        ),
        "mov": "profiles",
        "unit": Unit.PERCENTAGE,
        "measure": "organizations.women_led_share",
        "disaggregations": ["centre", "governorate"],
        "cumulation": Cumulation.LATEST,
        "baseline": 30,
        "targets": [40, 50, 60, 60],
    },
    {
        "code": "SO1.3",
        "node": "SO1",
        "name": _t(
            "Share of registered CSOs that are youth-led",
            "نسبة المنظمات المسجّلة التي يقودها شباب",
            "ڕێژەی ئەو ڕێکخراوە تۆمارکراوانەی گەنجان سەرکردایەتییان دەکەن",
        ),
        "definition": _t(
            "Of the CSOs registered by the end of the period, the share led by people under 30 on its last day.",
            "من بين المنظمات المسجّلة حتى نهاية الفترة، نسبة المنظمات التي يقودها أشخاص دون الثلاثين في آخر يوم منها.",
            "لەو ڕێکخراوانەی تا کۆتایی ماوەکە تۆمار کراون، ڕێژەی ئەوانەی لە دوا ڕۆژی ماوەکەدا کەسانی خوار "
            "تەمەنی سی ساڵ سەرکردایەتییان دەکەن.",
        ),
        "mov": "profiles",
        "unit": Unit.PERCENTAGE,
        "measure": "organizations.youth_led_share",
        "disaggregations": ["centre", "governorate"],
        "cumulation": Cumulation.LATEST,
        "baseline": 15,
        "targets": [20, 25, 35, 40],
    },
    {
        "code": "R1.1.1",
        "node": "R1.1",
        "name": _t(
            "People trained by the centres",
            "عدد الأشخاص الذين درّبتهم المراكز",
            "ژمارەی ئەو کەسانەی سەنتەرەکان ڕاهێنانیان پێکردوون",
        ),
        "definition": _t(
            "Unique people who attended at least one session, counted once from the programme's start.",
            "الأشخاص الذين حضروا جلسة واحدة على الأقل، ويُحتسب كل شخص مرة واحدة منذ بداية البرنامج.",
            "ئەو کەسانەی لانیکەم بەشداریی یەک دانیشتنیان کردووە، هەر کەسێک تەنها یەک جار لە سەرەتای "
            "بەرنامەکەوە دەژمێردرێت.",
        ),
        "mov": "attendance",
        "unit": Unit.NUMBER,
        "measure": "trainings.people_trained",
        "disaggregations": ["sex", "age_band", "disability", "centre"],
        "cumulation": Cumulation.TO_DATE,
        "baseline": 0,
        "targets": [60, 130, 200, 250],
    },
    {
        "code": "R1.1.2",
        "node": "R1.1",
        "name": _t(
            "CSOs with members trained",
            "عدد المنظمات التي تدرّب أعضاؤها",
            "ژمارەی ئەو ڕێکخراوانەی ئەندامەکانیان ڕاهێنانیان پێکراوە",
        ),
        "definition": _t(
            "CSOs with at least one member who attended a session, counted once from the programme's start.",
            "المنظمات التي حضر عضو واحد منها على الأقل جلسة تدريبية، وتُحتسب مرة واحدة منذ بداية البرنامج.",
            "ئەو ڕێکخراوانەی لانیکەم یەک ئەندامیان بەشداریی دانیشتنێکی کردووە، یەک جار لە سەرەتای بەرنامەکەوە.",
        ),
        "mov": "attendance",
        "unit": Unit.NUMBER,
        "measure": "trainings.csos_trained",
        "disaggregations": ["centre", "governorate", "cso_led"],
        "cumulation": Cumulation.TO_DATE,
        "baseline": 0,
        "targets": [10, 22, 35, 45],
    },
    {
        "code": "R1.1.3",
        "node": "R1.1",
        "name": _t(
            "Trainings, workshops and events held",
            "عدد التدريبات وورش العمل والفعاليات المنفّذة",
            "ژمارەی ئەو ڕاهێنان و وۆرکشۆپ و چالاکییانەی ئەنجام دراون",
        ),
        "definition": _t(
            "Events with at least one session held in the period, summed over the periods.",
            "الفعاليات التي عُقدت لها جلسة واحدة على الأقل خلال الفترة، مجموعةً على الفترات.",
            "ئەو چالاکییانەی لانیکەم یەک دانیشتنیان لەم ماوەیەدا هەبووە، کۆی هەموو ماوەکان.",
        ),
        "mov": "attendance",
        "unit": Unit.NUMBER,
        "measure": "trainings.events_held",
        "disaggregations": ["centre", "event_kind"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [12, 28, 50, 60],
    },
    {
        "code": "R1.2.1",
        "node": "R1.2",
        "name": _t(
            "Training packages published",
            "عدد الحزم التدريبية المنشورة",
            "ژمارەی پاکێجە بڵاوکراوەکانی ڕاهێنان",
        ),
        "definition": _t(
            "Training packages in use whose first material was published in the period.",
            "الحزم التدريبية المستخدمة التي نُشرت أولى موادها خلال الفترة.",
            "ئەو پاکێجانەی ڕاهێنان کە بەکاردێن و یەکەم کەرەستەیان لەم ماوەیەدا بڵاو کراوەتەوە.",
        ),
        "mov": "library",
        "unit": Unit.NUMBER,
        "measure": "trainings.packages_published",
        "disaggregations": [],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [1, 3, 5, 6],
    },
    {
        "code": "SO2.1",
        "node": "SO2",
        "name": _t(
            "People reached by the grantees' projects",
            "عدد الأشخاص الذين وصلت إليهم مشاريع المنظمات الحاصلة على المنح",
            "ژمارەی ئەو کەسانەی پرۆژەکانی وەرگرانی بەخشین پێیان گەیشتوون",
        ),
        "definition": _t(
            "Final beneficiaries reported in the grant reports approved in the period, summed over the periods.",
            "المستفيدون النهائيون الواردون في تقارير المنح المعتمدة خلال الفترة، مجموعين على الفترات.",
            "ئەو سوودمەندە کۆتاییانەی لە ڕاپۆرتە پەسەندکراوەکانی بەخشین لەم ماوەیەدا هاتوون، کۆی هەموو ماوەکان.",
        ),
        "mov": "grant_reports",
        "unit": Unit.NUMBER,
        "measure": "grants.people_reached",
        "disaggregations": ["sex", "beneficiary_age"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [100, 300, 700, 900],
    },
    {
        "code": "R2.1.1",
        "node": "R2.1",
        "name": _t(
            "Accompanied grants awarded",
            "عدد المنح الممنوحة المقترنة بالمرافقة الفنية",
            "ژمارەی ئەو بەخشینانەی بە هاوکاریی تەکنیکییەوە دراون",
        ),
        "definition": _t(
            "Grant agreements signed by both parties in the period, summed over the periods.",
            "اتفاقيات المنح التي وقّعها الطرفان خلال الفترة، مجموعةً على الفترات.",
            "ئەو ڕێککەوتننامانەی بەخشین کە هەردوو لایەن لەم ماوەیەدا واژۆیان کردوون، کۆی هەموو ماوەکان.",
        ),
        "mov": "grants",
        "unit": Unit.NUMBER,
        "measure": "grants.grants_awarded",
        "disaggregations": ["cso_led", "grant_theme", "centre"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [1, 2, 4, 5],
    },
    {
        "code": "R2.1.2",
        "node": "R2.1",
        "name": _t(
            "Grant amounts committed (USD)",
            "مبالغ المنح الملتزم بها (بالدولار الأمريكي)",
            "بڕی پارەی بەڵێندراوی بەخشینەکان (بە دۆلاری ئەمریکی)",
        ),
        "definition": _t(
            "Amount of the agreements signed in the period in US dollars, less their cancelled tranches.",
            "قيمة الاتفاقيات الموقّعة خلال الفترة بالدولار الأمريكي، مطروحاً منها الدفعات الملغاة.",
            "بڕی ئەو ڕێککەوتننامانەی لەم ماوەیەدا بە دۆلاری ئەمریکی واژۆ کراون، بە لابردنی قیستە هەڵوەشێنراوەکانیان.",
        ),
        "mov": "grants",
        "unit": Unit.AMOUNT,
        "measure": "grants.amount_committed",
        "filters": {"currency": "USD"},
        "disaggregations": ["grant_theme"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [14000, 28000, 56000, 70000],
    },
    {
        "code": "SO3.1",
        "node": "SO3",
        "name": _t(
            "CSOs given legal assistance",
            "عدد المنظمات التي حصلت على مساعدة قانونية",
            "ژمارەی ئەو ڕێکخراوانەی یارمەتیی یاساییان وەرگرتووە",
        ),
        "definition": _t(
            "CSOs with a request for legal help received, counted once from the programme's start.",
            "المنظمات التي استُلم منها طلب مساعدة قانونية، وتُحتسب مرة واحدة منذ بداية البرنامج.",
            "ئەو ڕێکخراوانەی داواکاریی یارمەتیی یاساییان لێ وەرگیراوە، یەک جار لە سەرەتای بەرنامەکەوە.",
        ),
        "mov": "cases",
        "unit": Unit.NUMBER,
        "measure": "legal_aid.csos_served",
        "disaggregations": ["cso_led", "governorate"],
        "cumulation": Cumulation.TO_DATE,
        "baseline": 0,
        "targets": [4, 8, 12, 15],
    },
    {
        "code": "R3.1.1",
        "node": "R3.1",
        "name": _t(
            "Legal cases closed",
            "عدد القضايا القانونية المغلقة",
            "ژمارەی کەیسە یاساییە داخراوەکان",
        ),
        "definition": _t(
            "Legal cases closed in the period, by their outcome, summed over the periods.",
            "القضايا القانونية التي أُغلقت خلال الفترة حسب نتيجتها، مجموعةً على الفترات.",
            "ئەو کەیسە یاساییانەی لەم ماوەیەدا داخراون بەپێی ئەنجامەکەیان، کۆی هەموو ماوەکان.",
        ),
        "mov": "cases",
        "unit": Unit.NUMBER,
        "measure": "legal_aid.cases_closed",
        "disaggregations": ["legal_outcome"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [2, 4, 6, 8],
    },
    {
        "code": "SO4.1",
        "node": "SO4",
        "name": _t(
            "Joint advocacy initiatives undertaken by CSO networks",
            "عدد مبادرات المناصرة المشتركة التي نفّذتها شبكات المنظمات",
            "ژمارەی ئەو دەستپێشخەرییە هاوبەشانەی داکۆکیکاری کە تۆڕەکانی ڕێکخراوەکان ئەنجامیان داون",
        ),
        "definition": _t(
            "Initiatives (position papers, campaigns, meetings with authorities) run jointly by at least three "
            "CSOs supported by the programme, summed over the periods.",
            "المبادرات (أوراق السياسات والحملات واللقاءات مع السلطات) التي تنفّذها بشكل مشترك ثلاث منظمات مدعومة "
            "من البرنامج على الأقل، مجموعةً على الفترات.",
            "ئەو دەستپێشخەرییانەی (بەڵگەنامەی سیاسەت، هەڵمەت، کۆبوونەوە لەگەڵ دەسەڵاتداران) کە لانیکەم سێ "
            "ڕێکخراوی پشتگیریکراوی بەرنامەکە پێکەوە ئەنجامیان دەدەن، کۆی هەموو ماوەکان.",
        ),
        "mov": "advocacy",
        "unit": Unit.NUMBER,
        "measure": "",
        "disaggregations": [],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [2, 5, 8, 10],
        "values": [(2, {}), (3, {})],
        "entered_by": "grants@tatweer.example",
    },
    {
        "code": "SO4.2",
        "node": "SO4",
        "name": _t(
            "Joint advocacy initiatives that reached a decision-maker",
            "مبادرات المناصرة المشتركة التي وصلت إلى صانعي القرار",
            "ئەو دەستپێشخەرییە هاوبەشانەی داکۆکیکاری کە گەیشتوونەتە دەست بڕیاربەدەستان",
        ),
        "definition": _t(
            "Joint initiatives of the CSOs handed to a decision-maker, or discussed with one in a meeting, in the "
            "period (from the platform's advocacy records), summed over the periods.",
            "المبادرات المشتركة للمنظمات التي سُلّمت إلى جهة صنع قرار أو نوقشت معها في اجتماع خلال الفترة (من سجلات "
            "المناصرة في المنصة)، مجموعةً على الفترات.",
            "ئەو دەستپێشخەرییە هاوبەشانەی ڕێکخراوەکان کە لەم ماوەیەدا ڕادەستی بڕیاربەدەستێک کراون یان لە "
            "کۆبوونەوەیەکدا لەگەڵیدا گفتوگۆ کراون (لە تۆمارەکانی داکۆکیکاری لە پلاتفۆرمەکەدا)، کۆی هەموو ماوەکان.",
        ),
        "mov": "advocacy",
        "unit": Unit.NUMBER,
        "measure": "partnerships.initiatives_reaching",
        "disaggregations": ["governorate", "cso_led"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [0, 1, 3, 5],
    },
    {
        "code": "SO4.3",
        "node": "SO4",
        "name": _t(
            "Joint advocacy initiatives with a documented change of position, policy or law",
            "مبادرات المناصرة المشتركة التي وثّقت تغييراً في موقف أو سياسة أو قانون",
            "ئەو دەستپێشخەرییە هاوبەشانەی داکۆکیکاری کە گۆڕانێکی بەڵگەدار لە هەڵوێست، سیاسەت یان یاسادا هێناوە",
        ),
        "definition": _t(
            "Joint initiatives with an outcome recorded in the period, with its evidence, of a changed position or "
            "an adopted policy or law, summed over the periods.",
            "المبادرات المشتركة التي سُجّلت لها خلال الفترة نتيجة موثّقة بالإثبات: تغيّر موقف أو اعتماد سياسة أو قانون، "
            "مجموعةً على الفترات.",
            "ئەو دەستپێشخەرییە هاوبەشانەی لەم ماوەیەدا دەرئەنجامێکی بەڵگەداریان بۆ تۆمار کراوە: گۆڕینی هەڵوێست یان "
            "پەسەندکردنی سیاسەت یان یاسا، کۆی هەموو ماوەکان.",
        ),
        "mov": "advocacy",
        "unit": Unit.NUMBER,
        "measure": "partnerships.initiatives_changing",
        "disaggregations": ["governorate", "cso_led"],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [0, 1, 2, 3],
    },
    {
        "code": "R4.1.2",
        "node": "R4.1",
        "name": _t(
            "Share of CSOs on exchange visits that took up a practice they saw within six months",
            "نسبة المنظمات المشاركة في الزيارات التبادلية التي اعتمدت ممارسة شاهدتها خلال ستة أشهر",
            "ڕێژەی ئەو ڕێکخراوانەی لە سەردانی ئاڵوگۆڕدا بەشدار بوون و لە ماوەی شەش مانگدا شێوازێکی کاری بینراویان وەرگرتووە",
        ),
        "definition": _t(
            "Of the visiting CSOs whose 90-day follow-up is recorded, the share that adopted or adapted at least one "
            "observed practice within six months of the visit, from the programme's start.",
            "من بين المنظمات الزائرة التي سُجّلت متابعتها بعد 90 يوماً، نسبة التي اعتمدت أو كيّفت ممارسة واحدة على الأقل "
            "مما شاهدته خلال ستة أشهر من الزيارة، منذ بداية البرنامج.",
            "لە نێوان ئەو ڕێکخراوە سەردانیکەرانەی بەدواداچوونی ٩٠ ڕۆژەیان تۆمار کراوە، ڕێژەی ئەوانەی لانیکەم یەک شێوازی "
            "کاری بینراویان لە ماوەی شەش مانگی سەردانەکەدا وەرگرتووە یان گونجاندووە، لە سەرەتای بەرنامەکەوە.",
        ),
        "mov": "platform",
        "unit": Unit.PERCENTAGE,
        "measure": "partnerships.visit_adoption",
        "disaggregations": ["governorate", "cso_led"],
        "cumulation": Cumulation.TO_DATE,
        "baseline": 0,
        "targets": [0, 30, 45, 60],
    },
    {
        "code": "R4.1.1",
        "node": "R4.1",
        "name": _t(
            "Good-practice entries published on the experience-sharing platform",
            "عدد مدخلات الممارسات الجيدة المنشورة على منصة تبادل الخبرات",
            "ژمارەی ئەو بابەتانەی ئەزموونی سەرکەوتوو کە لەسەر پلاتفۆرمی ئاڵوگۆڕی ئەزموون بڵاو کراونەتەوە",
        ),
        "definition": _t(
            "Case studies, toolkits and lessons learnt by CSOs published on the platform in the period, summed "
            "over the periods.",
            "دراسات الحالة وأدلة العمل والدروس المستفادة من المنظمات المنشورة على المنصة خلال الفترة، مجموعةً على "
            "الفترات.",
            "ئەو لێکۆڵینەوەی کەیس و ڕێبەر و وانە فێربووانەی ڕێکخراوەکان کە لەم ماوەیەدا لەسەر پلاتفۆرمەکە بڵاو "
            "کراونەتەوە، کۆی هەموو ماوەکان.",
        ),
        "mov": "platform",
        "unit": Unit.NUMBER,
        "measure": "",
        "disaggregations": [],
        "cumulation": Cumulation.SUM,
        "baseline": 0,
        "targets": [10, 25, 45, 55],
        "values": [(12, {}), (15, {})],
        "entered_by": "manager.erbil@tatweer.example",
    },
]

# The narrative of the reports sent to the EU, per period number (PRAG's interim narrative report).
NARRATIVES: dict[int, dict[str, str]] = {
    1: {
        "summary": (
            "In its first year Tatweer opened the Civil Society Service Centres in Erbil, Mosul and Basra, "
            "recruited their teams and launched the platform. The centres registered their first CSOs, ran a "
            "needs assessment with them and set up the training curriculum, the grants manual and the legal "
            "help desk. Most of the year went into setting up; the training cycles and the first call for "
            "proposals are planned for the second year."
        ),
        "context": (
            "The year was marked by the preparations for the provincial council elections and by new "
            "instructions of the NGO Directorate on the renewal of registrations, which increased CSOs' demand "
            "for legal advice. Electricity cuts in Basra in the summer shortened the centre's opening hours."
        ),
        "activities": (
            "R1: needs assessment with 46 CSOs in the three governorates; the curriculum on governance, project "
            "cycle and financial management drafted and validated with the CSOs. R2: grants manual, selection "
            "grid and independent selection committee in place. R3: legal help desk opened in each centre with "
            "a roster of lawyers from the bar associations. R4: the experience-sharing platform launched with "
            "twelve good-practice entries; two joint advocacy initiatives supported."
        ),
        "beneficiaries": (
            "The needs assessment reached CSOs led by women (about a third) and by young people; the centres "
            "agreed to reserve half of the training places for women and a quarter for people under 30."
        ),
        "difficulties": (
            "Recruiting a finance trainer in Mosul took four months; the centre used a trainer from Erbil in the "
            "meantime. The registration of the platform's domain and the data-protection review delayed the "
            "opening of the CSO accounts by six weeks."
        ),
        "partners": (
            "Memoranda of understanding signed with the NGO Directorate in Baghdad, the Kurdistan Region's "
            "Department of NGOs and the bar associations of Erbil, Nineveh and Basra."
        ),
        "visibility": (
            "Launch events in the three centres with the EU Delegation; EU visibility applied on the platform, "
            "the centres' signs and all training materials."
        ),
        "workplan": (
            "Year 2: training cycles in the three centres, the first call for accompanied grants, the legal "
            "help desks taking cases, and the first regional exchange visit."
        ),
    },
    2: {
        "summary": (
            "The second year moved from setting up to delivery: the first accompanied grant was signed, "
            "the legal help desks advised CSOs on registration and contracts, and the experience-sharing "
            "platform grew to 27 entries. The training cycles started late in the year; most trainings fall "
            "into year 3, which the work plan below takes into account."
        ),
        "context": (
            "The new federal budget delayed public funding to CSOs and raised the demand for grants. The "
            "security situation stayed stable in the three governorates."
        ),
        "activities": (
            "R1: trainers' pool trained; training packages prepared in Arabic, Kurdish and English. R2: first "
            "call for proposals on women's economic empowerment and youth participation; one agreement signed "
            "and its first tranche paid. R3: lawyers rostered in the three centres, first consultations given. "
            "R4: three joint advocacy initiatives, 15 new good-practice entries on the platform."
        ),
        "beneficiaries": (
            "The call for proposals gave extra points to women-led and youth-led CSOs; among the applications, "
            "a majority came from CSOs led by women."
        ),
        "difficulties": (
            "The selection of the first call took longer than planned because many applications lacked the "
            "registration certificate; the legal help desks supported those CSOs and a second round is planned. "
            "Trainings were rescheduled to year 3 so that they could use the new packages."
        ),
        "partners": (
            "Cooperation with the bar associations continued; two universities (Salahaddin University in Erbil "
            "and the University of Basra) host joint workshops."
        ),
        "visibility": "A short film on the first grantee's project was shown at the EU Delegation's Europe Day.",
        "workplan": (
            "Year 3: full training cycles in the three centres, the second call for grants, mentoring visits "
            "to every grantee, and two regional exchange visits between Erbil, Mosul and Basra."
        ),
    },
}

CONTRIBUTIONS: dict[int, dict[str, str]] = {
    # The Erbil centre manager writes in Kurdish, the grant officer in English.
    1: {
        "trainings": (
            "سەنتەری هەولێر لە مانگی شوباتدا کرایەوە. هەڵسەنگاندنی پێداویستییەکانمان لەگەڵ ١٨ ڕێکخراو ئەنجام دا "
            "و پرۆگرامی ڕاهێنانمان لەسەر حوکمڕانی و بەڕێوەبردنی دارایی ئامادە کرد. ڕێکخراوەکانی ژنان داوای "
            "ڕاهێنانی زیاتریان کرد لەسەر نووسینی پێشنیاری پرۆژە."
        ),
        "grants": (
            "The grants manual, the selection grid and the independent selection committee were set up this year; "
            "the first call for proposals is ready to be launched in January."
        ),
    },
    2: {
        "trainings": (
            "لە سەنتەری هەولێر دەستەیەک ڕاهێنەرمان ڕاهێنا و پاکێجەکانی ڕاهێنان بە کوردی و عەرەبی ئامادە کران. "
            "یەکەم خولەکان لە کۆتایی ساڵدا دەستیان پێکرد و بەشێکی زۆری ڕاهێنانەکان بۆ ساڵی سێیەم دواخران."
        ),
        "grants": (
            "The first call received 38 applications; one agreement was signed and its first tranche paid. "
            "Many applicants lacked a valid registration certificate, so we referred them to the legal help desk "
            "and will open a second round."
        ),
    },
}

CURRENT_NARRATIVE = {
    "summary": (
        "The third year is the year of full delivery: the three centres run training cycles every month, the "
        "second call for grants has been awarded and the legal help desks handle cases from all three "
        "governorates."
    ),
    "activities": (
        "R1: training cycles on governance and financial management in Erbil, Mosul and Basra. R2: new grant "
        "agreements signed and mentoring visits under way. R3: legal cases opened on registration, labour, "
        "contracts and tax. (To be completed with the figures at the end of the period.)"
    ),
}

CURRENT_CONTRIBUTION_AR = (
    "استقبلت مكاتب المساعدة القانونية في المراكز الثلاثة هذا العام طلبات تتعلق بتجديد تسجيل المنظمات وعقود "
    "الإيجار والنزاعات العمالية والضرائب. أُحيلت حالة حماية واحدة إلى منظمة شريكة متخصصة، ونعمل على تقليص "
    "مدة الرد على الطلبات العاجلة إلى يومي عمل."
)


def _translated(prefix: str, texts: tuple[str, str, str] | None) -> dict[str, str]:
    if texts is None:
        return {}
    en, ar, ckb = texts
    return {prefix: en, f"{prefix}_en": en, f"{prefix}_ar": ar, f"{prefix}_ckb": ckb}


def _programme_dates(programme: Programme, today: dt.date) -> None:
    """The founding document's 42 months began on 1 January 2020; the other apps' demo records are
    dated around today, so the demo moves the programme to start on 1 January two years ago and to end
    42 months later (the last day of June), keeping the periods and the records together."""
    start = dt.date(today.year - 2, 1, 1)
    end = add_months(start, PROGRAMME_MONTHS) - dt.timedelta(days=1)
    if (programme.start_date, programme.end_date) != (start, end):
        programme.start_date, programme.end_date = start, end
        programme.save(update_fields=["start_date", "end_date"])


def _approver(admin: User) -> User:
    email, name, language = APPROVER
    approver = demo_user(email=email, full_name=name, language=language)
    if Role.PROGRAMME_ADMIN not in approver.roles:
        user_set_roles(actor=admin, user=approver, roles=[Role.PROGRAMME_ADMIN], centre=None)
        approver = User.objects.get(pk=approver.pk)  # her roles are cached on the instance
    return approver


def _logframe(admin: User, programme: Programme) -> Logframe:
    logframe, _created = Logframe.objects.get_or_create(
        programme=programme,
        defaults={
            "period_months": 12,
            "iati_identifier": "XI-IATI-EC_NEAR-2023/441-907",
            "reporting_org_ref": "IQ-NGO-2019-0417",
            "reporting_org_type": "22",
            "budget": Decimal("4500000"),
            "currency": "EUR",
        },
    )
    periods_generate(actor=admin, logframe=logframe)
    return logframe


def _nodes(admin: User, logframe: Logframe) -> dict[str, Node]:
    nodes = {n.code: n for n in logframe.nodes.all()}
    for position, (code, parent, level, title, assumptions) in enumerate(NODES):
        if code in nodes:
            continue
        data: dict[str, Any] = {"code": code, "level": level, "parent": nodes.get(parent or ""), "position": position}
        data.update(_translated("title", title))
        data.update(_translated("assumptions", assumptions))
        nodes[code] = logframe_services.node_save(actor=admin, logframe=logframe, node=None, data=data)
    return nodes


def _indicators(admin: User, logframe: Logframe, nodes: dict[str, Node], periods: list[Period]) -> None:
    existing = set(logframe.indicators.values_list("code", flat=True))
    baseline_year = periods[0].start.year - 1
    for position, spec in enumerate(INDICATORS):
        if spec["code"] in existing:
            continue
        data: dict[str, Any] = {
            "node": nodes[spec["node"]],
            "code": spec["code"],
            "position": position,
            "unit": spec["unit"],
            "direction": Direction.INCREASE,
            "baseline": Decimal(spec["baseline"]),
            "baseline_year": baseline_year,
            "final_target": Decimal(spec["targets"][-1]),
            "disaggregations": spec["disaggregations"],
            "measure": spec["measure"],
            "filters": spec.get("filters", {}),
            "cumulation": spec["cumulation"],
        }
        data.update(_translated("name", spec["name"]))
        data.update(_translated("definition", spec["definition"]))
        data.update(_translated("means_of_verification", MOV[spec["mov"]]))
        targets: dict[Period, Decimal | None] = {
            period: Decimal(value) for period, value in zip(periods, spec["targets"], strict=False)
        }
        logframe_services.indicator_save(actor=admin, logframe=logframe, indicator=None, data=data, targets=targets)


def _manual_values(logframe: Logframe, periods: list[Period], reviewer: User, today: dt.date) -> None:
    """The centre manager or the grant officer enters each past period's value with its evidence; a
    programme admin who did not enter it approves it."""
    for spec in INDICATORS:
        if spec["measure"]:
            continue
        indicator = Indicator.objects.get(logframe=logframe, code=spec["code"])
        author = User.objects.get(email=spec["entered_by"])
        for period, (value, by) in zip(periods, spec.get("values", []), strict=False):
            if period.end >= today:
                continue
            existing = ManualValue.objects.filter(indicator=indicator, period=period).first()
            if existing is not None and existing.status == ValueStatus.APPROVED:
                continue
            if existing is None or existing.status != ValueStatus.SUBMITTED:
                existing = value_save(
                    actor=author,
                    indicator=indicator,
                    period=period,
                    data={
                        "value": Decimal(value),
                        "by": by,
                        "evidence_link": f"https://tatweer.example/evidence/{spec['code'].lower()}-p{period.number}",
                        "comment": f"Compiled from the centres' records for period {period.number}.",
                    },
                    submit=True,
                )
            value_review(actor=reviewer, value=existing, approve=True)


def _contribute(actor: User, report: ProgressReport, area: str, centre: Center | None, text: str) -> None:
    reports.contribution_save(actor=actor, report=report, area=area, centre=centre, text=text)


def _contributions(report: ProgressReport, texts: dict[str, str], manager: User, officer: User) -> None:
    erbil = Center.objects.get(slug="erbil")
    _contribute(manager, report, "trainings", erbil, texts["trainings"])
    _contribute(officer, report, "grants", None, texts["grants"])


def _sent_report(period: Period, admin: User, approver: User, manager: User, officer: User) -> None:
    """Written and submitted by the admin, approved by the second admin, sent to the EU."""
    report = reports.report_for(actor=admin, period=period)
    if report.status == ReportStatus.SENT:
        return
    if report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        _contributions(report, CONTRIBUTIONS[period.number], manager, officer)
        report = reports.report_save(actor=admin, report=report, data={**NARRATIVES[period.number], "language": "en"})
        # A figure of an earlier period that changed since it was reported is explained first.
        for revision in reports.revisions_refresh(report):
            if not revision.reason:
                reports.revision_explain(
                    actor=admin,
                    report=report,
                    revision=revision,
                    reason="Attendance sheets and reports received after the earlier report was submitted.",
                )
        report = reports.report_submit(actor=admin, report=report)
    if report.status == ReportStatus.SUBMITTED:
        report = reports.report_review(actor=approver, report=report, approve=True)
    reports.report_send(actor=admin, report=report)


def _draft_report(period: Period, admin: User, approver: User, manager: User) -> None:
    report = reports.report_for(actor=admin, period=period)
    if report.status != ReportStatus.DRAFT or report.summary:
        return
    reports.report_save(actor=admin, report=report, data={**CURRENT_NARRATIVE, "language": "en"})
    erbil = Center.objects.get(slug="erbil")
    _contribute(
        manager,
        report,
        "trainings",
        erbil,
        "ئەمساڵ سەنتەری هەولێر هەموو مانگێک خولی ڕاهێنانی ئەنجام دا؛ زۆربەی بەشداربووان ژن و گەنج بوون.",
    )
    _contribute(approver, report, "legal", None, CURRENT_CONTRIBUTION_AR)


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    today = timezone.localdate()
    admin = User.objects.get(email="admin@tatweer.example")
    manager = User.objects.get(email="manager.erbil@tatweer.example")
    officer = User.objects.get(email="grants@tatweer.example")
    approver = _approver(admin)
    programme = Programme.objects.get(slug="tatweer")
    _programme_dates(programme, today)
    logframe = _logframe(admin, programme)
    periods = list(logframe.periods.order_by("number"))
    nodes = _nodes(admin, logframe)
    _indicators(admin, logframe, nodes, periods)
    _manual_values(logframe, periods, admin, today)
    current = current_period(logframe, today)
    for period in periods:
        if period.number <= 2 and period.end < today and (current is None or period.number < current.number):
            _sent_report(period, admin, approver, manager, officer)
    if current is not None and current.number > 2:
        _draft_report(current, admin, approver, manager)
    return [("Programme admin (approves reports)", approver.email)]
