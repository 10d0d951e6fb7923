"""Signing a published initiative: only a verified CSO's admin, only while the window is open, one
signature per CSO (the service says so; the database refuses a second row; two admins signing at
once give one signature), withdrawal until the window closes, signing again restores the same row;
paper signatures entered by the centre's staff with a scanned page, counted apart, never twice for
one CSO. Every refusal leaves nothing changed."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core.uploads import in_memory_pdf
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin
from partnerships.models import Initiative, PaperSignature, Signature
from partnerships.selectors.initiatives import with_counts
from partnerships.services import initiatives as services
from partnerships.tests.factories_initiatives import close_window, published_initiative, verified_cso

pytestmark = pytest.mark.django_db


def counts(initiative) -> tuple[int, int]:
    counted = with_counts(Initiative.objects.filter(pk=initiative.pk)).get()
    return counted.online_count, counted.paper_count


def test_a_csos_admin_signs_once_and_a_second_signature_gets_a_clear_message():
    initiative = published_initiative()
    cso, admin = verified_cso()
    signature = services.sign(actor=admin, initiative=initiative, organization=cso)
    assert signature.signed_by == admin and signature.is_active
    second_admin = UserFactory()
    Membership.objects.create(organization=cso, user=second_admin, role="admin")
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=second_admin, initiative=initiative, organization=cso)
    assert refused.value.message_dict["organization"] == [f"{cso} has already signed this initiative."]
    assert Signature.objects.filter(initiative=initiative).count() == 1
    assert Signature.objects.get().signed_by == admin


def test_the_database_refuses_a_second_signature_row_for_one_cso():
    initiative = published_initiative()
    cso, admin = verified_cso()
    Signature.objects.create(initiative=initiative, organization=cso, signed_by=admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(initiative=initiative, organization=cso, signed_by=admin)


def test_a_signature_the_check_missed_is_caught_by_the_constraint_with_the_same_message(monkeypatch):
    initiative = published_initiative()
    cso, admin = verified_cso()
    Signature.objects.create(initiative=initiative, organization=cso, signed_by=admin)
    # As if the row appeared between the check and the insert: the check sees nothing.
    monkeypatch.setattr(Signature.objects, "select_for_update", lambda *a, **k: Signature.objects.none(), raising=False)
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=admin, initiative=initiative, organization=cso)
    assert "already signed" in refused.value.messages[0]
    assert Signature.objects.filter(initiative=initiative).count() == 1


def test_signatures_before_or_after_the_window_are_refused():
    cso, admin = verified_cso()
    closed = close_window(published_initiative())
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=admin, initiative=closed, organization=cso)
    assert "closed" in refused.value.messages[0]
    later = published_initiative()
    today = timezone.localdate()
    Initiative.objects.filter(pk=later.pk).update(opens_on=today + dt.timedelta(days=3))
    later.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=admin, initiative=later, organization=cso)
    assert "open on" in refused.value.messages[0]
    assert not Signature.objects.exists()


def test_only_an_admin_of_a_verified_cso_signs_for_it():
    initiative = published_initiative()
    cso, _admin = verified_cso()
    member = UserFactory()
    Membership.objects.create(organization=cso, user=member, role="member")
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=member, initiative=initiative, organization=cso)
    assert refused.value.message_dict["organization"] == [f"Only an administrator of {cso} can sign for it."]
    with pytest.raises(ValidationError):
        services.sign(actor=staff_member("programme_admin", centre_slug=None), initiative=initiative, organization=cso)
    pending, pending_admin = organization_with_admin(verification_status="pending")
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=pending_admin, initiative=initiative, organization=pending)
    assert "not verified" in refused.value.messages[0]
    assert not Signature.objects.exists()


def test_a_signature_is_withdrawn_until_the_window_closes_and_signing_again_restores_the_same_row():
    initiative = published_initiative()
    cso, admin = verified_cso()
    signature = services.sign(actor=admin, initiative=initiative, organization=cso)
    withdrawn = services.signature_withdraw(actor=admin, initiative=initiative, organization=cso)
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawn_by == admin
    assert counts(initiative) == (0, 0)
    with pytest.raises(ValidationError):
        services.signature_withdraw(actor=admin, initiative=initiative, organization=cso)
    again = services.sign(actor=admin, initiative=initiative, organization=cso)
    assert again.pk == signature.pk and again.withdrawn_at is None and again.withdrawn_by is None
    assert counts(initiative) == (1, 0)
    close_window(initiative)
    with pytest.raises(ValidationError) as refused:
        services.signature_withdraw(actor=admin, initiative=initiative, organization=cso)
    assert "closed" in refused.value.messages[0]
    assert Signature.objects.get().withdrawn_at is None


@pytest.mark.django_db(transaction=True)
def test_two_admins_of_one_cso_signing_at_once_give_one_signature(reference_data):
    initiative = published_initiative()
    cso, first = verified_cso()
    second = UserFactory()
    Membership.objects.create(organization=cso, user=second, role="admin")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def attempt(actor):
        barrier.wait()
        try:
            services.sign(actor=actor, initiative=initiative, organization=cso)
            outcomes.append("signed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(actor,)) for actor in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "signed"]
    assert Signature.objects.filter(initiative=initiative).count() == 1


def paper(initiative, staff, **overrides):
    data = {
        "organization_name": "جمعية الأمل للتنمية",
        "signatory_name": "فاطمة حسن",
        "signed_on": timezone.localdate(),
        "proof": in_memory_pdf("page.pdf"),
        **overrides,
    }
    return services.paper_signature_add(actor=staff, initiative=initiative, **data)


def test_paper_signatures_are_entered_by_the_centres_staff_and_counted_apart():
    initiative = published_initiative()
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    cso, admin = verified_cso()
    services.sign(actor=admin, initiative=initiative, organization=cso)
    entered = paper(initiative, staff)
    assert entered.proof_filename == "page.pdf" and entered.entered_by == staff
    on_platform, _admin = verified_cso()
    named = paper(initiative, staff, organization=on_platform, organization_name="")
    assert named.organization_name == on_platform.name
    assert counts(initiative) == (1, 2)
    with pytest.raises(ValidationError) as refused:
        services.sign(actor=_admin, initiative=initiative, organization=on_platform)
    assert "on paper" in refused.value.messages[0]


def test_a_paper_signature_of_a_cso_that_signed_online_or_on_paper_already_is_refused():
    initiative = published_initiative()
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    cso, admin = verified_cso()
    services.sign(actor=admin, initiative=initiative, organization=cso)
    with pytest.raises(ValidationError) as refused:
        paper(initiative, staff, organization=cso)
    assert "already signed online" in refused.value.message_dict["organization"][0]
    other, _admin = verified_cso()
    paper(initiative, staff, organization=other)
    with pytest.raises(ValidationError):
        paper(initiative, staff, organization=other)
    assert PaperSignature.objects.count() == 1


def test_a_refused_scan_says_why_and_nothing_is_saved():
    initiative = published_initiative()
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    fake = SimpleUploadedFile("page.pdf", b"<html>not a scan</html>")
    with pytest.raises(ValidationError) as refused:
        paper(initiative, staff, proof=fake)
    assert "not a PDF file" in refused.value.message_dict["proof"][0]
    with pytest.raises(ValidationError) as refused:
        paper(initiative, staff, proof=SimpleUploadedFile("page.exe", b"MZ"))
    assert "not accepted" in refused.value.message_dict["proof"][0]
    assert not PaperSignature.objects.exists()


def test_paper_signatures_need_the_centres_staff_a_published_text_and_a_date_in_the_window():
    initiative = published_initiative()
    elsewhere = staff_member("centre_staff", centre_slug="basra")
    with pytest.raises(PermissionDenied):
        paper(initiative, elsewhere)
    _cso, admin = verified_cso()
    with pytest.raises(PermissionDenied):
        paper(initiative, admin)
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    for day in (timezone.localdate() + dt.timedelta(days=1), timezone.localdate() - dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            paper(initiative, staff, signed_on=day)
        assert "signed_on" in refused.value.message_dict
    assert not PaperSignature.objects.exists()
