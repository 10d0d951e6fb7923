"""The rules of the platform through its services: who writes for whom, when an entry waits for review,
moderation with reasons told to the author, three reports hide, one second review, versions with a
change note and one number each, translations and the reader's language, one accepted answer, one
uptake per CSO, follows."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, ProgrammingError, transaction
from django.utils import timezone, translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from commons import rules, services
from commons.models import (
    Answer,
    EntryStatus,
    EntryVersion,
    Follow,
    FollowLevel,
    ModerationAction,
    ModerationStep,
)
from notifications.models import Notification
from organizations.models import Membership, MembershipRole, VerificationStatus
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

PRACTICE = {
    "kind": "practice",
    "language": "ckb",
    "title": "Budget hearings with the district council",
    "summary": "How we brought 40 residents to the council's budget hearing.",
    "problem": "Residents never saw the district budget.",
    "approach": "We printed a one-page budget and invited the council.",
    "lessons": "Invite the council members by name, in person.",
    "topics": ["governance", "campaigning"],
    "governorates": ["erbil"],
}


def old_account(**kwargs):
    return UserFactory(date_joined=timezone.now() - dt.timedelta(days=400), **kwargs)


@pytest.fixture
def cso():
    organization, admin = organization_with_admin(
        admin=old_account(preferred_language="ckb"), verification_status=VerificationStatus.VERIFIED
    )
    return organization, admin


def pdf(name="tool.pdf", content=b"%PDF-1.4\n%test\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_csos_first_entries_wait_for_review_then_it_publishes_directly(cso):
    organization, admin = cso
    states = []
    for n in range(3):
        entry = services.entry_save(actor=admin, organization=organization, data={**PRACTICE, "title": f"Case {n}"})
        entry = services.entry_submit(actor=admin, entry=entry)
        states.append(entry.status)
        if entry.status == EntryStatus.PENDING:
            services.entry_moderate(actor=staff_member(Role.CENTRE_STAFF), entry=entry, action="approve")
    assert states == [EntryStatus.PENDING, EntryStatus.PENDING, EntryStatus.PUBLISHED]


def test_a_new_account_always_waits_for_review(cso):
    organization, _admin = cso
    newcomer = UserFactory()  # joined today
    Membership.objects.create(organization=organization, user=newcomer, role=MembershipRole.ADMIN)
    assert rules.needs_review(published_by_organization=10, account_joined=newcomer.date_joined, now=timezone.now())
    entry = services.entry_save(actor=newcomer, organization=organization, data=PRACTICE)
    assert services.entry_submit(actor=newcomer, entry=entry).status == EntryStatus.PENDING


def test_only_members_write_for_a_cso_and_only_its_admins_publish(cso):
    organization, admin = cso
    with pytest.raises(PermissionDenied):
        services.entry_save(actor=old_account(), organization=organization, data=PRACTICE)
    member = old_account()
    Membership.objects.create(organization=organization, user=member, role=MembershipRole.MEMBER)
    draft = services.entry_save(actor=member, organization=organization, data=PRACTICE)
    with pytest.raises(PermissionDenied):
        services.entry_submit(actor=member, entry=draft)
    organization.verification_status = VerificationStatus.PENDING
    organization.save()
    with pytest.raises(PermissionDenied):  # an unverified CSO has no byline yet
        services.entry_save(actor=admin, organization=organization, data=PRACTICE)


def test_submitting_needs_the_fields_of_the_type(cso):
    organization, admin = cso
    entry = services.entry_save(actor=admin, organization=organization, data={**PRACTICE, "lessons": ""})
    with pytest.raises(ValidationError) as refused:
        services.entry_submit(actor=admin, entry=entry)
    assert "lessons" in refused.value.message_dict
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT


def test_script_in_rich_text_is_removed_and_detected(cso):
    organization, admin = cso
    html = '<p onclick="steal()">Hello<script>alert(1)</script> <a href="javascript:x()">link</a></p>'
    assert rules.dangerous_markup(html) and not rules.dangerous_markup("<p>Hello <strong>all</strong></p>")
    entry = services.entry_save(actor=admin, organization=organization, data={**PRACTICE, "body": html})
    assert "script" not in entry.body and "onclick" not in entry.body and "javascript" not in entry.body
    assert entry.body.startswith("<p>Hello")


def test_a_decline_needs_a_reason_and_the_author_is_told_in_her_language_by_whom(cso):
    organization, admin = cso
    entry = services.entry_submit(
        actor=admin, entry=services.entry_save(actor=admin, organization=organization, data=PRACTICE)
    )
    moderator = staff_member(Role.CENTRE_STAFF, full_name="Shirin Ahmed")
    with pytest.raises(ValidationError):
        services.entry_moderate(actor=moderator, entry=entry, action="decline", reason=" ")
    other_centre = staff_member(Role.CENTRE_STAFF, centre_slug="basra")
    with pytest.raises(PermissionDenied):  # not the CSO's centre
        services.entry_moderate(actor=other_centre, entry=entry, action="decline", reason="No.")
    services.entry_moderate(actor=moderator, entry=entry, action="decline", reason="Remove the residents' names.")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DECLINED and entry.status_reason == "Remove the residents' names."
    note = Notification.objects.get(recipient=admin, kind="commons_entry_moderated")
    assert "Shirin Ahmed" in note.body and "Remove the residents' names." in note.body
    assert "Shirin Ahmed" not in note.subject and note.body != note.body.encode("ascii", "ignore").decode()  # Kurdish
    assert list(entry.moderation_steps.values_list("action", flat=True)) == ["submitted", "declined"]


def test_three_distinct_reports_hide_an_entry_and_the_author_may_ask_once_for_a_second_review(cso):
    organization, admin = cso
    entry = services.entry_save(actor=admin, organization=organization, data=PRACTICE)
    entry = services.entry_submit(actor=admin, entry=entry)
    services.entry_moderate(actor=staff_member(Role.CENTRE_MANAGER), entry=entry, action="approve")
    readers = [UserFactory() for _ in range(3)]
    services.entry_report(actor=readers[0], entry=entry, reason="spam")
    with pytest.raises(ValidationError):  # the same person twice counts once
        services.entry_report(actor=readers[0], entry=entry, reason="offensive")
    services.entry_report(actor=readers[1], entry=entry, reason="off_topic")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    services.entry_report(actor=readers[2], entry=entry, reason="personal_data")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.HIDDEN and entry.hidden_by_reports
    step = entry.moderation_steps.get(action=ModerationAction.HIDDEN_BY_REPORTS)
    assert step.actor is None
    told = Notification.objects.filter(recipient=admin).latest("pk").body
    with translation.override("ckb"):  # the author's language
        assert str(ModerationAction.HIDDEN_BY_REPORTS.label) in told
    assert step.reason == "Off topic, Shows personal data, Spam or advertising"  # what the readers said
    with pytest.raises(ValidationError):
        services.entry_report(actor=UserFactory(), entry=entry, reason="spam")  # a hidden entry is not reported
    services.second_review_request(actor=admin, entry=entry, reason="The names were our own staff's, with consent.")
    with pytest.raises(ValidationError):
        services.second_review_request(actor=admin, entry=entry, reason="Again.")
    services.entry_moderate(actor=staff_member(Role.PROGRAMME_ADMIN, centre_slug=None), entry=entry, action="restore")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and not entry.hidden_by_reports


def test_the_moderation_log_is_append_only(cso):
    organization, admin = cso
    entry = services.entry_submit(
        actor=admin, entry=services.entry_save(actor=admin, organization=organization, data=PRACTICE)
    )
    step = ModerationStep.objects.get(entry=entry)
    with pytest.raises(ProgrammingError), transaction.atomic():
        ModerationStep.objects.filter(pk=step.pk).update(reason="rewritten")
    with pytest.raises(ProgrammingError), transaction.atomic():
        ModerationStep.objects.filter(pk=step.pk).delete()


def test_versions_take_the_next_number_need_a_note_and_refuse_a_forbidden_file(cso):
    organization, admin = cso
    entry = services.entry_save(
        actor=admin,
        organization=organization,
        data={**PRACTICE, "kind": "tool", "purpose": "A budget template.", "licence": "cc-by"},
    )
    first = services.version_add(actor=admin, entry=entry, file=pdf(), change_note="First version.")
    second = services.version_add(actor=admin, entry=entry, file=pdf("tool-v2.pdf"), change_note="Adds Basra.")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as refused:
        services.version_add(actor=admin, entry=entry, file=pdf(), change_note="  ")
    assert "change_note" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.version_add(
            actor=admin, entry=entry, file=SimpleUploadedFile("run.exe", b"MZ..."), change_note="A program."
        )
    assert "not accepted" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryVersion.objects.create(
            entry=entry, number=2, file="x.pdf", filename="x.pdf", size=1, change_note="dup", uploaded_by=admin
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryVersion.objects.create(
            entry=entry, number=3, file="x.pdf", filename="x.pdf", size=1, change_note="", uploaded_by=admin
        )


def test_translations_and_the_language_the_reader_sees(cso):
    organization, admin = cso
    entry = services.entry_save(actor=admin, organization=organization, data={**PRACTICE, "language": "en"})
    translator = staff_member(Role.TRAINER)
    services.translation_save(
        actor=translator, entry=entry, language="ar", data={"title": "جلسات الموازنة", "summary": "كيف..."}
    )
    with pytest.raises(ValidationError):
        services.translation_save(actor=translator, entry=entry, language="en", data={"title": "x", "summary": "y"})
    translated = {t.language for t in entry.translations.all()}
    assert rules.chosen_language("ckb", entry.language, translated) == "ar"  # ckb -> ar -> en
    assert rules.chosen_language("en", entry.language, translated) == "en"
    assert rules.chosen_language("ckb", "en", set()) == "en"


def test_one_accepted_answer_by_the_asker_or_a_moderator(cso):
    organization, admin = cso
    question = services.question_ask(
        actor=admin,
        organization=organization,
        data={"topic": "fundraising", "language": "ar", "title": "كيف نكتب ميزانية لمقترح؟"},
    )
    trainer = staff_member(Role.TRAINER)
    expert = services.answer_post(actor=trainer, question=question, body="Start from the activities.")
    _peer, peer_admin = organization_with_admin(verification_status=VerificationStatus.VERIFIED)
    peer = services.answer_post(actor=peer_admin, question=question, body="Ask the donor for the template.")
    assert expert.by_expert and not peer.by_expert
    with pytest.raises(ValidationError):
        services.answer_accept(actor=peer_admin, answer=peer)  # not their question
    services.answer_accept(actor=admin, answer=peer)
    services.answer_accept(actor=admin, answer=expert)  # the mark moves
    assert list(Answer.objects.filter(accepted=True).values_list("pk", flat=True)) == [expert.pk]
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=peer.pk).update(accepted=True)


def test_a_cso_marks_an_entry_used_once_and_follows_up(cso):
    organization, admin = cso
    entry = services.entry_save(actor=admin, organization=organization, data=PRACTICE)
    entry = services.entry_submit(actor=admin, entry=entry)
    other, other_admin = organization_with_admin(verification_status=VerificationStatus.VERIFIED)
    with pytest.raises(ValidationError):  # not published yet
        services.uptake_mark(actor=other_admin, entry=entry, organization=other)
    services.entry_moderate(actor=staff_member(Role.CENTRE_STAFF), entry=entry, action="approve")
    with pytest.raises(ValidationError):  # its own entry
        services.uptake_mark(actor=admin, entry=entry, organization=organization)
    uptake = services.uptake_mark(actor=other_admin, entry=entry, organization=other)
    with pytest.raises(ValidationError):
        services.uptake_mark(actor=other_admin, entry=entry, organization=other)
    services.uptake_follow_up(actor=other_admin, uptake=uptake, text="The council now publishes its budget.")
    uptake.refresh_from_db()
    assert uptake.follow_up and uptake.followed_up_at


def test_following_one_thing_at_a_level(cso):
    organization, admin = cso
    follow = services.follow_set(actor=admin, level=FollowLevel.WATCH, topic="governance")
    again = services.follow_set(actor=admin, level=FollowLevel.MUTE, topic="governance")
    assert follow.pk == again.pk and Follow.objects.get(pk=follow.pk).level == FollowLevel.MUTE
    services.follow_set(actor=admin, level=FollowLevel.NEW, organization=organization)
    with pytest.raises(ValidationError):
        services.follow_set(actor=admin, level=FollowLevel.WATCH)
    with pytest.raises(ValidationError):
        services.follow_set(actor=admin, level=FollowLevel.WATCH, topic="governance", governorate="erbil")
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=admin)
