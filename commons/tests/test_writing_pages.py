"""Writing an entry through the pages: a member drafts, an administrator publishes (or it goes to
review), a file is a new version with its note, script in the text is refused with what was typed
kept, nobody writes for a CSO she is not a member of."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from commons.models import Entry, EntryStatus
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

CASE = {
    "kind": "practice",
    "language": "ckb",
    "title": "دانیشتنی گوێگرتن لەگەڵ ئەنجومەن",
    "summary": "چۆن دانیشتووانمان کۆکردەوە.",
    "problem": "کەس بودجەکەی نەدەبینی.",
    "approach": "بودجەیەکی یەک لاپەڕەییمان چاپ کرد.",
    "lessons": "بانگهێشتی کەسی باشترە.",
    "topics": ["governance"],
    "governorates": ["erbil"],
    "visibility": "public",
}


@pytest.fixture
def cso():
    return organization_with_admin(verification_status="verified")


def test_a_member_drafts_and_the_administrator_sends_it_for_review(cso, client):
    organization, admin = cso
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, role="member")
    client.force_login(member)
    response = client.post(reverse("commons:entry_add"), {**CASE, "organization": organization.pk, "save": "1"})
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.DRAFT and entry.organization == organization and entry.author == member
    edit = reverse("commons:entry_edit", args=[entry.pk])
    assert 'data-testid="publish"' not in client.get(edit).content.decode()  # members draft
    client.force_login(admin)
    with translation.override("ckb"):
        page = client.get(reverse("commons:my_entries")).content.decode()
    assert f'data-pk="{entry.pk}"' in page and 'dir="rtl"' in page
    file = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    response = client.post(edit, {**CASE, "publish": "1", "file": file, "change_note": "یەکەم وەشان"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PENDING  # a CSO's first entry is read by the centre first
    assert entry.versions.get().change_note == "یەکەم وەشان"


def test_refusals_keep_what_was_typed_and_save_nothing(cso, client):
    organization, admin = cso
    client.force_login(admin)
    url = reverse("commons:entry_add")
    script = {**CASE, "organization": organization.pk, "body": "<p>Hi</p><script>alert(1)</script>", "save": "1"}
    response = client.post(url, script)
    assert response.status_code == 200 and "not allowed" in response.content.decode()
    assert CASE["summary"] in response.content.decode() and not Entry.objects.exists()
    file = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    response = client.post(url, {**CASE, "organization": organization.pk, "file": file, "change_note": "", "save": "1"})
    assert response.status_code == 200 and "Say what changed" in response.content.decode()
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(
        url, {**CASE, "organization": organization.pk, "file": exe, "change_note": "v1", "save": "1"}
    )
    assert response.status_code == 200 and "not accepted" in response.content.decode()
    assert not Entry.objects.exists()  # the draft of a refused upload is not kept half-saved
    response = client.post(url, {**CASE, "organization": organization.pk, "lessons": "", "publish": "1"})
    assert response.status_code == 200 and "needed before the entry is published" in response.content.decode()
    assert not Entry.objects.exists()


def test_nobody_writes_for_a_cso_she_is_not_a_member_of(cso, client):
    organization, _admin = cso
    other, other_admin = organization_with_admin(verification_status="verified")
    client.force_login(other_admin)
    response = client.post(reverse("commons:entry_add"), {**CASE, "organization": organization.pk, "save": "1"})
    assert response.status_code == 200 and not Entry.objects.exists()  # not a choice of the form
    client.force_login(UserFactory())
    assert client.get(reverse("commons:entry_add")).status_code == 403


def test_staff_publish_for_the_programme_at_once(client):
    trainer = staff_member(Role.TRAINER)
    client.force_login(trainer)
    response = client.post(reverse("commons:entry_add"), {**CASE, "organization": "", "publish": "1"})
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.organization is None and entry.status == EntryStatus.PUBLISHED and entry.centre.slug == "erbil"
