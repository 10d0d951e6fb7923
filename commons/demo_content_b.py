"""Demo entries of the platform, second part: guides and practices, and questions with their answers (used by commons.demo)."""

# (kind, language, title, summary, type fields, topics, governorates), as commons.demo.ENTRIES
from typing import Any

ENTRIES_B = [
    (
        "guide",
        "ckb",
        "نووسینی چوارچێوەی لۆژیکی (لۆگفرەیم) بۆ پڕۆژەیەکی بچووک",
        "ڕێبەرێکی هەنگاو بە هەنگاو بۆ پڕکردنەوەی خشتەی چوارچێوەی لۆژیکی: ئامانج، دەرئەنجام، بەرهەم، "
        "چالاکی، نیشاندەر و گریمانەکان.",
        {
            "body": "<h2>چوارچێوەی لۆژیکی چییە؟</h2><p>خشتەیەکە کە بە کورتی نیشان دەدات پڕۆژەکەت دەیەوێت چ "
            "گۆڕانکارییەک دروست بکات، چۆن پێی دەگات و بە چ بەڵگەیەک دەیسەلمێنێت. زۆربەی بەخشەرەکان، لەوانە "
            "یەکێتیی ئەوروپا، لە پێشنیارەکاندا داوای دەکەن.</p>"
            "<h2>ڕیزەکانی خشتەکە</h2><ol>"
            "<li><strong>ئامانجی گشتی:</strong> گۆڕانکارییە درێژخایەنەکە کە پڕۆژەکەت بەشداری تێدا دەکات.</li>"
            "<li><strong>ئامانجی تایبەت (دەرئەنجام):</strong> ئەو گۆڕانکارییەی تا کۆتایی پڕۆژە چاوەڕێی دەکەیت.</li>"
            "<li><strong>بەرهەمەکان:</strong> ئەو شتانەی پڕۆژەکە ڕاستەوخۆ پێشکەشیان دەکات، وەک ڕاهێنان یان "
            "ڕێبەر.</li>"
            "<li><strong>چالاکییەکان:</strong> ئەو کارانەی بۆ گەیشتن بە بەرهەمەکان دەیانکەیت.</li></ol>"
            "<h2>ستوونەکان</h2><table><thead><tr><th>ستوون</th><th>پرسیار</th></tr></thead><tbody>"
            "<tr><td>نیشاندەر</td><td>چۆن دەزانین گەیشتووین؟</td></tr>"
            "<tr><td>سەرچاوەی پشتڕاستکردنەوە</td><td>بەڵگەکە لە کوێیە؟</td></tr>"
            "<tr><td>گریمانەکان</td><td>چ شتێک لە دەرەوەی دەسەڵاتی ئێمە دەبێت ڕوو بدات؟</td></tr>"
            "</tbody></table>"
            "<h3>هەڵەی باو</h3><ul>"
            "<li>نووسینی چالاکی لە جیاتی دەرئەنجام: «ڕاهێنانی ٢٠ ژن» بەرهەمە، نەک دەرئەنجام.</li>"
            "<li>نیشاندەری بێ ژمارەی بنەڕەت و بێ ئامانج.</li>"
            "<li>جیا نەکردنەوەی ژمارەکان بەپێی ڕەگەز و تەمەن.</li></ul>"
            "<p>لە کۆتاییدا خشتەکە لەگەڵ دوو هاوکار لە خوارەوە بۆ سەرەوە بخوێننەوە: ئەگەر هەموو "
            "«ئەگەر ... ئەوا ...»یەکان ڕاست دەرچوون، لۆژیکەکە کار دەکات.</p>"
        },
        ["project_management", "fundraising"],
        [],
    ),
    (
        "guide",
        "ar",
        "الاستعداد للتدقيق المالي لمنحة خارجية",
        "قائمة بما يطلبه المدقق عادةً من منظمة صغيرة، وكيف ترتّب المستندات قبل زيارته بشهر.",
        {
            "body": "<h2>قبل شهر من الزيارة</h2><p>اطلب من المانح أو من شركة التدقيق قائمة المستندات المطلوبة "
            "ونطاق التدقيق والفترة التي يشملها.</p><ul>"
            "<li>عقد المنحة وتعديلاته والميزانية المعتمدة.</li>"
            "<li>كشوف الحساب المصرفي للفترة كاملة مع مطابقة شهرية.</li>"
            "<li>سجل الصندوق ووصولات الصرف الموقعة.</li>"
            "<li>عروض الأسعار ومحاضر لجنة المشتريات لكل شراء يتجاوز الحد المذكور في العقد.</li>"
            "<li>عقود الموظفين وكشوف الرواتب وما يثبت دفع الاستقطاعات الضريبية والضمان الاجتماعي.</li></ul>"
            "<h2>ترتيب المستندات</h2><p>رتّب الملفات بحسب بنود الميزانية لا بحسب التاريخ، وأعطِ كل مستند رقماً "
            "يطابق رقم القيد في دفتر الحسابات.</p>"
            "<table><thead><tr><th>بند الميزانية</th><th>المستندات</th></tr></thead><tbody>"
            "<tr><td>الرواتب</td><td>العقود، سجلات الدوام، كشوف الرواتب الموقعة</td></tr>"
            "<tr><td>الأنشطة</td><td>قوائم الحضور، الصور، الفواتير</td></tr>"
            "<tr><td>السفر</td><td>التذاكر، وصولات الفندق، أمر الإيفاد</td></tr></tbody></table>"
            "<h3>أثناء التدقيق</h3><p>خصّص شخصاً واحداً للتواصل مع المدقق، ودوّن كل ملاحظة يطرحها. إذا كان "
            "مستند مفقوداً فقل ذلك بصراحة وقدّم بديلاً موثقاً، ولا تُعِدّ مستنداً جديداً بتاريخ قديم.</p>"
            "<p><strong>بعد التدقيق:</strong> اكتب خطة لمعالجة كل ملاحظة في رسالة الإدارة، مع مسؤول وموعد "
            "لكل منها.</p>"
        },
        ["project_management", "governance"],
        [],
    ),
    (
        "guide",
        "en",
        "Documenting human-rights violations without putting victims at risk",
        "Consent, what to record and what not, where to keep it and who may see it: the minimum a CSO should "
        "set up before its first interview.",
        {
            "body": "<h2>Do no harm first</h2><p>A testimony that leaks can expose a survivor to retaliation, "
            "stigma or arrest. Before documenting, ask who will use the information and for what: if nobody "
            "will act on it, do not collect it.</p>"
            "<h2>Informed consent</h2><ul>"
            "<li>Explain in the person's own language what the record is for, who will see it and the risks.</li>"
            "<li>Ask separately for consent to record, to share with a named partner and to quote anonymously.</li>"
            "<li>Note consent without a signature when a signed paper would itself be dangerous.</li>"
            "<li>Consent can be withdrawn at any time: leave a safe way to reach you.</li></ul>"
            "<h2>What to record</h2><p>What happened, when, where and who was responsible, as precisely as the "
            "person can say. Keep names and contact details <strong>apart</strong> from the testimony, linked "
            "only by a code.</p>"
            "<h3>Women and children</h3><p>Offer a woman interviewer to women survivors of gender-based "
            "violence. Never interview a child without a trained colleague and a trusted adult present.</p>"
            "<h2>Storage and sharing</h2><ol>"
            "<li>Encrypted devices only; no copies on personal phones or in messaging apps.</li>"
            "<li>Paper notes typed up and destroyed the same day.</li>"
            "<li>A short list of who may open the files, reviewed every three months.</li></ol>"
            "<p><em>Ask the Mosul centre's lawyer before sharing any case with the authorities.</em></p>"
        },
        ["human_rights"],
        [],
    ),
    (
        "guide",
        "ar",
        "تسجيل منظمة غير حكومية في بغداد وفي إقليم كوردستان",
        "الخطوات العامة للتسجيل لدى دائرة المنظمات غير الحكومية في الأمانة العامة لمجلس الوزراء ولدى دائرة "
        "المنظمات في حكومة الإقليم، وما الذي يختلف بينهما.",
        {
            "body": "<h2>لدى أي جهة تسجّل؟</h2><p>المنظمات العاملة في المحافظات الاتحادية تسجّل لدى دائرة "
            "المنظمات غير الحكومية في الأمانة العامة لمجلس الوزراء في بغداد وفق القانون رقم 12 لسنة 2010. "
            "والمنظمات في أربيل والسليمانية ودهوك وحلبجة تسجّل لدى دائرة المنظمات غير الحكومية في حكومة "
            "إقليم كوردستان وفق القانون رقم 1 لسنة 2011. والمنظمة التي تعمل في الجهتين تحتاج عادةً إلى تسجيل "
            "لدى كلتيهما.</p>"
            "<h2>ما تحتاجه في الحالتين</h2><ul>"
            "<li>النظام الداخلي موقعاً من الأعضاء المؤسسين.</li>"
            "<li>محضر الاجتماع التأسيسي وانتخاب الهيئة الإدارية.</li>"
            "<li>نسخ من وثائق هوية المؤسسين.</li>"
            "<li>عنوان المقر وما يثبته، كعقد الإيجار.</li>"
            "<li>اسم المنظمة وشعارها، بعد التأكد من أنهما لا يشبهان اسم منظمة مسجلة.</li></ul>"
            "<h2>الفروق الأساسية</h2><table><thead><tr><th></th><th>بغداد</th><th>إقليم كوردستان</th></tr>"
            "</thead><tbody>"
            "<tr><td>الجهة</td><td>دائرة المنظمات غير الحكومية، الأمانة العامة لمجلس الوزراء</td>"
            "<td>دائرة المنظمات غير الحكومية، مجلس وزراء الإقليم</td></tr>"
            "<tr><td>القانون</td><td>رقم 12 لسنة 2010</td><td>رقم 1 لسنة 2011</td></tr>"
            "</tbody></table>"
            "<h3>نصائح</h3><ul>"
            "<li>تحقّق من المتطلبات الحالية لدى الدائرة قبل التقديم، فهي تتغير.</li>"
            "<li>احتفظ بنسخة مختومة من كل ما تقدّمه وبرقم المعاملة.</li>"
            "<li>يراجع مركز البرنامج في أربيل أو الموصل أو البصرة ملفك مجاناً قبل تقديمه.</li></ul>"
        },
        ["governance"],
        ["baghdad", "erbil", "sulaymaniyah", "duhok", "halabja"],
    ),
    (
        "guide",
        "en",
        "Writing a concept note for an EU call for proposals",
        "How to fit relevance, objectives and the action into the page limit of a first-stage concept note, "
        "and the mistakes evaluators see most often.",
        {
            "body": "<h2>Read the guidelines twice</h2><p>The guidelines for applicants set the priorities, who "
            "may apply, the page limit and the evaluation grid. Score your own draft against that grid before "
            "you submit.</p>"
            "<h2>The usual sections</h2><ol>"
            "<li><strong>Relevance of the action:</strong> how it answers the call's objectives and the needs "
            "of the target groups, with figures and their sources.</li>"
            "<li><strong>Description of the action:</strong> objectives, main activities, expected results, "
            "partners and their roles.</li></ol>"
            "<h3>What evaluators look for</h3><ul>"
            "<li>A clear problem in a named place, backed by data split by sex and age.</li>"
            "<li>Target groups and final beneficiaries told apart, with women and young people in the "
            "activities and not only in the text.</li>"
            "<li>Why your organisation and your partners are the right ones to do it.</li></ul>"
            "<h2>Common mistakes</h2><ul>"
            "<li>Going over the page limit, or shrinking the font to fit.</li>"
            "<li>Activities that do not lead to the results.</li>"
            "<li>Repeating the call's wording without saying what you will actually do.</li></ul>"
            '<p>Calls are published on the <a href="https://ec.europa.eu/info/funding-tenders/opportunities/'
            'portal/">EU Funding and Tenders Portal</a>; the Basra centre holds a review clinic two weeks '
            "before each deadline.</p>"
        },
        ["fundraising", "project_management"],
        [],
    ),
    (
        "guide",
        "ckb",
        "پلانی ڕاگەیاندن بە بودجەیەکی کەم",
        "چۆن ڕێکخراوێکی بچووک لە ماوەی یەک ڕۆژدا پلانی ڕاگەیاندنی ساڵانەی خۆی دادەنێت: بیسەر، پەیام، کەناڵ "
        "و خشتەی کات.",
        {
            "body": "<h2>یەکەم: بیسەرەکانت دیاری بکە</h2><p>پێش هەموو شتێک بنووسە دەتەوێت بگەیتە کێ: "
            "سوودمەندان، بەخشەران، دەسەڵاتی خۆجێیی یان ڕۆژنامەنووسان. هەر گرووپێک پەیام و کەناڵی خۆی "
            "هەیە.</p>"
            "<h2>دووەم: سێ پەیامی سەرەکی</h2><p>هەر پەیامێک لە یەک ڕستەدا، بە زمانێکی سادە و لەگەڵ "
            "نموونەیەکی ڕاستەقینە لە کارەکانتان.</p>"
            "<h2>سێیەم: کەناڵە هەرزانەکان</h2><ul>"
            "<li>پەڕەی فەیسبووک و گرووپەکانی واتسئاپ و تێلیگرام بۆ کۆمەڵگەی خۆجێیی.</li>"
            "<li>ڕادیۆی خۆجێیی، کە زۆرجار کاتی بەخۆڕایی دەداتە ڕێکخراوەکان.</li>"
            "<li>ڕاپۆرتێکی کورتی وێنەدار بۆ بەخشەران هەموو سێ مانگ جارێک.</li></ul>"
            "<h3>خشتەی کات</h3><table><thead><tr><th>مانگ</th><th>چالاکی</th><th>بەرپرسیار</th></tr></thead>"
            "<tbody>"
            "<tr><td>یەکەم</td><td>نوێکردنەوەی پەڕەکان و وێنەکان</td><td>کارمەندی ڕاگەیاندن</td></tr>"
            "<tr><td>سێیەم</td><td>چیرۆکی دوو سوودمەند</td><td>بەڕێوەبەری پڕۆژە</td></tr>"
            "<tr><td>شەشەم</td><td>چاوپێکەوتنێکی ڕادیۆیی</td><td>سەرۆکی ڕێکخراو</td></tr>"
            "</tbody></table>"
            "<p><strong>ئاگاداربە:</strong> پێش بڵاوکردنەوەی وێنەی ژنان و منداڵان ڕەزامەندیی نووسراویان "
            "وەربگرە.</p>"
        },
        ["campaigning", "fundraising"],
        [],
    ),
    (
        "guide",
        "en",
        "Safeguarding policy basics for small CSOs",
        "What a first safeguarding policy must contain, how to receive and handle a concern, and how to make "
        "the policy known to staff, volunteers and the people you work with.",
        {
            "body": "<h2>Why a policy</h2><p>Safeguarding means preventing harm, exploitation and abuse, sexual "
            "exploitation and abuse included, of the people your organisation works with, by your staff, "
            "volunteers and partners. Most donors, the EU among them, ask to see the policy.</p>"
            "<h2>What it must contain</h2><ul>"
            "<li>A code of conduct that every staff member and volunteer signs.</li>"
            "<li>Safe recruitment: references checked, safeguarding questions at interview.</li>"
            "<li>At least two focal points, one of them a woman, and how to reach them.</li>"
            "<li>How to report a concern, anonymously too, and how fast you respond.</li>"
            "<li>How the person who reports and the survivor are protected.</li></ul>"
            "<h2>Handling a concern</h2><ol>"
            "<li>Listen, do not investigate yourself, write down what you were told.</li>"
            "<li>Pass it to a focal point within 24 hours.</li>"
            "<li>Put the survivor's safety and wishes first; refer to medical, psychosocial or legal help.</li>"
            "<li>Inform the donor as the grant contract requires, without names.</li></ol>"
            "<h3>Making it known</h3><p>Put the reporting numbers on posters at activity sites, in Arabic and "
            "Kurdish, and explain them at the start of every activity with children or women.</p>"
        },
        ["governance", "human_rights"],
        [],
    ),
    (
        "guide",
        "ckb",
        "چاودێریکردنی پڕۆژە بە نیشاندەری سادە بەپێی ڕەگەز و تەمەن",
        "چۆن چەند نیشاندەرێکی سادە هەڵدەبژێریت، ژمارەکان بەپێی ڕەگەز و تەمەن کۆدەکەیتەوە و مانگانە "
        "بەکاریان دەهێنیت بۆ باشترکردنی کارەکە.",
        {
            "body": "<h2>کەم بەڵام بەسوود</h2><p>بۆ پڕۆژەیەکی بچووک پێنج بۆ حەوت نیشاندەر بەسە. هەر "
            "نیشاندەرێک دەبێت ژمارەی بنەڕەت، ئامانج و سەرچاوەیەکی ڕوونی هەبێت.</p>"
            "<h2>جیاکردنەوە بەپێی ڕەگەز و تەمەن</h2><p>هەموو لیستێکی ئامادەبوون بە ستوونی ڕەگەز و تەمەن "
            "دروست بکە، بۆ ئەوەی دواتر بزانیت کێ سوودی وەرگرتووە و کێ لە دەرەوە ماوەتەوە.</p>"
            "<table><thead><tr><th>نیشاندەر</th><th>ژن</th><th>پیاو</th><th>١٥–٢٤ ساڵ</th>"
            "<th>٢٥ ساڵ و زیاتر</th></tr></thead><tbody>"
            "<tr><td>بەشداربووانی ڕاهێنان</td><td>٣٤</td><td>٢٦</td><td>٢٢</td><td>٣٨</td></tr>"
            "<tr><td>ئەوانەی زانیارییەکەیان بەکارهێنا</td><td>١٩</td><td>١١</td><td>١٤</td><td>١٦</td></tr>"
            "</tbody></table>"
            "<h2>کۆکردنەوەی زانیاری</h2><ul>"
            "<li>لیستی ئامادەبوون لە هەموو چالاکییەکدا.</li>"
            "<li>پرسیارنامەیەکی کورت پێش و دوای ڕاهێنان.</li>"
            "<li>پەیوەندیی تەلەفۆنی لەگەڵ نموونەیەک لە بەشداربووان دوای سێ مانگ.</li></ul>"
            "<h3>هەموو مانگێک</h3><p>نیو کاتژمێر لەگەڵ تیمەکە ژمارەکان بخوێننەوە: ئەگەر ژنانی بەتەمەن یان "
            "گەنجان کەم بەشدار دەبن، کات یان شوێنی چالاکییەکان بگۆڕن.</p>"
        },
        ["project_management", "development"],
        [],
    ),
    (
        "guide",
        "ar",
        "إدارة اجتماع مناصرة مع مجلس المحافظة",
        "من طلب الموعد إلى رسالة الشكر: كيف تحضّر لاجتماع قصير مع أعضاء مجلس المحافظة وتخرج منه بالتزام واضح.",
        {
            "body": "<h2>قبل الاجتماع</h2><ul>"
            "<li>حدّد طلباً واحداً واضحاً يستطيع المجلس تنفيذه، كتخصيص بند في الموازنة أو إصدار قرار.</li>"
            "<li>اعرف اللجنة المختصة وأعضاءها ومواقفهم السابقة من القضية.</li>"
            "<li>حضّر ورقة من صفحة واحدة: المشكلة بالأرقام، والحل المقترح، وكلفته.</li>"
            "<li>اختر وفداً صغيراً من ثلاثة إلى خمسة أشخاص، فيه امرأة وشاب على الأقل، وشخص يعيش المشكلة "
            "نفسها.</li></ul>"
            "<h2>خلال الاجتماع</h2><ol>"
            "<li>قدّموا أنفسكم ومنظماتكم في دقيقة واحدة.</li>"
            "<li>اعرضوا المشكلة بقصة قصيرة ثم بالأرقام.</li>"
            "<li>اطرحوا الطلب صراحةً واسألوا: ما الذي تحتاجونه منا لتنفيذه؟</li>"
            "<li>اتفقوا على خطوة تالية وموعد لها.</li></ol>"
            "<h3>ما يُستحسن تجنّبه</h3><p>لا تحوّلوا الاجتماع إلى شكوى عامة من أداء الحكومة، ولا تعِدوا "
            "بدعم سياسي أو انتخابي.</p>"
            "<h2>بعد الاجتماع</h2><p>أرسلوا خلال يومين رسالة شكر تلخّص ما اتُّفق عليه، وتابعوا بعد أسبوعين. "
            "وسجّلوا كل التزام في جدول المتابعة.</p>"
        },
        ["campaigning", "governance"],
        [],
    ),
    (
        "guide",
        "ckb",
        "لیستی پشکنینی ئاسایشی دیجیتاڵی بۆ چالاکوانان",
        "هەنگاوی سادە بۆ پاراستنی مۆبایل، هەژمارەکان و زانیاریی ئەو کەسانەی لەگەڵیان کار دەکەیت، و ئەوەی "
        "دەبێت بیکەیت ئەگەر ئامێرەکەت ون بوو.",
        {
            "body": "<h2>مۆبایل و کۆمپیوتەر</h2><ul>"
            "<li>قفڵی شاشە بە ژمارەی نهێنیی شەش ژمارەیی یان درێژتر.</li>"
            "<li>نوێکردنەوەی سیستەم و بەرنامەکان بە خێرایی.</li>"
            "<li>ئینکریپتکردنی ئامێرەکە و باکئەپێکی ئینکریپتکراو.</li>"
            "<li>بەرنامە تەنها لە کۆگا فەرمییەکانەوە دابەزێنە.</li></ul>"
            "<h2>هەژمارەکان</h2><ul>"
            "<li>وشەی نهێنیی جیاواز بۆ هەر هەژمارێک، پارێزراو لە بەڕێوەبەرێکی وشەی نهێنیدا.</li>"
            "<li>پشتڕاستکردنەوەی دوو هەنگاوی بە بەرنامە، نەک بە کورتەنامە (SMS)، ئەگەر بکرێت.</li>"
            "<li>پشکنینی ئەو ئامێرانەی هەژمارەکەت تێیاندا کراوەتەوە.</li></ul>"
            "<h2>پەیوەندی</h2><ul>"
            "<li>بۆ قسەی هەستیار سیگناڵ بەکاربهێنە و پەیامی کاتی (خۆسڕەوە) چالاک بکە.</li>"
            "<li>گرووپی گەورەی واتسئاپ شوێنی زانیاریی هەستیار نییە.</li>"
            "<li>ئاگاداری بەستەری گوماناوی بە لە ناو پەیامی «بەخشەر» یان «ڕێکخراوی نێودەوڵەتی».</li></ul>"
            "<h3>ئەگەر ئامێرەکەت ون بوو یان دەستی بەسەردا گیرا</h3><ol>"
            "<li>لە ئامێرێکی ترەوە وشە نهێنییەکان بگۆڕە.</li>"
            "<li>ئامێرەکە لە هەژمارەکانت دەربکە.</li>"
            "<li>هاوکارەکانت و ناوەندی بەرنامە لە هەولێر یان موسڵ ئاگادار بکەرەوە.</li></ol>"
        },
        ["human_rights", "campaigning"],
        [],
    ),
    (
        "practice",
        "ar",
        "مسابقة تشجير بين مدارس كربلاء",
        "كيف حوّلت منظمة بيئية شبابية زراعة الأشجار إلى مسابقة بين 12 مدرسة، وما الذي بقي بعد انتهاء المسابقة.",
        {
            "problem": "ساحات المدارس في أطراف كربلاء بلا ظل، وحملات التشجير السابقة انتهت بأشجار يابسة لأن "
            "أحداً لم يتولَّ سقيها.",
            "approach": "أطلقنا مسابقة بين 12 مدرسة، ست للبنين وست للبنات: لكل مدرسة 40 شتلة من أنواع محلية "
            "تتحمل الحرارة، وفريق من الطلاب والمعلمين مسؤول عن السقي. تُحتسب النقاط على نسبة الأشجار الحية "
            "بعد ستة أشهر، لا على عدد ما زُرع.",
            "results": "بقيت 401 شجرة من 480 حيّة بعد الصيف الأول (84٪). وفازت مدرسة للبنات بنسبة 97٪، "
            "وخصّصت البلدية صهريج ماء مرة في الأسبوع للمدارس المشاركة.",
            "lessons": "احتساب النقاط على الأشجار الحية لا المزروعة غيّر سلوك الفرق كلياً. وإشراك مديرية "
            "التربية منذ البداية سهّل دخول المدارس.",
            "did_not_work": "الجائزة النقدية الصغيرة أثارت خلافاً بين إدارتَي مدرستين، فاستبدلناها في السنة "
            "الثانية برحلة علمية للفريق الفائز.",
            "partners": "مديرية تربية كربلاء، بلدية كربلاء، مشتل محلي",
        },
        ["environment"],
        ["karbala"],
    ),
    (
        "practice",
        "en",
        "A legal-aid clinic day for returnees in Ramadi",
        "One day, four lawyers and a community hall: how a CSO in Anbar advised 134 returnees on civil "
        "documents, property and family cases, and what it took to prepare.",
        {
            "problem": "Families who had returned to Ramadi after displacement still lacked identity cards, "
            "birth and marriage certificates and property papers, and could not pay a lawyer or did not know "
            "which office to go to.",
            "approach": "We announced the clinic through mukhtars, schools and women's groups three weeks "
            "ahead, asking people to bring whatever papers they had. On the day, four volunteer lawyers (two "
            "of them women) and two paralegals sat at separate tables for civil documents, property and family "
            "cases; a private room was kept for women who did not want to speak in the open hall. Every case "
            "left with a written next step, and the harder ones were booked with the Mosul centre's lawyer.",
            "results": "134 people were advised in one day, 71 of them women; 48 cases were followed up, and "
            "29 people obtained a missing civil document within three months.",
            "lessons": "Agreeing beforehand with the civil status directorate on which papers it would accept "
            "saved the follow-up cases weeks of going back and forth. Women came because the announcement named "
            "the women lawyers and the private room.",
            "did_not_work": "Opening at 9 a.m. without numbered tickets made the queue unmanageable by noon; "
            "the next clinic gave out numbers and time slots.",
            "partners": "Volunteer lawyers from Ramadi, the civil status directorate, local mukhtars",
        },
        ["human_rights"],
        ["anbar"],
    ),
    (
        "practice",
        "ar",
        "تحالف خمس منظمات في النجف لمناصرة حق الوصول لذوي الإعاقة",
        "كيف نسّقت خمس منظمات عملها سنةً كاملة حتى أصدر مجلس محافظة النجف قراراً يُلزم الأبنية الحكومية "
        "الجديدة بمعايير الوصول.",
        {
            "problem": "قانون رعاية ذوي الإعاقة والاحتياجات الخاصة رقم 38 لسنة 2013 ينص على تسهيل وصولهم إلى "
            "الأبنية العامة، لكن أغلب الدوائر الحكومية في النجف بلا منحدرات ولا مصاعد، وكانت كل منظمة تطالب "
            "وحدها دون نتيجة.",
            "approach": "شكّلنا تحالفاً من خمس منظمات، اثنتان منها يقودهما أشخاص ذوو إعاقة، ووقّعنا مذكرة تفاهم "
            "توزّع الأدوار: منظمة للمسح الميداني، وأخرى للإعلام، وثالثة للعلاقة مع مجلس المحافظة. مسح "
            "المتطوعون 60 بناية حكومية بقائمة فحص موحّدة، وقدّمنا النتائج في ورقة سياسات من أربع صفحات مع "
            "مسودة قرار.",
            "results": "صوّت المجلس على قرار يُلزم كل بناية حكومية جديدة أو مرمّمة بمعايير الوصول، وخصّص "
            "مبلغاً في موازنة السنة التالية لإنشاء منحدرات في 15 دائرة خدمية.",
            "lessons": "الصوت الأقوى كان لذوي الإعاقة أنفسهم حين تكلّموا أمام اللجنة، لا لمديري المنظمات. "
            "وتوزيع الأدوار كتابةً منع التنافس على الظهور في الإعلام.",
            "did_not_work": "لم تكن لدينا في البداية بيانات مفصّلة بحسب الجنس والعمر، فلم نستطع إبراز ما تواجهه "
            "النساء ذوات الإعاقة إلا في المرحلة الثانية.",
            "partners": "فرع هيئة رعاية ذوي الإعاقة والاحتياجات الخاصة في النجف، لجنة الخدمات في مجلس المحافظة",
        },
        ["campaigning", "human_rights", "governance"],
        ["najaf"],
    ),
    (
        "practice",
        "ckb",
        "گرووپی پاشەکەوتی ژنان لە خانەقین",
        "چۆن بیست و پێنج ژن لە خانەقین بە پاشەکەوتی بچووکی هەفتانە سندووقێکی هاوبەشیان دروست کرد و کاری "
        "بچووکیان پێ دەستپێکرد.",
        {
            "problem": "ژنانی ماڵەوە لە گەڕەکەکانی خانەقین دەستیان بە قەرزی بانک نەدەگەیشت و هیچ داهاتێکی "
            "سەربەخۆیان نەبوو؛ زۆربەیان متمانەیان بە خۆیان نەبوو بۆ بەڕێوەبردنی پارە.",
            "approach": "ڕێکخراوەکە دوو گرووپی دوازدە و سێزدە ژنی پێکهێنا. هەر ژنێک هەفتانە بڕێکی بچووک، لە "
            "٢٥٠٠ دینارەوە، دەخاتە سندووقێکی سێ قفڵییەوە کە کلیلەکانی لای سێ ئەندامی جیاوازن. گرووپەکان خۆیان "
            "ڕێساکانیان نووسی و دەنگیان دا لەسەر قەرزی بچووک بە ماوەی گەڕاندنەوەی سێ مانگ. ڕاهێنەرێک شەش "
            "دانیشتنی لەسەر تۆمارکردنی پارە و پلانی کاری بچووک پێشکەش کرد.",
            "results": "لە ساڵی یەکەمدا ١٧ ژن قەرزیان وەرگرت بۆ کاری بچووکی وەک دوورمان، نانکردن و فرۆشتنی "
            "ماست؛ هەموو قەرزەکان گەڕێنرانەوە و لە کۆتایی ساڵدا سندووقەکە لەنێوان ئەندامان دابەش کرا.",
            "lessons": "ڕێساکان دەبێت ژنان خۆیان بیاننووسن، نەک ڕێکخراوەکە. کۆبوونەوەی هەفتانە لە ماڵی "
            "یەکێک لە ئەندامان باشتر بوو لە ناوەندەکە بۆ ئەو ژنانەی بە ئاسانی ناتوانن بچنە دەرەوە.",
            "did_not_work": "تێکەڵکردنی ژنانی دوو گەڕەکی دوور لە یەک گرووپدا سەرنەکەوت، چونکە هاتوچۆ گران بوو.",
            "partners": "ئەنجومەنی گەڕەک لە خانەقین",
        },
        ["development"],
        ["diyala"],
    ),
]

