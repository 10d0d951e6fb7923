import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory
from centers.models import Center
from organizations.models import (
    Invitation,
    LeadershipMember,
    Membership,
    MembershipRole,
    Organization,
    OrganizationDocument,
    RegistrationAuthority,
    RegistrationStatus,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"منظمة الاختبار {n}")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    acronym = factory.Sequence(lambda n: f"TO{n}")
    registration_status = RegistrationStatus.REGISTERED
    registration_authority = RegistrationAuthority.FEDERAL
    registration_number = factory.Sequence(lambda n: f"B-{10000 + n}")
    governorate = "erbil"
    nearest_centre = factory.LazyFunction(lambda: Center.objects.get(slug="erbil"))
    thematic_areas = factory.LazyFunction(lambda: ["human_rights"])


def organization_with_admin(**kwargs):
    admin = kwargs.pop("admin", None) or UserFactory()
    organization = OrganizationFactory(**kwargs)
    Membership.objects.create(organization=organization, user=admin, role=MembershipRole.ADMIN)
    return organization, admin


class LeadershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipMember

    full_name = factory.Faker("name")
    body = "board"
    position = "Board member"
    sex = "female"
    birth_year = 1985
    start_date = factory.Faker("date_between", start_date="-5y", end_date="-1y")


def document_for(organization, **kwargs):
    return OrganizationDocument.objects.create(
        organization=organization,
        kind=kwargs.get("kind", "registration"),
        title=kwargs.get("title", "Certificate"),
        file=SimpleUploadedFile("cert.pdf", b"%PDF-1.4 certificate"),
        original_filename="cert.pdf",
        expires_on=kwargs.get("expires_on"),
    )


def invitation_for(organization, email="invitee@example.org", **kwargs):
    return Invitation.objects.create(organization=organization, email=email, **kwargs)
