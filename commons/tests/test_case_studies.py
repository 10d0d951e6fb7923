"""A grantee's approved final report told as a case study, with the CSO's consent; and the links
between entries and training packages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from commons.models import Entry
from commons.tests.factories import published_entry
from grants.models import Application, GrantAgreement, GrantReport
from grants.tests.factories import published_call
from organizations.tests.factories import organization_with_admin
from trainings.models import TrainingPackage

pytestmark = pytest.mark.django_db


@pytest.fixture
def grantee():
    organization, admin = organization_with_admin(verification_status="verified")
    application = Application.objects.create(
        call=published_call(code="CS-1", themes=["human_rights", "youth"]),
        organization=organization,
        status="submitted",
        reference="CS-1-0001",
        submitted_at=timezone.now(),
        eligibility="eligible",
        decision="award",
        title="Youth councils in Zakho",
        summary="Young people had no voice in the district council.",
        objectives="Two youth proposals in the council's plan.",
        locations=["duhok"],
    )
    agreement = GrantAgreement.objects.create(
        application=application,
        number="G-CS-1",
        amount=Decimal("1000"),
        currency="USD",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 6, 30),
    )
    report = GrantReport.objects.create(
        agreement=agreement,
        kind="final",
        due_on=dt.date(2026, 9, 30),
        status="approved",
        submitted_at=timezone.now(),
        narrative="Twelve meetings; the council adopted two proposals.",
        women_youth=30,
        men_youth=25,
        women_adult=4,
    )
    return organization, admin, report


def test_the_cso_admin_consents_and_gets_a_draft_practice_from_the_report(grantee, client):
    organization, admin, report = grantee
    client.force_login(admin)
    mine = client.get(reverse("commons:my_entries")).content.decode()
    assert 'data-testid="shareable-reports"' in mine and "Youth councils in Zakho" in mine
    url = reverse("commons:case_study_new", args=[report.pk])
    refused = client.post(url, {"language": "en"})
    assert refused.status_code == 200 and "consent is needed" in refused.content.decode()
    assert not Entry.objects.exists()
    response = client.post(url, {"language": "en", "consent": "on"})
    entry = Entry.objects.get()
    assert response.url == reverse("commons:entry_edit", args=[entry.pk])
    assert entry.status == "draft" and entry.organization == organization and entry.grant_report == report
    assert entry.consent_by == admin and entry.consent_at is not None
    assert entry.topics == ["human_rights"] and entry.governorates == ["duhok"]
    assert "59 people reached: 34 women and 25 men" in entry.results
    assert entry.approach == report.narrative
    assert client.get(url).status_code == 404  # told once; no longer offered
    assert (
        "Youth councils in Zakho"
        not in client.get(reverse("commons:my_entries")).content.decode().split('data-testid="my-entries"')[0]
    )


def test_a_report_not_approved_or_of_another_cso_is_not_offered(grantee, client):
    _organization, admin, report = grantee
    _other, stranger = organization_with_admin(verification_status="verified")
    client.force_login(stranger)
    assert client.get(reverse("commons:case_study_new", args=[report.pk])).status_code == 404
    GrantReport.objects.filter(pk=report.pk).update(status="submitted")
    client.force_login(admin)
    assert client.get(reverse("commons:case_study_new", args=[report.pk])).status_code == 404


def test_the_database_refuses_a_case_study_without_consent(grantee):
    organization, admin, report = grantee
    entry = published_entry(admin, organization=organization)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(grant_report=report)


def test_a_training_package_lists_the_entries_that_draw_on_it(grantee, client):
    organization, admin, _report = grantee
    package = TrainingPackage.objects.create(code="governance-basics", title="Good governance basics")
    cited = published_entry(admin, organization=organization, title="Budget hearings", training_package=package)
    published_entry(admin, organization=organization, title="Unrelated")
    page = client.get(reverse("trainings:package_detail", args=[package.code])).content.decode()
    listed = page[page.index('data-testid="package-entries"') :]
    assert "Budget hearings" in listed and "Unrelated" not in listed
    entry_page = client.get(reverse("commons:entry_detail", args=[cited.pk])).content.decode()
    assert reverse("trainings:package_detail", args=[package.code]) in entry_page
