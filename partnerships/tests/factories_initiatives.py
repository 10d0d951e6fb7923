"""Test data: joint initiatives, made through the services (drafted by a verified CSO's admin,
published with a window open today), and what the access table's URLs name."""

import datetime as dt

from django.utils import timezone

from organizations.tests.factories import organization_with_admin
from partnerships.models import AdvocacyTarget, Initiative, TargetKind
from partnerships.services import initiatives as services

TEXT = (
    "نحن منظمات المجتمع المدني الموقعة أدناه نطالب بإقرار قانون حق الحصول على المعلومات.\n\n"
    "We, the undersigned civil-society organisations, ask for the right-to-information law."
)


def verified_cso(**kwargs):
    """A verified CSO near Erbil and its admin."""
    kwargs.setdefault("verification_status", "verified")
    return organization_with_admin(**kwargs)


def draft_initiative(*, admin=None, organization=None, title="حق الحصول على المعلومات", text=TEXT, **fields):
    if organization is None:
        organization, admin = verified_cso(**({"admin": admin} if admin else {}))
    fields.setdefault("kind", "letter")
    fields.setdefault("language", "ar")
    return services.initiative_create(actor=admin, organization=organization, title=title, text=text, **fields)


def lead_admin(initiative: Initiative):
    return initiative.lead_organization.memberships.get(role="admin").user


def published_initiative(*, days_open: int = 30, **kwargs) -> Initiative:
    """Published today, signatures open from today for `days_open` days."""
    initiative = draft_initiative(**kwargs)
    today = timezone.localdate()
    return services.initiative_publish(
        actor=lead_admin(initiative),
        initiative=initiative,
        opens_on=today,
        closes_on=today + dt.timedelta(days=days_open),
    )


def close_window(initiative: Initiative, *, days_ago: int = 1) -> Initiative:
    """Moves the window into the past (as if published earlier): the database keeps it in order."""
    today = timezone.localdate()
    Initiative.objects.filter(pk=initiative.pk).update(
        opens_on=today - dt.timedelta(days=days_ago + 10), closes_on=today - dt.timedelta(days=days_ago)
    )
    initiative.refresh_from_db()
    return initiative


def matrix_objects(author, so_far: dict) -> dict:
    """A published initiative (window open) with a target, and a draft, both led by a verified CSO
    near Erbil that none of the matrix's role users belongs to."""
    organization, admin = verified_cso(admin=author)
    published = published_initiative(admin=admin, organization=organization)
    draft = draft_initiative(admin=admin, organization=organization, title="Draft letter", language="en")
    return {
        "initiative_published": published,
        "initiative_draft": draft,
        "initiative_target": AdvocacyTarget.objects.create(
            initiative=published, kind=TargetKind.MINISTRY, name="Ministry of Labour and Social Affairs"
        ),
    }