# Questions asked on the platform, with their answers ("by": who answers: a trainer or lawyer of the
# programme, or another CSO); at most one answer per question is accepted.
QUESTIONS: list[dict[str, Any]] = [
    {
        "topic": "fundraising",
        "language": "en",
        "title": "How do we document in-kind co-financing so that the auditor accepts it?",
        "body": "Our EU grant asks for 10% co-financing. Most of ours is in kind: the hall the municipality "
        "lends us and our volunteers' time. What papers will the auditor want?",
        "answers": [
            {
                "by": "trainer",
                "body": "First check the guidelines of the call: in many EU calls in-kind contributions are not "
                "eligible costs and count as co-financing only where the guidelines allow it. Where they do, keep a "
                "letter from the municipality naming the hall, the dates and its market rent, and timesheets "
                "signed by each volunteer and a supervisor, valued at a rate you can justify.",
                "accepted": True,
            },
            {
                "by": "cso",
                "body": "We had the same case. The auditor wanted the municipality's letter on its letterhead, "
                "stamped, and photos of the activities held in the hall.",
                "accepted": False,
            },
        ],
    },
    {
        "topic": "governance",
        "language": "ar",
        "title": "هل يجب أن نجدّد تسجيل منظمتنا لدى دائرة المنظمات غير الحكومية في بغداد؟",
        "body": "سجّلنا المنظمة قبل أربع سنوات ولم نراجع الدائرة منذ ذلك الحين. سمعنا أن علينا التجديد، فما "
        "المطلوب وهل يوجد موعد محدد؟",
        "answers": [
            {
                "by": "lawyer",
                "body": "يعتمد ذلك على ما في شهادة التسجيل نفسها وعلى التعليمات النافذة الآن، فراجعوا الدائرة "
                "بكتاب رسمي. والأهم أن تكونوا قد قدّمتم التقارير السنوية وأبلغتم الدائرة بأي تغيير في الهيئة "
                "الإدارية، لأن التأخر في ذلك قد يؤدي إلى تعليق عمل المنظمة.",
                "accepted": False,
            },
            {
                "by": "cso",
                "body": "راجعنا الدائرة قبل شهرين، فطلبوا محضر آخر انتخاب للهيئة الإدارية وآخر تقرير مالي مصدّق.",
                "accepted": False,
            },
        ],
    },
    {
        "topic": "project_management",
        "language": "ar",
        "title": "هل تكفي عقود الخدمة لموظفي المشروع أم نحتاج إلى عقود عمل؟",
        "body": "لدينا ثلاثة موظفين بدوام كامل في مشروع مدته سنة في البصرة. هل نوقّع معهم عقود عمل "
        "ونسجّلهم في الضمان الاجتماعي، أم يكفي عقد خدمة محدد المدة؟",
        "answers": [
            {
                "by": "lawyer",
                "body": "من يعمل بدوام منتظم تحت إشرافكم وبأجر شهري هو عامل في نظر قانون العمل رقم 37 لسنة "
                "2015 مهما كان اسم العقد. وقّعوا عقد عمل مكتوباً محدد المدة ينتهي بانتهاء المشروع، واذكروا فيه "
                "الأجر وساعات العمل والإجازات، وسجّلوهم في الضمان الاجتماعي. أما عقد الخدمة فيصلح لمستشار "
                "يسلّم عملاً محدداً دون دوام.",
                "accepted": True,
            },
            {
                "by": "cso",
                "body": "طلب منا المدقق وصولات دفع اشتراكات الضمان لكل شهر، فاحتفظوا بها مع كشوف الرواتب.",
                "accepted": False,
            },
        ],
    },
    {
        "topic": "campaigning",
        "language": "ckb",
        "title": "چۆن کەمپەینێک لە تۆڕە کۆمەڵایەتییەکان بەڕێوە ببەین کاتێک هەڕەشە لە چالاکوانەکانمان دەکرێت؟",
        "body": "دەمانەوێت کەمپەینێک لەسەر توندوتیژی دژی ژنان بکەین، بەڵام پارساڵ لە فەیسبووک هەڕەشە لە دوو "
        "ئەندامی تیمەکەمان کرا. چۆن خۆمان بپارێزین و کەمپەینەکەش بەردەوام بێت؟",
        "answers": [
            {
                "by": "trainer",
                "body": "پەڕەی ڕێکخراوەکە بەکاربهێنن نەک هەژماری کەسی، و ناو و وێنەی ڕووخساری کەس بێ ڕەزامەندی "
                "بڵاو مەکەنەوە. دوو کەس بەڕێوەبەری پەڕەکە بن و پشتڕاستکردنەوەی دوو هەنگاوی چالاک بکەن. پێش "
                "دەستپێکردن پلانێک دابنێن بۆ تۆمارکردنی هەڕەشەکان بە وێنەی شاشە و بۆ ئەوەی کێ وەڵام دەداتەوە، "
                "و ناوەندی بەرنامە لە هەولێر ئاگادار بکەنەوە.",
                "accepted": True,
            },
            {
                "by": "cso",
                "body": "ئێمە لە کاتی کەمپەینەکەماندا فلتەری وشەمان بۆ کۆمێنتەکان دانا و ئەمە زۆر یارمەتیدەر بوو.",
                "accepted": False,
            },
        ],
    },
    {
        "topic": "project_management",
        "language": "en",
        "title": "Can we add results to a quarterly report when the donor's template only asks for activities?",
        "body": "The donor's template is a table of activities and dates. We would like to show what changed for "
        "the people we work with, but we are not sure we may go beyond the template.",
        "answers": [
            {
                "by": "trainer",
                "body": "Usually yes. Keep the activities table as it is and add a short section on progress "
                "towards results, using your logframe indicators split by sex and age. Ask the programme "
                "officer by email first, so the change is agreed in writing.",
                "accepted": False,
            },
            {
                "by": "cso",
                "body": "We added one page with two short stories from beneficiaries, and the donor used them in "
                "its own newsletter.",
                "accepted": False,
            },
            {
                "by": "cso",
                "body": "Ours asked us to keep to the template but accepted an annex, so ask before you change it.",
                "accepted": False,
            },
        ],
    },
    {
        "topic": "governance",
        "language": "ckb",
        "title": "خزمی خۆبەخشێکمان نرخی بۆ کڕینێکی ڕێکخراوەکە پێشکەش کردووە، چی بکەین؟",
        "body": "خۆبەخشێک ئەندامی لیژنەی کڕینەکەمانە و براکەی نووسینگەیەکی چاپی هەیە کە نرخی بۆ چاپکردنی "
        "ڕێبەرەکانمان ناردووە. دەبێت نرخەکەی ڕەت بکەینەوە یان خۆبەخشەکە لە لیژنەکە لابەرین؟",
        "answers": [],
    },
    {
        "topic": "governance",
        "language": "en",
        "title": "Who should handle a safeguarding complaint against a member of our board?",
        "body": "A participant in our youth project told a staff member that a board member had sent her "
        "inappropriate messages. Our policy says complaints go to the director, but the director is his "
        "relative. What do we do now?",
        "answers": [],
    },
    {
        "topic": "governance",
        "language": "ar",
        "title": "ما المستندات التي يطلبها المصرف لفتح حساب باسم المنظمة؟",
        "body": "حصلنا على شهادة التسجيل ونريد فتح حساب لاستلام منحة صغيرة في الموصل، لكن المصرف طلب كتاباً من "
        "دائرة المنظمات غير الحكومية ولم يوضّح صيغته. هل مرّ أحد بهذا؟",
        "answers": [],
    },
]
