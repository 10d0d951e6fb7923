"""Demo partners: international NGOs, regional CSOs, networks, universities, authorities, donors and
a company, in the three languages the programme works in (a partner's name as it writes it), with
their contacts, and relationships both ways between them and the demo CSOs of organizations/demo.py:
CSOs mentoring CSOs, CSOs in partner networks, partners funding, training and hosting CSOs, symmetric
partnerships (some entered from the partner's end), and relationships that have ended. Everything is
written through the services, as the programme admin; running it again adds nothing."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from centers.models import Center
from organizations.models import Organization
from partnerships.models import Partner, PartnerKind, Relationship, RelationshipKind
from partnerships.services import partners as services

# (acronym, name, kind, country, city, governorates in Iraq, centre slug or "", public, description)
PARTNERS = [
    (
        "NRC",
        "Norwegian Refugee Council",
        PartnerKind.INGO,
        "NO",
        "Oslo",
        ["ninewa", "erbil"],
        "mosul",
        True,
        "Legal counselling and civil documentation for displaced families.",
    ),
    (
        "DRC",
        "Danish Refugee Council",
        PartnerKind.INGO,
        "DK",
        "Copenhagen",
        ["ninewa", "duhok"],
        "mosul",
        True,
        "Protection and livelihoods; co-hosts the Mosul exchange on community mediation.",
    ),
    (
        "Oxfam",
        "Oxfam Iraq",
        PartnerKind.INGO,
        "GB",
        "Oxford",
        ["basra", "dhi_qar"],
        "basra",
        True,
        "Water rights and women's economic participation in the south.",
    ),
    (
        "ANND",
        "شبكة المنظمات العربية غير الحكومية للتنمية",
        PartnerKind.NETWORK,
        "LB",
        "بيروت",
        [],
        "",
        True,
        "Regional network of Arab development NGOs; advocacy on social protection.",
    ),
    (
        "ArabWR",
        "منظمة المرأة العربية",
        PartnerKind.REGIONAL_CSO,
        "EG",
        "القاهرة",
        [],
        "",
        True,
        "Women's political participation across the region.",
    ),
    (
        "JOHUD",
        "الصندوق الأردني الهاشمي للتنمية البشرية",
        PartnerKind.REGIONAL_CSO,
        "JO",
        "عمّان",
        [],
        "basra",
        True,
        "Community development centres; host of the Amman exchange visit.",
    ),
    (
        "TAMSS",
        "جمعية تونسية للحوكمة المحلية",
        PartnerKind.REGIONAL_CSO,
        "TN",
        "تونس",
        [],
        "",
        False,
        "Participatory budgeting with municipal councils.",
    ),
    (
        "KRD-Net",
        "تۆڕی ڕێکخراوە ناحکومییەکانی کوردستان",
        PartnerKind.NETWORK,
        "IQ",
        "هەولێر",
        ["erbil", "sulaymaniyah", "duhok"],
        "erbil",
        True,
        "Network of Kurdistan Region NGOs; joint positions on the NGO law.",
    ),
    (
        "UoD",
        "University of Duhok – Centre for Peace Studies",
        PartnerKind.UNIVERSITY,
        "IQ",
        "Duhok",
        ["duhok"],
        "erbil",
        True,
        "Research on social cohesion; trains CSO researchers.",
    ),
    (
        "UoB",
        "جامعة البصرة – مركز دراسات الخليج",
        PartnerKind.UNIVERSITY,
        "IQ",
        "البصرة",
        ["basra"],
        "basra",
        True,
        "Studies on water and displacement in the south.",
    ),
    (
        "KRG-NGO",
        "فەرمانگەی ڕێکخراوە ناحکومییەکان – حکومەتی هەرێمی کوردستان",
        PartnerKind.AUTHORITY,
        "IQ",
        "هەولێر",
        ["erbil", "sulaymaniyah", "duhok", "halabja"],
        "erbil",
        True,
        "Registers and oversees NGOs in the Kurdistan Region.",
    ),
    (
        "NGOD",
        "دائرة المنظمات غير الحكومية – الأمانة العامة لمجلس الوزراء",
        PartnerKind.AUTHORITY,
        "IQ",
        "بغداد",
        [],
        "",
        True,
        "Registers NGOs in federal Iraq.",
    ),
    (
        "EUD",
        "Delegation of the European Union to Iraq",
        PartnerKind.DONOR,
        "BE",
        "Baghdad",
        [],
        "",
        True,
        "The programme's donor; hosts the annual civil-society dialogue.",
    ),
    (
        "GIZ",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        PartnerKind.DONOR,
        "DE",
        "Bonn",
        ["ninewa"],
        "mosul",
        True,
        "Funds vocational training and local governance in Ninewa.",
    ),
    (
        "AsiaCell",
        "Asiacell Foundation",
        PartnerKind.PRIVATE,
        "IQ",
        "Sulaymaniyah",
        ["sulaymaniyah"],
        "erbil",
        False,
        "Corporate foundation; supports youth digital-skills trainings.",
    ),
    (
        "EuroMed",
        "EuroMed Rights",
        PartnerKind.NETWORK,
        "DK",
        "Copenhagen",
        [],
        "",
        True,
        "Network of human-rights organisations of the Euro-Mediterranean region.",
    ),
    (
        "CIVICUS",
        "CIVICUS World Alliance for Citizen Participation",
        PartnerKind.NETWORK,
        "ZA",
        "Johannesburg",
        [],
        "",
        True,
        "Global alliance; monitors civic space.",
    ),
]

# acronym: [(full name, position, e-mail, shown on the public profile)]
CONTACTS = {
    "NRC": [
        ("Ingrid Solberg", "Country Director", "ingrid.solberg@nrc.example", True),
        ("Hussein Ali", "Legal Programme Coordinator, Mosul", "hussein.ali@nrc.example", False),
    ],
    "DRC": [("Mette Larsen", "Area Manager, Ninewa", "mette.larsen@drc.example", True)],
    "Oxfam": [("زينب عبد الأمير", "منسقة الشراكات", "zainab@oxfam.example", True)],
    "ANND": [("ليلى حداد", "منسقة البرامج الإقليمية", "layla@annd.example", True)],
    "JOHUD": [("رنا الحسيني", "مديرة البرامج", "rana@johud.example", True)],
    "KRD-Net": [("ئاراس محەمەد", "هەماهەنگکار", "aras@krdnet.example", False)],
    "UoD": [("د. شیلان ئەحمەد", "بەڕێوەبەری سەنتەر", "shilan@uod.example", True)],
    "KRG-NGO": [("هێمن عەبدوڵڵا", "بەڕێوەبەری تۆمارکردن", "hemin@krg-ngo.example", False)],
    "EUD": [("Claire Dubois", "Programme Manager, Civil Society", "claire.dubois@eeas.example", False)],
    "GIZ": [("Jonas Becker", "Project Lead, Local Governance", "jonas.becker@giz.example", True)],
}

# (source acronym, kind, target acronym, started (days ago), ended (days ago) or None, description).
# An acronym in PARTNERS names a partner, any other a demo CSO. A symmetric kind may be written
# from either end: the service stores it in its canonical order.
RELATIONSHIPS = [
    (
        "AYDO",
        RelationshipKind.MENTORS,
        "SYN",
        540,
        None,
        "ڕاهێنانی مانگانە بۆ تیمی گەنجانی شنگال لەسەر بەڕێوەبردنی پرۆژە.",
    ),
    ("NSDA", RelationshipKind.MENTORS, "TAEO", 400, None, "إرشاد في إعداد الموازنات وكتابة المقترحات."),
    ("WCP", RelationshipKind.MENTORS, "DOM", 720, 120, "Peer mentoring on community mediation; completed."),
    ("AYDO", RelationshipKind.MEMBER_OF, "KRD-Net", 900, None, "ئەندامی کارای گرووپی کاری یاسای ڕێکخراوەکان."),
    ("MAF", RelationshipKind.MEMBER_OF, "KRD-Net", 1200, None, "Member of the network's human-rights working group."),
    ("HHRO", RelationshipKind.MEMBER_OF, "ANND", 600, None, "عضو في مجموعة العمل حول الحماية الاجتماعية."),
    ("FWA", RelationshipKind.MEMBER_OF, "ArabWR", 450, None, "عضو في برنامج المشاركة السياسية للمرأة."),
    ("HDR", RelationshipKind.MEMBER_OF, "EuroMed", 300, None, "Joined the disability-rights working group."),
    ("GIZ", RelationshipKind.FUNDS, "NSDA", 380, None, "Vocational training for returnees in Hamdaniya."),
    ("Oxfam", RelationshipKind.FUNDS, "BEO", 500, None, "تمويل حملة الحق في المياه في البصرة."),
    ("EUD", RelationshipKind.FUNDS, "ICF", 250, None, "Civic-education grant under the EU civil-society facility."),
    ("DRC", RelationshipKind.FUNDS, "DAK", 1400, 700, "Livelihoods grant, 2022–2024; closed."),
    ("NRC", RelationshipKind.PARTNER_OF, "HHRO", 800, None, "Joint legal counselling days in Mosul."),
    ("JOHUD", RelationshipKind.PARTNER_OF, "FWA", 420, None, "شراكة في برنامج مراكز تنمية المجتمع."),
    ("MHC", RelationshipKind.PARTNER_OF, "BEO", 350, None, "حملة مشتركة لحماية الأهوار."),
    ("UoD", RelationshipKind.TRAINS, "DEF", 330, None, "خولی ڕاهێنان لەسەر توێژینەوەی مەیدانی."),
    ("UoB", RelationshipKind.TRAINS, "SDA", 280, None, "تدريب على جمع البيانات حول النزوح."),
    ("JOHUD", RelationshipKind.HOSTS, "NSDA", 200, None, "زيارة تبادل إلى مراكز الصندوق في عمّان."),
    ("KRD-Net", RelationshipKind.MEMBER_OF, "CIVICUS", 1000, None, "Member of the global alliance."),
    ("EuroMed", RelationshipKind.PARTNER_OF, "ANND", 1500, None, "Regional advocacy on civic space."),
    ("AsiaCell", RelationshipKind.FUNDS, "FMN", 600, 90, "Digital-skills trainings for young journalists; ended."),
]
# Recorded as active, then ended through relationship_end (days ago).
ENDED_LATER = {("Oxfam", RelationshipKind.FUNDS, "BEO"): 30}


def _admin() -> User | None:
    return User.objects.filter(email="admin@tatweer.example").first() or User.objects.filter(is_superuser=True).first()


def _seed_partners(actor: User) -> dict[str, Partner]:
    centres = {c.slug: c for c in Center.objects.all()}
    partners = {}
    for acronym, name, kind, country, city, governorates, centre, public, description in PARTNERS:
        partner = Partner.objects.filter(acronym=acronym).order_by("pk").first()
        if partner is None:
            partner = services.partner_create(
                actor=actor,
                data={
                    "name": name,
                    "acronym": acronym,
                    "kind": kind,
                    "country": country,
                    "city": city,
                    "iraq_governorates": governorates,
                    "centre": centres.get(centre),
                    "is_public": public,
                    "description": description,
                },
            )
            for full_name, position, email, shown in CONTACTS.get(acronym, []):
                services.contact_add(
                    actor=actor,
                    partner=partner,
                    data={"full_name": full_name, "position": position, "email": email, "is_public": shown},
                )
        partners[acronym] = partner
    return partners


def _organizations(acronyms: set[str]) -> dict[str, list[Organization]]:
    """The demo CSOs by acronym, each set of the demo (scale) in the order it was made."""
    found: dict[str, list[Organization]] = {}
    for organization in (
        Organization.objects.filter(acronym__in=acronyms).select_related("nearest_centre").order_by("pk")
    ):
        found.setdefault(organization.acronym, []).append(organization)
    return found


def _between(kind: str, one, other) -> bool:
    """Whether the pair already has a relationship of this kind, from either end, in any status."""

    def ends(prefix: str, party) -> Q:
        field = "organization" if isinstance(party, Organization) else "partner"
        return Q(**{f"{prefix}_{field}": party})

    return Relationship.objects.filter(
        Q(kind=kind) & ((ends("source", one) & ends("target", other)) | (ends("source", other) & ends("target", one)))
    ).exists()


def _seed_relationships(actor: User, partners: dict[str, Partner], scale: int, today: dt.date) -> int:
    cso_acronyms = {a for spec in RELATIONSHIPS for a in (spec[0], spec[2]) if a not in partners}
    organizations = _organizations(cso_acronyms)
    made = 0
    for set_index in range(scale):
        for source_key, kind, target_key, started, ended, description in RELATIONSHIPS:
            if set_index and source_key in partners and target_key in partners:
                continue  # the partners' own ties are recorded once
            source = partners.get(source_key) or _nth(organizations.get(source_key), set_index)
            target = partners.get(target_key) or _nth(organizations.get(target_key), set_index)
            if source is None or target is None or _between(kind, source, target):
                continue
            relationship = services.relationship_add(
                actor=actor,
                party=source,
                other=target,
                kind=kind,
                started_on=today - dt.timedelta(days=started),
                ended_on=today - dt.timedelta(days=ended) if ended is not None else None,
                description=description,
                evidence_link=f"https://{source_key.lower()}.example/partners" if set_index == 0 else "",
            )
            later = ENDED_LATER.get((source_key, kind, target_key))
            if later is not None:
                services.relationship_end(
                    actor=actor, relationship=relationship, ended_on=today - dt.timedelta(days=later)
                )
            made += 1
    return made


def _nth(organizations: list[Organization] | None, index: int) -> Organization | None:
    return organizations[index] if organizations and index < len(organizations) else None


def seed(*, scale: int, stdout) -> None:
    actor = _admin()
    if actor is None:
        stdout.write("  partnerships: no programme admin to record the partners; nothing seeded")
        return
    partners = _seed_partners(actor)
    made = _seed_relationships(actor, partners, scale, timezone.localdate())
    stdout.write(
        f"  partnerships: {Partner.objects.count()} partners, {Relationship.objects.count()} relationships ({made} new)"
    )
