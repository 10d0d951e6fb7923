import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from organizations.models import Membership, MembershipRole, Organization, OrganizationVerificationEvent
from organizations.tests.factories import OrganizationFactory, organization_with_admin

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def profile_data(**overrides):
    data = {
        "name": "جمعية النهرين",
        "name_en": "Nahrain Association",
        "acronym": "NA",
        "registration_status": "registered",
        "registration_authority": "federal",
        "registration_number": "B-555",
        "registration_date": "2019-05-01",
        "founded_year": "2015",
        "governorate": "basra",
        "district": "Zubair",
        "nearest_centre": str(centre("basra").pk),
        "thematic_areas": ["environment", "youth"],
        "target_groups": ["youth"],
        "description": "Cleaning the Shatt al-Arab.",
        "staff_women": "3",
        "staff_men": "2",
        "volunteers_women": "10",
        "volunteers_men": "8",
        "annual_budget": "under_10k",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_a_signed_in_person_registers_a_cso_and_becomes_its_admin(client, user):
    client.force_login(user)
    response = client.post(reverse("organizations:register"), profile_data())
    organization = Organization.objects.get(acronym="NA")
    assert response["Location"] == reverse("organizations:detail", args=[organization.pk])
    assert organization.verification_status == "pending"
    assert organization.thematic_areas == ["environment", "youth"]
    assert Membership.objects.get(organization=organization).user == user
    assert Membership.objects.get(organization=organization).role == MembershipRole.ADMIN


def test_a_duplicate_registration_number_is_refused_and_the_form_keeps_what_was_typed(client, user):
    OrganizationFactory(registration_authority="federal", registration_number="B-555")
    client.force_login(user)
    response = client.post(reverse("organizations:register"), profile_data())
    assert response.status_code == 200
    assert "already registered with this number" in response.content.decode()
    assert "Nahrain Association" in response.content.decode()
    assert not Organization.objects.filter(acronym="NA").exists()


def test_the_same_number_with_another_authority_is_allowed(client, user):
    OrganizationFactory(registration_authority="kurdistan", registration_number="B-555")
    client.force_login(user)
    client.post(reverse("organizations:register"), profile_data())
    assert Organization.objects.filter(acronym="NA").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"founded_year": "2999"}, "cannot be in the future"),
        ({"registration_authority": ""}, "Choose the authority"),
        ({"registration_number": ""}, "Enter the registration number"),
        ({"thematic_areas": []}, "This field is required"),
        ({"website": "not a url at all"}, "Enter a valid URL"),
    ],
)
def test_bad_profile_input_gets_a_clear_message(client, user, overrides, message):
    client.force_login(user)
    response = client.post(reverse("organizations:register"), profile_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organization.objects.exists()


def test_a_logo_that_is_not_an_image_is_refused_with_a_reason(client, user):
    client.force_login(user)
    fake = SimpleUploadedFile("logo.png", b"<html>not an image</html>")
    response = client.post(reverse("organizations:register"), {**profile_data(), "logo": fake})
    assert response.status_code == 200
    assert "its content is not a PNG file" in response.content.decode()


def test_a_real_logo_is_stored_privately_and_shown_on_the_published_profile(client, user):
    client.force_login(user)
    client.post(reverse("organizations:register"), {**profile_data(), "logo": SimpleUploadedFile("l.png", PNG)})
    organization = Organization.objects.get(acronym="NA")
    assert organization.logo.name.startswith("organizations/")
    client.logout()
    html = client.get(reverse("organizations:public_profile", args=[organization.pk])).content.decode()
    logo_url = html.split('<img src="')[1].split('"')[0]
    response = client.get(logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_not_registered_clears_the_registration_details(client, user):
    client.force_login(user)
    client.post(
        reverse("organizations:register"),
        profile_data(registration_status="not_registered", registration_authority="", registration_number=""),
    )
    organization = Organization.objects.get(acronym="NA")
    assert (organization.registration_authority, organization.registration_number) == ("", "")


def test_only_admins_edit_the_profile(client):
    organization, admin = organization_with_admin()
    member = Membership.objects.create(organization=organization, user=UserFactory(), role="member").user
    client.force_login(admin)
    assert client.get(reverse("organizations:edit", args=[organization.pk])).status_code == 200
    client.force_login(member)
    assert client.get(reverse("organizations:edit", args=[organization.pk])).status_code == 403


def test_another_csos_pages_answer_not_found(client, user):
    organization, _ = organization_with_admin()
    client.force_login(user)
    for name in ("organizations:detail", "organizations:edit", "organizations:document_add", "organizations:verify"):
        assert client.get(reverse(name, args=[organization.pk])).status_code == 404, name


def test_centre_staff_verify_organisations_of_their_centre_only(client):
    near_erbil, admin = organization_with_admin(nearest_centre=centre("erbil"))
    near_basra, _ = organization_with_admin(nearest_centre=centre("basra"))
    officer = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    client.force_login(officer)
    response = client.post(
        reverse("organizations:verify", args=[near_erbil.pk]),
        {"status": "needs_changes", "reason": "Upload the bylaws."},
    )
    assert response.status_code == 302
    near_erbil.refresh_from_db()
    assert near_erbil.verification_status == "needs_changes"
    assert client.get(reverse("organizations:verify", args=[near_basra.pk])).status_code == 403
    # audited with the actor, and the CSO admin is told why
    event = OrganizationVerificationEvent.objects.get(pgh_obj=near_erbil)
    assert event.verification_status == "needs_changes"
    assert event.pgh_context.metadata["user"] == officer.pk
    notification = admin.notifications.get()
    assert "Upload the bylaws." in notification.body
    client.force_login(admin)
    assert "Upload the bylaws." in client.get(reverse("organizations:detail", args=[near_erbil.pk])).content.decode()


def test_a_rejection_needs_a_reason(client):
    organization, _ = organization_with_admin()
    client.force_login(staff_member(Role.GRANT_OFFICER))
    response = client.post(
        reverse("organizations:verify", args=[organization.pk]), {"status": "rejected", "reason": ""}
    )
    assert response.status_code == 200
    assert "Say what the organisation needs to change" in response.content.decode()
    organization.refresh_from_db()
    assert organization.verification_status == "pending"
