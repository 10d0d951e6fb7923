"""Demo coalitions: the Basra Water Rights Coalition (public; led by the Basra Environment
Organisation with the Ninewa association Sara administers as co-lead, Oxfam as a partner member, an
observer, and a journalists' network that left) and the Kurdistan network on the NGO law
(members-only; led by the youth organisation Rebin administers, with the KRD-Net network, one
member CSO that left). Written through the services, as the programme admin; running it again adds
nothing (a coalition is found by name). `--scale N` adds the same coalitions for each further set
of demo CSOs, with the set's number in their names."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from centers.models import Center
from organizations.models import Organization
from partnerships.models import Coalition, CoalitionKind, CoalitionRole, Partner
from partnerships.services import coalitions as services

# name, kind, centre, public, founded (days ago), purpose, members: (acronym, role, joined, left) in days
# ago; an acronym of a partner (partnerships/demo/partners.py) or else of a demo CSO.
COALITIONS = [
    (
        "تحالف البصرة لحقوق المياه",
        CoalitionKind.COALITION,
        "basra",
        True,
        760,
        "يعمل التحالف من أجل حق سكان البصرة في مياه شرب نظيفة: رصد ملوحة شط العرب، ونشر نتائج الفحوص "
        "في كل قضاء، ومطالبة مجلس المحافظة ووزارة الموارد المائية بخطة معلنة لمحطات التحلية.\n"
        "Basra Water Rights Coalition: monitoring salinity in the Shatt al-Arab and pressing for a public "
        "plan for desalination.",
        [
            ("BEO", CoalitionRole.LEAD, 760, None),
            ("NSDA", CoalitionRole.LEAD, 700, None),
            ("FWA", CoalitionRole.MEMBER, 740, None),
            ("SYV", CoalitionRole.MEMBER, 600, None),
            ("ALA", CoalitionRole.MEMBER, 420, None),
            ("MHC", CoalitionRole.OBSERVER, 300, None),
            ("Oxfam", CoalitionRole.MEMBER, 650, None),
            ("BJN", CoalitionRole.MEMBER, 730, 200),
        ],
    ),
    (
        "تۆڕی چاکسازیی یاسای ڕێکخراوە ناحکومییەکان",
        CoalitionKind.NETWORK,
        "erbil",
        False,
        1100,
        "تۆڕێکی ڕێکخراوەکانی هەرێمی کوردستانە بۆ هەموارکردنی یاسای ڕێکخراوە ناحکومییەکان: کۆکردنەوەی "
        "تێبینییەکان، ئامادەکردنی ڕەشنووسی هەموار و گفتوگۆ لەگەڵ لیژنەی پەرلەمان.\n"
        "Kurdistan NGO Law Network: comments on the draft amendment of the NGO law and dialogue with the "
        "parliamentary committee.",
        [
            ("AYDO", CoalitionRole.LEAD, 1100, None),
            ("MAF", CoalitionRole.MEMBER, 1100, None),
            ("KRD-Net", CoalitionRole.MEMBER, 1050, None),
            ("WCP", CoalitionRole.MEMBER, 900, None),
            ("FMN", CoalitionRole.MEMBER, 800, None),
            ("HDR", CoalitionRole.OBSERVER, 500, None),
            ("GEO", CoalitionRole.MEMBER, 1000, 350),
        ],
    ),
]


def _party(acronym: str, partners: dict[str, Partner], organizations: dict[str, list[Organization]], index: int):
    if acronym in partners:
        return {"partner": partners[acronym]}
    found = organizations.get(acronym, [])
    return {"organization": found[index]} if index < len(found) else None


def _seed_one(spec: tuple, *, actor: User, suffix: str, index: int, lookups: tuple, today: dt.date) -> bool:
    name, kind, centre_slug, public, founded, purpose, members = spec
    if Coalition.objects.filter(name=f"{name}{suffix}").exists():
        return False
    partners, organizations, centres = lookups
    coalition = services.coalition_create(
        actor=actor,
        centre=centres[centre_slug],
        data={
            "name": f"{name}{suffix}",
            "kind": kind,
            "purpose": purpose,
            "founded_on": today - dt.timedelta(days=founded),
            "is_public": public,
        },
    )
    for acronym, role, joined, left in members:
        party = _party(acronym, partners, organizations, index)
        if party is None:
            continue
        member = services.member_add(
            actor=actor, coalition=coalition, role=role, joined_on=today - dt.timedelta(days=joined), **party
        )
        if left is not None:
            services.member_leave(actor=actor, member=member, left_on=today - dt.timedelta(days=left))
    return True


def seed(*, scale: int, stdout) -> None:
    actor = User.objects.filter(email="admin@tatweer.example").first()
    if actor is None:
        stdout.write("  partnerships: the demo admin is missing; no coalition seeded")
        return
    acronyms = {acronym for spec in COALITIONS for acronym, *_ in spec[6]}
    partners: dict[str, Partner] = {}
    for partner in Partner.objects.filter(acronym__in=acronyms).order_by("pk"):
        partners.setdefault(partner.acronym, partner)
    organizations: dict[str, list[Organization]] = {}
    for organization in Organization.objects.filter(acronym__in=acronyms - set(partners)).order_by("pk"):
        organizations.setdefault(organization.acronym, []).append(organization)
    lookups = (partners, organizations, {c.slug: c for c in Center.objects.all()})
    today = timezone.localdate()
    made = 0
    for index in range(scale):
        suffix = "" if index == 0 else f" {index + 1}"
        for spec in COALITIONS:
            made += _seed_one(spec, actor=actor, suffix=suffix, index=index, lookups=lookups, today=today)
    stdout.write(f"  partnerships: {made} coalitions added ({Coalition.objects.count()} in all)")
