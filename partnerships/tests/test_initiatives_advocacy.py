"""After publication: targets, deliveries (the first one moves the initiative to "delivered" through
the workflow and ends the signing), responses after a delivery, outcomes with their evidence (a link
or a file, required), and the two results measures counting initiatives that reached a
decision-maker or documented a change, by the lead CSO's governorate and leadership."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.tests.factories import centre, staff_member
from core import measures
from core.measures import Query
from core.uploads import in_memory_pdf
from organizations.tests.factories import LeadershipMemberFactory
from partnerships.models import AdvocacyOutcome, Delivery, Initiative, InitiativeStatus, TargetResponse
from partnerships.services import initiative_advocacy as services
from partnerships.services import initiatives as signing
from partnerships.tests.factories_initiatives import draft_initiative, lead_admin, published_initiative, verified_cso

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def target_of(initiative, kind="ministry", name="Ministry of Labour and Social Affairs"):
    return services.target_add(actor=lead_admin(initiative), initiative=initiative, kind=kind, name=name)


def test_the_first_delivery_moves_the_initiative_to_delivered_and_ends_the_signing():
    initiative = published_initiative()
    ministry, eu = target_of(initiative), target_of(initiative, kind="eu", name="EU Delegation to Iraq")
    admin = lead_admin(initiative)
    services.delivery_record(actor=admin, target=ministry, delivered_on=TODAY, method="Handed over at a meeting")
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.DELIVERED
    services.delivery_record(actor=admin, target=eu, delivered_on=TODAY, method="By e-mail")
    assert Delivery.objects.count() == 2
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.DELIVERED
    cso, cso_admin = verified_cso()
    with pytest.raises(ValidationError):
        signing.sign(actor=cso_admin, initiative=initiative, organization=cso)
    with pytest.raises(ValidationError) as refused:  # the list handed over is final
        signing.paper_signature_add(
            actor=staff_member("centre_staff", centre_slug=initiative.centre.slug),
            initiative=initiative,
            organization_name="Zakho Women's Union",
            signatory_name="Hana Yousif",
            signed_on=TODAY,
            proof=in_memory_pdf(),
        )
    assert "until it is delivered" in refused.value.messages[0]
    assert not initiative.signatures.exists() and not initiative.paper_signatures.exists()


def test_a_draft_is_not_delivered_and_a_duplicate_target_is_refused():
    draft = draft_initiative()
    target = target_of(draft)  # targets are planned while drafting
    with pytest.raises(ValidationError) as refused:
        services.delivery_record(actor=lead_admin(draft), target=target, delivered_on=TODAY, method="By hand")
    assert "Publish" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        target_of(draft, name="ministry of labour and social affairs")
    assert not Delivery.objects.exists() and draft.targets.count() == 1


def test_only_the_lead_csos_admins_and_the_centres_staff_record_advocacy():
    initiative = published_initiative()
    target = target_of(initiative)
    _other, stranger = verified_cso()
    for actor in (stranger, staff_member("centre_staff", centre_slug="basra"), staff_member("donor")):
        with pytest.raises(PermissionDenied):
            services.delivery_record(actor=actor, target=target, delivered_on=TODAY, method="By hand")
    staff = staff_member("centre_staff", centre_slug=initiative.centre.slug)
    services.delivery_record(actor=staff, target=target, delivered_on=TODAY, method="By hand")
    assert Delivery.objects.get().recorded_by == staff


def test_a_delivery_in_the_future_or_before_publication_is_refused():
    initiative = published_initiative()
    target = target_of(initiative)
    for day in (TODAY + dt.timedelta(days=1), TODAY - dt.timedelta(days=3)):
        with pytest.raises(ValidationError) as refused:
            services.delivery_record(actor=lead_admin(initiative), target=target, delivered_on=day, method="By hand")
        assert "delivered_on" in refused.value.message_dict
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.PUBLISHED


def test_a_response_comes_after_a_delivery_with_its_evidence():
    initiative = published_initiative()
    target = target_of(initiative)
    admin = lead_admin(initiative)
    with pytest.raises(ValidationError):
        services.response_record(actor=admin, target=target, received_on=TODAY, summary="They agreed to meet.")
    services.delivery_record(actor=admin, target=target, delivered_on=TODAY, method="By hand")
    response = services.response_record(
        actor=admin, target=target, received_on=TODAY, summary="They agreed to meet.", evidence_file=in_memory_pdf()
    )
    assert response.evidence_filename == "document.pdf" and TargetResponse.objects.count() == 1


def test_an_outcome_needs_evidence_and_a_bad_file_is_refused_with_the_reason():
    initiative = published_initiative()
    target = target_of(initiative)
    admin = lead_admin(initiative)
    record = {"actor": admin, "target": target, "kind": "meeting", "occurred_on": TODAY, "description": "Met."}
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(**record)
    assert "evidence_link" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(**record, evidence_file=SimpleUploadedFile("minutes.pdf", b"not a pdf"))
    assert "not a PDF file" in refused.value.message_dict["evidence_file"][0]
    assert not AdvocacyOutcome.objects.exists()
    outcome = services.outcome_record(**record, evidence_link="https://example.org/minutes")
    assert outcome.evidence_link == "https://example.org/minutes" and initiative.targets.get().outcomes.count() == 1


def delivered(governorate="erbil", *, on, women_led=False):
    near = centre("basra") if governorate == "basra" else centre("erbil")
    organization, admin = verified_cso(governorate=governorate, nearest_centre=near)
    if women_led:
        LeadershipMemberFactory(
            organization=organization, position="Chair", sex="female", start_date=dt.date(2020, 1, 1)
        )
    initiative = published_initiative(admin=admin, organization=organization)
    target = target_of(initiative)
    Initiative.objects.filter(pk=initiative.pk).update(published_at=timezone.now() - dt.timedelta(days=400))
    services.delivery_record(actor=admin, target=target, delivered_on=on, method="By hand")
    return target


def outcome(target, kind, on):
    return services.outcome_record(
        actor=lead_admin(target.initiative),
        target=target,
        kind=kind,
        occurred_on=on,
        description="Recorded.",
        evidence_link="https://example.org/evidence",
    )


def test_initiatives_reaching_and_changing_count_each_initiative_once_by_governorate_and_leadership():
    start, end = TODAY - dt.timedelta(days=90), TODAY
    in_window = delivered("erbil", on=TODAY - dt.timedelta(days=10), women_led=True)
    target = in_window.initiative.targets.create(kind="eu", name="EU Delegation to Iraq")
    outcome(in_window, "meeting", TODAY - dt.timedelta(days=5))
    outcome(target, "position", TODAY - dt.timedelta(days=2))
    outcome(in_window, "policy", TODAY - dt.timedelta(days=1))
    before = delivered("basra", on=TODAY - dt.timedelta(days=200))
    outcome(before, "meeting", TODAY - dt.timedelta(days=20))  # reached again, by a meeting, in the window
    old = delivered("ninewa", on=TODAY - dt.timedelta(days=300))
    outcome(old, "position", TODAY - dt.timedelta(days=250))
    query = Query(start=start, end=end)
    with CaptureQueriesContext(connection) as queries:
        reaching = measures.compute(
            measures.get("partnerships.initiatives_reaching"), query, ("governorate", "cso_led")
        )
    assert len(queries) <= 2
    assert reaching.total == 2
    assert reaching.by["governorate"] == {"erbil": 1, "basra": 1}
    assert reaching.by["cso_led"] == {"women_led": 1, "other": 1}
    changing = measures.compute(measures.get("partnerships.initiatives_changing"), query, ("governorate",))
    assert changing.total == 1 and changing.by["governorate"] == {"erbil": 1}
    ever = measures.compute(measures.get("partnerships.initiatives_changing"), Query(end=end), ())
    assert ever.total == 2
    at_basra = Query(start=start, end=end, filters={"centre": str(before.initiative.centre_id)})
    assert measures.compute(measures.get("partnerships.initiatives_reaching"), at_basra, ()).total == 1
