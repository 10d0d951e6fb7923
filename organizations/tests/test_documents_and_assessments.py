from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core.files import private_file_url
from organizations.models import Assessment, AssessmentTemplate, OrganizationDocument
from organizations.tests.factories import document_for, organization_with_admin

pytestmark = pytest.mark.django_db


def test_documents_are_uploaded_and_downloadable_by_the_cso_and_staff_only(client):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    response = client.post(
        reverse("organizations:document_add", args=[organization.pk]),
        {"kind": "bylaws", "title": "Bylaws 2024", "file": SimpleUploadedFile("bylaws.pdf", b"%PDF-1.5 bylaws")},
    )
    assert response.status_code == 302
    document = OrganizationDocument.objects.get()
    url = private_file_url(document, "file")
    assert client.get(url).status_code == 200
    client.force_login(staff_member(Role.GRANT_OFFICER))
    assert client.get(url).status_code == 200
    client.force_login(staff_member(Role.DONOR))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_a_disguised_upload_is_refused_and_says_why(client):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    response = client.post(
        reverse("organizations:document_add", args=[organization.pk]),
        {
            "kind": "bylaws",
            "title": "Bylaws",
            "file": SimpleUploadedFile("bylaws.pdf", b"<html><body>hi</body></html>"),
        },
    )
    assert response.status_code == 200
    assert "its content is not a PDF file" in response.content.decode()
    assert "Bylaws" in response.content.decode()
    assert not OrganizationDocument.objects.exists()


def test_an_expiring_document_shows_a_warning(client):
    organization, admin = organization_with_admin()
    document_for(organization, title="Certificate", expires_on=timezone.localdate() + timedelta(days=10))
    document_for(organization, title="Old statement", expires_on=timezone.localdate() - timedelta(days=1))
    client.force_login(admin)
    html = client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "Expires on" in html
    assert "Expired on" in html


def start(client, organization, kind, day="2025-01-10"):
    template = AssessmentTemplate.objects.get(is_active=True)
    return client.post(
        reverse("organizations:assessment_start", args=[organization.pk]),
        {"template": template.pk, "kind": kind, "assessed_on": day},
    )


def score_all(client, organization, assessment, value, finalize=True):
    data = {f"score_{s.indicator_id}": str(value) for s in assessment.scores.all()}
    if finalize:
        data["finalize"] = "on"
    return client.post(reverse("organizations:assessment", args=[organization.pk, assessment.pk]), data)


def test_a_baseline_then_a_follow_up_show_the_change_since_baseline(client):
    organization, admin = organization_with_admin()
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    assert start(client, organization, "follow_up").status_code == 200  # baseline first
    response = start(client, organization, "baseline")
    baseline = Assessment.objects.get(kind="baseline")
    assert response["Location"] == reverse("organizations:assessment", args=[organization.pk, baseline.pk])
    assert baseline.scores.count() == 21
    assert start(client, organization, "baseline").status_code == 200  # only one baseline
    assert Assessment.objects.filter(kind="baseline").count() == 1

    # a final assessment needs every score
    partial = {f"score_{s.indicator_id}": "2" for s in baseline.scores.all()[:3]}
    partial["finalize"] = "on"
    response = client.post(reverse("organizations:assessment", args=[organization.pk, baseline.pk]), partial)
    assert "Score every indicator" in response.content.decode()
    score_all(client, organization, baseline, 2)
    start(client, organization, "follow_up", day="2025-09-01")
    follow_up = Assessment.objects.get(kind="follow_up")
    score_all(client, organization, follow_up, 3)

    client.force_login(admin)
    html = client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "Change since baseline: +1.0" in html
    # members see the scores but cannot change them
    response = score_all(client, organization, follow_up, 1)
    assert response.status_code == 403


def test_a_final_assessment_cannot_be_changed(client):
    organization, _ = organization_with_admin()
    client.force_login(staff_member(Role.GRANT_OFFICER))
    start(client, organization, "baseline")
    baseline = Assessment.objects.get()
    score_all(client, organization, baseline, 2)
    response = score_all(client, organization, baseline, 4)
    assert response.status_code == 403
    assert set(baseline.scores.values_list("score", flat=True)) == {2}


def test_a_centre_staff_member_of_another_centre_cannot_assess(client):
    organization, _ = organization_with_admin()
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="basra"))
    assert start(client, organization, "baseline").status_code == 403
