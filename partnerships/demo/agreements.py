"""Demo agreements: MoUs and partnership agreements in every state (a draft, one under negotiation,
one signed and waiting for its first day, two in force, one of them expiring in about a month, one
expired, one renewed with its renewal, one terminated with its reason, one of the whole
programme), between the demo CSOs and partners (by acronym), titled in the language their parties
write in, with obligations (some overdue, some done). Made through the services, as the people
would, with the dates of the past passed in where a step happened then. Idempotent: an agreement
is found by its title. `--scale N` adds (N - 1) x 10 agreements in force."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import User
from centers.models import Center
from core.uploads import in_memory_pdf
from organizations.models import Organization
from partnerships.models import Agreement, AgreementKind, AgreementParty, AgreementStatus, ObligationStatus, Partner
from partnerships.services import agreements as services
from partnerships.services import agreements_parties as party_services

DAY = dt.timedelta(days=1)


@dataclass
class Spec:
    title: str
    kind: str
    purpose: str
    centre: str | None
    csos: list[str]
    partners: list[str]
    state: str
    starts: int = -180  # days from today
    ends: int = 545
    # (description, party acronym, owner e-mail, due in days from today, done days ago or None)
    obligations: list[tuple[str, str, str, int, int | None]] = field(default_factory=list)
    reason: str = ""
    signatories: dict[str, tuple[str, str]] = field(default_factory=dict)


ADMIN = "admin@tatweer.example"
ERBIL = "manager.erbil@tatweer.example"
MOSUL = "staff.mosul@tatweer.example"
SARA = "cso@tatweer.example"
REBIN = "cso.member@tatweer.example"

SIGNATORIES = {
    "NRC": ("Ingrid Solberg", "Country Director"),
    "DRC": ("Mads Kristensen", "Head of Programme"),
    "UoD": ("د. هێمن ئەحمەد", "بەڕێوەبەری سەنتەری لێکۆڵینەوەی ئاشتی"),
    "UoB": ("أ.د. سامر الموسوي", "مدير مركز دراسات الخليج"),
    "JOHUD": ("رنا الحسيني", "مديرة البرامج"),
    "ArabWR": ("هالة فؤاد", "المديرة التنفيذية"),
    "ANND": ("زياد عبد الصمد", "المدير التنفيذي"),
    "EUD": ("Claire Dubois", "Programme Manager, Civil Society"),
    "AsiaCell": ("Dara Kamal", "Foundation Manager"),
    "KRD-Net": ("ئاراس محەمەد", "هەماهەنگکار"),
}

AGREEMENTS = [
    Spec(
        "یاداشتی هاوبەشی بۆ ڕاهێنانی گەنجان لەسەر کارامەیی دیجیتاڵ",
        AgreementKind.PARTNERSHIP,
        "ڕاهێنانی ١٢٠ گەنج لە هەولێر و سلێمانی لەسەر کارامەیی دیجیتاڵ، بە پاڵپشتیی دارایی و ڕاهێنەرانی دامەزراوەکە.",
        "erbil",
        ["AYDO"],
        ["AsiaCell", "KRD-Net"],
        AgreementStatus.DRAFT,
    ),
    Spec(
        "مذكرة تفاهم حول الاستشارات القانونية والوثائق المدنية للنازحين",
        AgreementKind.MOU,
        "إحالة الأسر النازحة في الموصل إلى عيادات المجلس القانونية، وتدريب متطوعي الجمعية على الوثائق المدنية.",
        "mosul",
        ["HHRO"],
        ["NRC"],
        AgreementStatus.NEGOTIATION,
        signatories={"NRC": SIGNATORIES["NRC"]},
    ),
    Spec(
        "Data-sharing agreement on water-quality monitoring in Basra",
        AgreementKind.DATA_SHARING,
        "Monthly water samples taken by the association's volunteers are analysed by the university's centre; "
        "the results are published jointly, without the names of the households.",
        "basra",
        ["BEO"],
        ["UoB"],
        AgreementStatus.SIGNED,
        starts=12,
        ends=742,
    ),
    Spec(
        "مذكرة تفاهم للتعاون في مجال الوساطة المجتمعية في نينوى",
        AgreementKind.MOU,
        "تدريب ثلاثين وسيطاً مجتمعياً في الموصل وسنجار، وتبادل الخبرات مع فريق المجلس الدنماركي.",
        "mosul",
        ["NSDA"],
        ["DRC"],
        AgreementStatus.ACTIVE,
        starts=-200,
        ends=530,
        obligations=[
            ("تسليم قائمة الوسطاء المتدرّبين", "NSDA", SARA, -120, 125),
            ("تقرير نصف سنوي عن حالات الوساطة", "NSDA", SARA, -6, None),
            ("تمويل ورشة الختام في الموصل", "DRC", MOSUL, 60, None),
        ],
    ),
    Spec(
        "یاداشتی هاوکاری لەگەڵ زانکۆی دهۆک بۆ توێژینەوەی پێکەوەژیان",
        AgreementKind.MOU,
        "توێژینەوەی هاوبەش لەسەر پێکەوەژیانی کۆمەڵایەتی لە کۆیە و دهۆک، و ڕاهێنانی توێژەرانی ڕێکخراوەکە.",
        "erbil",
        ["WCP"],
        ["UoD"],
        AgreementStatus.ACTIVE,
        starts=-335,
        ends=30,
        obligations=[
            ("ناردنی ڕاپۆرتی کۆتایی توێژینەوە", "UoD", ERBIL, -10, None),
            ("ڕێکخستنی دوو ورکشۆپ بۆ توێژەران", "WCP", ERBIL, -90, 95),
        ],
    ),
    Spec(
        "Exchange agreement with JOHUD's community development centres",
        AgreementKind.EXCHANGE,
        "Two exchange visits a year between the association's volunteers and JOHUD's centres in Amman and Irbid.",
        "basra",
        ["FWA"],
        ["JOHUD"],
        AgreementStatus.EXPIRED,
        starts=-750,
        ends=-20,
        obligations=[("Host the return visit in Basra", "FWA", SARA, -200, 210)],
    ),
    Spec(
        "مذكرة تفاهم حول المشاركة السياسية للمرأة",
        AgreementKind.MOU,
        "برنامج مشترك لتدريب المرشحات لمجالس المحافظات في نينوى وصلاح الدين.",
        "mosul",
        ["DOM"],
        ["ArabWR"],
        AgreementStatus.RENEWED,
        starts=-690,
        ends=40,
    ),
    Spec(
        "مذكرة تفاهم مع شبكة المنظمات العربية للتنمية حول الحماية الاجتماعية",
        AgreementKind.MOU,
        "موقف مشترك حول قانون الضمان الاجتماعي وتدريب فريق الجمعية على رصد الموازنات.",
        "basra",
        ["ALA"],
        ["ANND"],
        AgreementStatus.TERMINATED,
        starts=-400,
        ends=330,
        reason="أغلقت الشبكة برنامجها في العراق بعد انتهاء تمويله، واتفق الطرفان على إنهاء المذكرة مبكراً.",
        obligations=[("تقرير مشترك عن رصد الموازنة", "ALA", ADMIN, -100, 104)],
    ),
    Spec(
        "Partnership agreement with the EU Delegation on the annual civil-society dialogue",
        AgreementKind.PARTNERSHIP,
        "The Delegation hosts the annual dialogue; two CSOs of the programme co-chair it and report back to the "
        "network.",
        None,
        ["NSDA", "AYDO"],
        ["EUD"],
        AgreementStatus.ACTIVE,
        starts=-90,
        ends=640,
        obligations=[("Circulate the dialogue's minutes to the network", "AYDO", REBIN, 25, None)],
    ),
]

# Who signed for the demo CSOs (their own languages).
CSO_SIGNATORIES = {
    "AYDO": ("ڕێبین قادر", "بەڕێوەبەری ڕێکخراو"),
    "WCP": ("شیلان عومەر", "سەرۆکی دەستەی کارگێڕی"),
    "NSDA": ("سارة محمود", "رئيسة الجمعية"),
    "HHRO": ("أحمد الجبوري", "المدير التنفيذي"),
    "BEO": ("علي حسين", "رئيس المنظمة"),
    "FWA": ("زينب عبد الكريم", "رئيسة الجمعية"),
    "DOM": ("نادية يوسف", "المديرة التنفيذية"),
    "ALA": ("حيدر كاظم", "مدير المنظمة"),
}


def seed(*, scale: int, stdout) -> None:
    users = {u.email: u for u in User.objects.filter(email__in=[ADMIN, ERBIL, MOSUL, SARA, REBIN])}
    admin = users.get(ADMIN)
    if admin is None:
        return
    today = timezone.localdate()
    centres = {c.slug: c for c in Center.objects.all()}
    for spec in AGREEMENTS:
        if not Agreement.objects.filter(title=spec.title, renewal_of__isnull=True).exists():
            _create(spec, admin, users, centres, today)
    _more(scale, admin, centres, today)
    stdout.write(f"  partnerships: {Agreement.objects.count()} agreements")


def _first(model, acronym: str):
    return model.objects.filter(acronym=acronym).order_by("pk").first()


def _create(spec: Spec, admin: User, users: dict[str, User], centres: dict[str, Center], today: dt.date) -> None:
    organizations = [_first(Organization, a) for a in spec.csos]
    partners = [_first(Partner, a) for a in spec.partners]
    if None in organizations or None in partners:
        return  # the demo CSOs or partners are not there (a partial seed)
    data = {"title": spec.title, "kind": spec.kind, "purpose": spec.purpose, "centre": centres.get(spec.centre or "")}
    agreement = services.agreement_create(
        actor=admin, data={**data, "organizations": organizations, "partners": partners}, today=today
    )
    if spec.state == AgreementStatus.DRAFT:
        return
    services.agreement_negotiate(actor=admin, agreement=agreement)
    starts_on, ends_on = today + spec.starts * DAY, today + spec.ends * DAY
    signed_on = min(starts_on - 7 * DAY, today - 2 * DAY)
    _sign_parties(admin, agreement, spec, signed_on)
    if spec.state == AgreementStatus.NEGOTIATION:
        return
    services.agreement_sign(
        actor=admin,
        agreement=agreement,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_copy=in_memory_pdf(f"{agreement.reference}.pdf"),
        today=signed_on,
    )
    _obligations(admin, agreement, spec, users, today)
    if spec.state == AgreementStatus.SIGNED:
        return
    services.agreement_activate(actor=admin, agreement=agreement, today=today)
    if spec.state == AgreementStatus.EXPIRED:
        services.agreement_expire(agreement_id=agreement.pk, today=today)
    elif spec.state == AgreementStatus.RENEWED:
        renewal = services.agreement_renew(actor=admin, agreement=agreement, today=today)
        services.agreement_negotiate(actor=admin, agreement=renewal)
    elif spec.state == AgreementStatus.TERMINATED:
        services.agreement_terminate(
            actor=admin, agreement=agreement, reason=spec.reason, terminated_on=today - 30 * DAY, today=today
        )


def _acronym(party: AgreementParty) -> str:
    return party.organization.acronym if party.organization else party.partner.acronym  # type: ignore[union-attr]


def _sign_parties(admin: User, agreement: Agreement, spec: Spec, signed_on: dt.date) -> None:
    """Every party signs; under negotiation, only those the spec names have signed yet."""
    for party in agreement.parties.select_related("organization", "partner"):
        acronym = _acronym(party)
        if spec.state == AgreementStatus.NEGOTIATION and acronym not in spec.signatories:
            continue
        name, title = (
            spec.signatories.get(acronym)
            or SIGNATORIES.get(acronym)
            or CSO_SIGNATORIES.get(acronym, ("Hana Saleh", "Director"))
        )
        party_services.party_sign(
            actor=admin, party=party, signatory_name=name, signatory_title=title, signed_on=signed_on
        )


def _obligations(admin: User, agreement: Agreement, spec: Spec, users: dict[str, User], today: dt.date) -> None:
    parties = {_acronym(p): p for p in agreement.parties.select_related("organization", "partner")}
    for description, acronym, owner, due, done_days_ago in spec.obligations:
        obligation = party_services.obligation_add(
            actor=admin,
            agreement=agreement,
            data={
                "party": parties[acronym],
                "owner": users.get(owner, admin),
                "description": description,
                "due_on": today + due * DAY,
            },
        )
        if done_days_ago is not None:
            party_services.obligation_update(
                actor=admin, obligation=obligation, status=ObligationStatus.DONE, done_on=today - done_days_ago * DAY
            )


def _more(scale: int, admin: User, centres: dict[str, Center], today: dt.date) -> None:
    """Volume for the performance work: (scale - 1) x 10 agreements in force."""
    organizations = list(Organization.objects.order_by("pk")[:40])
    partners = list(Partner.objects.order_by("pk"))
    if not organizations or not partners:
        return
    for n in range(max(scale - 1, 0) * 10):
        organization, partner = organizations[n % len(organizations)], partners[n % len(partners)]
        title = f"Cooperation MoU {n + 1}: {partner.acronym or partner.name} and {organization.name_en or organization.name}"
        if Agreement.objects.filter(title=title).exists():
            continue
        spec = Spec(
            title,
            AgreementKind.MOU,
            "Joint trainings and an exchange of practice between the two organisations.",
            organization.nearest_centre.slug,
            [],
            [],
            AgreementStatus.ACTIVE,
            starts=-(n % 300) - 30,
            ends=(n * 7) % 700 + 5,
        )
        data = {"title": title, "kind": spec.kind, "purpose": spec.purpose, "centre": centres.get(spec.centre or "")}
        agreement = services.agreement_create(
            actor=admin, data={**data, "organizations": [organization], "partners": [partner]}, today=today
        )
        signed_on = today + spec.starts * DAY - 7 * DAY
        _sign_parties(admin, agreement, spec, signed_on)
        services.agreement_sign(
            actor=admin,
            agreement=agreement,
            starts_on=today + spec.starts * DAY,
            ends_on=today + spec.ends * DAY,
            signed_copy=in_memory_pdf(f"{agreement.reference}.pdf"),
            today=signed_on,
        )
        services.agreement_activate(actor=admin, agreement=agreement, today=today)
