"""Drafting and publishing a joint initiative: a verified CSO's admin starts it at the CSO's centre,
every save is a new version (the database refuses to change or delete one), publication freezes
the latest version with the SHA-256 of its exact UTF-8 bytes and sets a window that cannot close
in the past; refusals leave nothing half-saved."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, transaction
from django.utils import timezone

from centers.tests.factories import staff_member
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin
from partnerships.models import Coalition, CoalitionMember, Initiative, InitiativeStatus, InitiativeVersion
from partnerships.services import initiatives as services
from partnerships.tests.factories_initiatives import draft_initiative, lead_admin, verified_cso

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)
TODAY = NOW.date()


def test_a_verified_csos_admin_starts_a_draft_with_its_first_version_at_its_nearest_centre():
    organization, admin = verified_cso()
    initiative = services.initiative_create(
        actor=admin, organization=organization, title=" Access to information ", kind="letter", language="ar", text="نص"
    )
    assert initiative.status == InitiativeStatus.DRAFT
    assert initiative.title == "Access to information"
    assert initiative.centre == organization.nearest_centre
    assert initiative.lead_organization == organization and initiative.created_by == admin
    (version,) = initiative.versions.all()
    assert (version.number, version.text, version.written_by) == (1, "نص", admin)


def test_only_the_admin_of_a_verified_cso_starts_an_initiative_and_nothing_is_saved_otherwise():
    organization, _admin = verified_cso()
    member = Membership.objects.create(organization=organization, user=staff_member("centre_manager"), role="member")
    pending, pending_admin = organization_with_admin(verification_status="pending")
    for actor, cso in ((member.user, organization), (pending_admin, pending)):
        with pytest.raises(PermissionDenied):
            services.initiative_create(actor=actor, organization=cso, title="T", kind="letter", language="en", text="x")
    assert not Initiative.objects.exists() and not InitiativeVersion.objects.exists()


def test_the_coalition_named_must_count_the_lead_cso_among_its_current_members():
    organization, admin = verified_cso()
    coalition = Coalition.objects.create(
        name="Basra Water Coalition", purpose="Water", founded_on=TODAY, centre=organization.nearest_centre
    )
    with pytest.raises(ValidationError) as refused:
        draft_initiative(admin=admin, organization=organization, coalition=coalition)
    assert "coalition" in refused.value.message_dict
    assert not Initiative.objects.exists()
    CoalitionMember.objects.create(coalition=coalition, organization=organization, joined_on=TODAY)
    assert draft_initiative(admin=admin, organization=organization, coalition=coalition).coalition == coalition


def test_each_save_is_a_new_version_and_the_earlier_ones_stay_as_they_were():
    initiative = draft_initiative(text="First text")
    admin = lead_admin(initiative)
    second = services.version_save(actor=admin, initiative=initiative, text="Second text\r\n", note="Shorter")
    assert second.number == 2 and second.text == "Second text"  # line ends as the browser shows them
    assert list(initiative.versions.order_by("number").values_list("text", flat=True)) == ["First text", "Second text"]
    with pytest.raises(ValidationError) as refused:
        services.version_save(actor=admin, initiative=initiative, text="Second text")
    assert "Nothing has changed" in refused.value.messages[0]
    assert initiative.versions.count() == 2


def test_a_manager_of_the_centre_drafts_too_but_another_cso_admin_may_not():
    initiative = draft_initiative()
    _other, stranger = verified_cso()
    with pytest.raises(PermissionDenied):
        services.version_save(actor=stranger, initiative=initiative, text="Hijacked")
    manager = staff_member("centre_manager", centre_slug=initiative.centre.slug)
    assert services.version_save(actor=manager, initiative=initiative, text="Edited by the centre").number == 2


def test_the_database_refuses_to_change_or_delete_a_version():
    version = draft_initiative().versions.get()
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        InitiativeVersion.objects.filter(pk=version.pk).update(text="rewritten")
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        InitiativeVersion.objects.filter(pk=version.pk).delete()
    version.refresh_from_db()
    assert version.text != "rewritten"


def test_publishing_freezes_the_latest_version_with_the_sha256_of_its_utf8_bytes():
    initiative = draft_initiative(text="Old")
    admin = lead_admin(initiative)
    services.version_save(actor=admin, initiative=initiative, text="نطالب بالشفافية — now")
    published = services.initiative_publish(
        actor=admin, initiative=initiative, opens_on=TODAY, closes_on=TODAY + dt.timedelta(days=20), now=NOW
    )
    assert published.status == InitiativeStatus.PUBLISHED
    assert published.published_version.number == 2
    assert published.text_sha256 == hashlib.sha256("نطالب بالشفافية — now".encode()).hexdigest()
    assert published.published_by == admin and published.published_at is not None
    with pytest.raises(ValidationError) as frozen:
        services.version_save(actor=admin, initiative=published, text="A change after publication")
    assert "frozen" in frozen.value.messages[0]
    with pytest.raises(ValidationError):
        services.initiative_publish(actor=admin, initiative=published, opens_on=TODAY, closes_on=TODAY, now=NOW)
    published.refresh_from_db()
    assert (
        published.versions.count() == 2
        and published.text_sha256 == hashlib.sha256("نطالب بالشفافية — now".encode()).hexdigest()
    )


@pytest.mark.parametrize(
    ("opens", "closes", "field"),
    [
        (TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=5), "opens_on"),
        (TODAY, TODAY - dt.timedelta(days=1), "closes_on"),
        (TODAY + dt.timedelta(days=5), TODAY + dt.timedelta(days=2), "closes_on"),
    ],
)
def test_a_window_closing_in_the_past_or_before_it_opens_is_refused_and_nothing_changes(opens, closes, field):
    initiative = draft_initiative()
    with pytest.raises(ValidationError) as refused:
        services.initiative_publish(
            actor=lead_admin(initiative), initiative=initiative, opens_on=opens, closes_on=closes, now=NOW
        )
    assert field in refused.value.message_dict
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.DRAFT and initiative.text_sha256 == ""
    assert initiative.published_version is None and initiative.opens_on is None


def test_only_the_lead_csos_admin_or_the_centres_manager_publishes():
    initiative = draft_initiative()
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    with pytest.raises(PermissionDenied):
        services.initiative_publish(actor=staff, initiative=initiative, opens_on=TODAY, closes_on=TODAY, now=NOW)
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.DRAFT


def test_a_draft_is_withdrawn_with_its_reason_and_a_published_one_cannot_be():
    initiative = draft_initiative()
    admin = lead_admin(initiative)
    with pytest.raises(ValidationError):
        services.initiative_withdraw(actor=admin, initiative=initiative, reason="  ")
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.DRAFT
    withdrawn = services.initiative_withdraw(actor=admin, initiative=initiative, reason="The law passed already.")
    assert withdrawn.status == InitiativeStatus.WITHDRAWN and withdrawn.withdrawal_reason == "The law passed already."
    other = draft_initiative()
    today = timezone.localdate()
    services.initiative_publish(actor=lead_admin(other), initiative=other, opens_on=today, closes_on=today)
    with pytest.raises(ValidationError):
        services.initiative_withdraw(actor=lead_admin(other), initiative=other, reason="Too late")
