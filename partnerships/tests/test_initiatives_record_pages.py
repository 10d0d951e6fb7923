"""The pages that follow a published initiative: the centre's staff enter a paper signature with its
scan (a refused scan says why and keeps what was typed), targets, deliveries, responses and outcomes
are recorded from the initiative's page, and a draft is withdrawn with its reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from core.uploads import in_memory_pdf
from partnerships.models import AdvocacyOutcome, Initiative, InitiativeStatus, PaperSignature
from partnerships.tests.factories_initiatives import draft_initiative, lead_admin, published_initiative

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()


def test_the_centres_staff_enter_a_paper_signature_with_its_scan_and_a_bad_scan_keeps_what_was_typed(client):
    initiative = published_initiative()
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug=initiative.centre.slug))
    url = reverse("partnerships:initiative_paper", args=[initiative.pk])
    typed = {"organization_name": "جمعية صيادي الفاو", "signatory_name": "حسين جاسم", "signed_on": TODAY}
    refused = client.post(url, {**typed, "proof": SimpleUploadedFile("scan.pdf", b"GIF89a")})
    html = refused.content.decode()
    assert refused.status_code == 200 and "is not a PDF file" in html
    assert 'value="جمعية صيادي الفاو"' in html and not PaperSignature.objects.exists()
    done = client.post(url, {**typed, "proof": in_memory_pdf("scan.pdf")})
    assert done.status_code == 302 and done["Location"].endswith("#signatures")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert 'data-testid="paper-count">1<' in page and 'data-testid="online-count">0<' in page
    assert "حسين جاسم" in page and "scanned page" in page  # staff see who signed and the scan
    client.logout()
    public = client.get(initiative.get_absolute_url()).content.decode()
    assert "جمعية صيادي الفاو" in public and "حسين جاسم" not in public


def test_the_lead_cso_records_a_target_its_delivery_a_response_and_an_outcome(client):
    initiative = published_initiative()
    client.force_login(lead_admin(initiative))
    client.post(
        reverse("partnerships:initiative_target_new", args=[initiative.pk]),
        {"kind": "krg", "name": "KRG NGO Directorate"},
    )
    target = initiative.targets.get()
    delivery = reverse("partnerships:initiative_delivery_new", args=[target.pk])
    assert "closes the signatures" in client.get(delivery).content.decode()
    client.post(delivery, {"delivered_on": TODAY, "method": "Handed over at a meeting", "note": ""})
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.DELIVERED
    client.post(
        reverse("partnerships:initiative_response_new", args=[target.pk]),
        {"received_on": TODAY, "summary": "They invited us to a meeting.", "evidence_link": "https://example.org/a"},
    )
    outcome = reverse("partnerships:initiative_outcome_new", args=[target.pk])
    typed = {"kind": "position", "occurred_on": TODAY, "description": "They changed the registration rule."}
    refused = client.post(outcome, typed)
    assert "Give the evidence: a link or a file." in refused.content.decode() and not AdvocacyOutcome.objects.exists()
    assert "They changed the registration rule." in refused.content.decode()
    client.post(outcome, {**typed, "evidence_file": in_memory_pdf("circular.pdf")})
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "KRG NGO Directorate" in page and 'data-testid="delivery"' in page
    assert "They invited us to a meeting." in page and "evidence file" in page
    assert AdvocacyOutcome.objects.get().evidence_filename == "circular.pdf"


def test_a_draft_is_withdrawn_from_its_page_with_a_reason(client):
    initiative = draft_initiative()
    client.force_login(lead_admin(initiative))
    url = reverse("partnerships:initiative_withdraw", args=[initiative.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.DRAFT
    client.post(url, {"reason": "Another coalition wrote the same letter."})
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.WITHDRAWN
    assert "Another coalition wrote the same letter." in client.get(initiative.get_absolute_url()).content.decode()
