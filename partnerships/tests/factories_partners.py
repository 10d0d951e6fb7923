"""Test data: partners, their contacts and relationships."""

import datetime as dt

import factory

from centers.models import Center
from organizations.tests.factories import OrganizationFactory
from partnerships.models import Partner, PartnerContact, PartnerKind, Relationship, RelationshipKind


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    acronym = factory.Sequence(lambda n: f"PO{n}")
    kind = PartnerKind.INGO
    country = "JO"
    city = "Amman"
    is_public = True
    centre = factory.LazyFunction(lambda: Center.objects.get(slug="erbil"))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerContact

    partner = factory.SubFactory(PartnerFactory)
    full_name = factory.Sequence(lambda n: f"Contact person {n}")
    position = "Programme officer"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example")
    is_public = True


def relationship(source, target, kind=RelationshipKind.MEMBER_OF, **kwargs) -> Relationship:
    """A relationship written straight to the database (the services are tested on their own)."""
    ends = {
        "source_organization": source if not isinstance(source, Partner) else None,
        "source_partner": source if isinstance(source, Partner) else None,
        "target_organization": target if not isinstance(target, Partner) else None,
        "target_partner": target if isinstance(target, Partner) else None,
    }
    kwargs.setdefault("started_on", dt.date(2025, 3, 1))
    return Relationship.objects.create(kind=kind, **ends, **kwargs)


def matrix_objects(author, so_far: dict) -> dict:
    """Objects for the access table (`so_far` holds what the earlier sub-domains made): a public
    partner of the Mosul centre; a partner of the Erbil centre (where the matrix's centre roles
    work) that is not public, with a contact; a CSO near Erbil that is a member of it."""
    private = PartnerFactory(name="Matrix network", is_public=False, kind=PartnerKind.NETWORK, created_by=author)
    organization = OrganizationFactory()
    return {
        "partners_public": PartnerFactory(name="Matrix INGO", centre=Center.objects.get(slug="mosul")),
        "partners_private": private,
        "partners_contact": ContactFactory(partner=private, is_public=False),
        "partners_organization": organization,
        "partners_relationship": relationship(organization, private, recorded_by=author),
    }
