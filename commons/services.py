"""What changes the platform: entries written, sent for review or published, moderated, reported,
translated and given new file versions; questions asked and answered; answers accepted; entries
marked as used; things followed. Each change runs in one transaction, locks the row it decides on,
and is audited (pghistory, with the actor); moderation is also written to the append-only log."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from centers.models import Center
from centers.selectors import centres_for_user
from commons import images, permissions, rules
from commons.models import (
    ENTRY_FIELDS,
    TRANSLATED_FIELDS,
    Answer,
    DigestPreference,
    Entry,
    EntryKind,
    EntryReport,
    EntryStatus,
    EntryTranslation,
    EntryVersion,
    Follow,
    FollowLevel,
    ModerationAction,
    ModerationStep,
    Question,
    Topic,
    Uptake,
)
from commons.tasks import announce_entry
from commons.workflows import ENTRY
from core.audit import actor_context
from grants.models import GrantReport
from notifications.services import notify
from organizations.models import Organization


def _locked(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("organization", "centre", "author")
        .get(pk=entry.pk)
    )


def _step(entry: Entry, action: str, actor: User | None, reason: str = "") -> ModerationStep:
    return ModerationStep.objects.create(entry=entry, action=action, actor=actor, reason=reason)


def _tell_author(entry: Entry, action: str, actor: User | None, reason: str) -> None:
    notify(
        recipient=entry.author,
        kind="commons_entry_moderated",
        context={
            "entry": entry,
            "action": ModerationAction(action).label,
            "action_code": str(action),
            "actor": actor,
            "reason": reason,
        },
    )


@transaction.atomic
def entry_save(
    *, actor: User, data: dict[str, Any], organization: Organization | None = None, entry: Entry | None = None
) -> Entry:
    """A new draft, or the changes to an entry (its rich text sanitised). A published entry stays
    published; its readers see the change."""
    if entry is None:
        if not permissions.can_draft_for(actor, organization):
            raise PermissionDenied
        centre = organization.nearest_centre if organization else actor_centre(actor)
        if centre is None:
            raise ValidationError(_("Choose the centre you work at before publishing for the programme."))
        entry = Entry(organization=organization, centre=centre, author=actor)
    else:
        entry = _locked(entry)
        if not permissions.can_edit(actor, entry):
            raise PermissionDenied
        if entry.status == EntryStatus.HIDDEN:
            raise ValidationError(_("A hidden entry cannot be changed; ask for a second review."))
    for name in ENTRY_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    entry.body = rules.sanitise(entry.body)
    entry.full_clean(exclude=["organization", "centre", "author"])
    with actor_context(actor, action="commons_entry_save"):
        entry.save()
    return entry


def actor_centre(actor: User) -> Center | None:
    """The centre staff publish from: the first they work at."""
    return centres_for_user(actor).order_by("pk").first()


@transaction.atomic
def entry_submit(*, actor: User, entry: Entry, now: dt.datetime | None = None) -> Entry:
    """Publishes the entry, or sends it to the review queue of its centre when the CSO's first
    entries or the author's new account ask for it."""
    entry = _locked(entry)
    now = now or timezone.now()
    problems = rules.submit_problems(entry)
    if problems:
        raise ValidationError(problems)
    if entry.organization_id is None:
        review = False  # staff publish for the programme
    else:
        published = Entry.objects.filter(organization=entry.organization_id, status=EntryStatus.PUBLISHED).count()
        review = rules.needs_review(published_by_organization=published, account_joined=actor.date_joined, now=now)
    transition = ENTRY.apply("submit" if review else "publish", entry, actor)
    if transition.target == EntryStatus.PUBLISHED:
        entry.published_at = now
    entry.status_reason = ""
    with actor_context(actor, action=f"commons_entry_{transition.action}"):
        entry.save(update_fields=["status", "published_at", "status_reason", "updated_at"])
        _step(entry, ModerationAction.SUBMITTED if review else ModerationAction.APPROVED, actor)
    if entry.status == EntryStatus.PUBLISHED:
        _announce(entry)
    return entry


@transaction.atomic
def entry_moderate(*, actor: User, entry: Entry, action: str, reason: str = "") -> Entry:
    """Approve or decline an entry waiting for review, hide a published one, or show it again. A
    decline or a hiding needs the reason; the author is told, in her language, what and by whom."""
    entry = _locked(entry)
    if action in ("decline", "hide") and not reason.strip():
        raise ValidationError({"reason": _("Say why, for the author.")})
    transition = ENTRY.apply(action, entry, actor)
    now = timezone.now()
    if transition.target == EntryStatus.PUBLISHED:
        entry.published_at = entry.published_at or now
        entry.hidden_by_reports = False
    entry.status_reason = reason.strip()
    step = {
        "approve": ModerationAction.APPROVED,
        "decline": ModerationAction.DECLINED,
        "hide": ModerationAction.HIDDEN,
        "restore": ModerationAction.RESTORED,
    }[action]
    with actor_context(actor, action=f"commons_entry_{action}"):
        entry.save(update_fields=["status", "published_at", "status_reason", "hidden_by_reports", "updated_at"])
        _step(entry, step, actor, reason.strip())
    _tell_author(entry, step, actor, reason.strip())
    if action == "approve":
        _announce(entry)
    return entry


@transaction.atomic
def entry_report(*, actor: User, entry: Entry, reason: str, comment: str = "") -> EntryReport:
    """A reader reports an entry, once. The third distinct reader hides it until a moderator looks."""
    entry = _locked(entry)
    if not permissions.can_report(actor, entry):
        raise ValidationError(_("This entry cannot be reported."))
    try:
        with transaction.atomic():
            report = EntryReport.objects.create(entry=entry, reporter=actor, reason=reason, comment=comment)
    except IntegrityError:
        raise ValidationError(_("You have already reported this entry; the moderators will look at it.")) from None
    if entry.reports.count() >= rules.REPORTS_TO_HIDE:
        ENTRY.apply("hide_by_reports", entry)
        entry.hidden_by_reports = True
        entry.status_reason = ""  # the step says why, in each reader's language: the threshold
        reasons = ", ".join(sorted({r.get_reason_display() for r in entry.reports.all()}))
        with actor_context(None, action="commons_entry_hidden_by_reports"):
            entry.save(update_fields=["status", "hidden_by_reports", "status_reason", "updated_at"])
            _step(entry, ModerationAction.HIDDEN_BY_REPORTS, None, reasons)
        _tell_author(entry, ModerationAction.HIDDEN_BY_REPORTS, None, "")
    return report


@transaction.atomic
def second_review_request(*, actor: User, entry: Entry, reason: str) -> Entry:
    """The author asks, once, for a moderator to look again at a hidden or declined entry."""
    entry = _locked(entry)
    if not permissions.can_ask_second_review(actor, entry):
        raise ValidationError(_("A second review can be asked for once, for a hidden or declined entry."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry should be shown.")})
    entry.second_review_requested_at = timezone.now()
    with actor_context(actor, action="commons_second_review"):
        entry.save(update_fields=["second_review_requested_at", "updated_at"])
        _step(entry, ModerationAction.SECOND_REVIEW, actor, reason.strip())
    return entry


@transaction.atomic
def version_add(*, actor: User, entry: Entry, file: UploadedFile, change_note: str) -> EntryVersion:
    """A new file of the entry: the next number, under the entry's row lock so that two uploads at
    once cannot take the same one (the database refuses it too). An image gets its small JPEG
    (commons.images); one Pillow cannot read safely is kept without."""
    entry = _locked(entry)
    if not permissions.can_edit(actor, entry):
        raise PermissionDenied
    note = (change_note or "").strip()
    if not note:
        raise ValidationError({"change_note": _("Say what changed in this version.")})
    number = (entry.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = EntryVersion(
        entry=entry,
        number=number,
        file=file,
        filename=(file.name or "file")[-200:],
        size=file.size or 0,
        change_note=note[:500],
        uploaded_by=actor,
    )
    version.full_clean(exclude=["entry", "uploaded_by"])
    if images.is_image(version.filename) and (thumbnail := images.thumbnail_of(file)):
        version.thumbnail = version.thumbnail.storage.save(images.stored_name(thumbnail), thumbnail)
    with actor_context(actor, action="commons_version_add"):
        version.save()
    _tell_watchers_of_version(version)
    return version


@transaction.atomic
def translation_save(*, actor: User, entry: Entry, language: str, data: dict[str, str]) -> EntryTranslation:
    entry = _locked(entry)
    if not permissions.can_translate(actor, entry):
        raise PermissionDenied
    if language == entry.language:
        raise ValidationError({"language": _("This is the entry's own language: edit the entry instead.")})
    translation, _created = EntryTranslation.objects.select_for_update().get_or_create(
        entry=entry,
        language=language,
        defaults={"translator": actor, "title": data.get("title", ""), "summary": data.get("summary", "")},
    )
    translation.title, translation.summary = data.get("title", ""), data.get("summary", "")
    translation.body = rules.sanitise(data.get("body", ""))
    for name in TRANSLATED_FIELDS:
        setattr(translation, name, (data.get(name) or "").strip())
    translation.translator = actor
    translation.full_clean(exclude=["entry", "translator"])
    with actor_context(actor, action="commons_translation_save"):
        translation.save()
    return translation


@transaction.atomic
def question_ask(*, actor: User, data: dict[str, Any], organization: Organization | None = None) -> Question:
    if not permissions.can_ask(actor):
        raise PermissionDenied
    if organization is not None and not permissions.can_draft_for(actor, organization):
        raise PermissionDenied
    centre = organization.nearest_centre if organization else actor_centre(actor)
    if centre is None:
        raise ValidationError(_("Ask on behalf of your organisation."))
    question = Question(author=actor, organization=organization, centre=centre, **data)
    question.full_clean(exclude=["author", "organization", "centre"])
    with actor_context(actor, action="commons_question_ask"):
        question.save()
    Follow.objects.get_or_create(user=actor, question=question, defaults={"level": FollowLevel.WATCH})
    return question


@transaction.atomic
def answer_post(*, actor: User, question: Question, body: str) -> Answer:
    if not permissions.can_answer(actor, question):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("Write the answer.")})
    with actor_context(actor, action="commons_answer_post"):
        answer = Answer.objects.create(
            question=question, author=actor, body=rules.sanitise(body), by_expert=permissions.is_expert(actor)
        )
    _tell_watchers_of_answer(answer)
    return answer


def _tell_watchers_of_answer(answer: Answer) -> None:
    """Everyone who watches the question (the asker does, from the start), but not the one who answered."""
    watchers = (
        Follow.objects.filter(question=answer.question_id, level=FollowLevel.WATCH)
        .exclude(user=answer.author_id)
        .select_related("user")
    )
    for follow in watchers:
        notify(
            recipient=follow.user,
            kind="commons_answer",
            context={"question": answer.question, "answer": answer},
            url=reverse("commons:question_detail", kwargs={"pk": answer.question_id}),
        )


@transaction.atomic
def answer_accept(*, actor: User, answer: Answer) -> Answer:
    """The asker (or a moderator) accepts one answer; accepting another moves the mark."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not permissions.can_accept(actor, question):
        raise ValidationError(_("Only the person who asked, or a moderator, can accept an answer."))
    with actor_context(actor, action="commons_answer_accept"):
        Answer.objects.filter(question=question, accepted=True).exclude(pk=answer.pk).update(
            accepted=False, accepted_by=None
        )
        Answer.objects.filter(pk=answer.pk).update(accepted=True, accepted_by=actor)
    answer.refresh_from_db()
    return answer


@transaction.atomic
def uptake_mark(*, actor: User, entry: Entry, organization: Organization, used_on: dt.date | None = None) -> Uptake:
    """Marks "we used this", once per entry and CSO."""
    entry = _locked(entry)
    if not permissions.can_mark_used(actor, entry, organization):
        raise ValidationError(_("Only a member of another organisation can mark a published entry as used."))
    with actor_context(actor, action="commons_uptake_mark"):
        uptake, created = Uptake.objects.get_or_create(
            entry=entry,
            organization=organization,
            defaults={"marked_by": actor, "used_on": used_on or timezone.localdate()},
        )
    if not created:
        raise ValidationError(_("Your organisation has already marked this entry as used."))
    return uptake


@transaction.atomic
def uptake_follow_up(*, actor: User, uptake: Uptake, text: str) -> Uptake:
    uptake = Uptake.objects.select_for_update().get(pk=uptake.pk)
    if not permissions.can_follow_up(actor, uptake):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"follow_up": _("Say what changed.")})
    uptake.follow_up, uptake.followed_up_at = text.strip(), timezone.now()
    with actor_context(actor, action="commons_uptake_follow_up"):
        uptake.save(update_fields=["follow_up", "followed_up_at"])
    return uptake


@transaction.atomic
def follow_set(*, actor: User, level: str, **target: Any) -> Follow:
    """Follows one thing at a level (watch, new entries only, mute), or changes the level."""
    if level not in FollowLevel.values:
        raise ValidationError({"level": _("Choose what to receive.")})
    names = ("topic", "governorate", "organization", "entry", "question")
    chosen = {name: target.get(name) for name in names if target.get(name)}
    if len(chosen) != 1:
        raise ValidationError(_("Follow one thing at a time."))
    defaults = {"topic": "", "governorate": "", "organization": None, "entry": None, "question": None}
    follow, _created = Follow.objects.update_or_create(user=actor, **(defaults | chosen), defaults={"level": level})
    return follow


def follow_remove(*, actor: User, follow_id: int) -> int:
    """Stops following (one's own follows only); the count removed, 0 when it was not hers."""
    removed, _kinds = Follow.objects.filter(user=actor, pk=follow_id).delete()
    return removed


def digest_frequency_set(*, actor: User, frequency: str) -> DigestPreference:
    choices = {value for value, _label in DigestPreference._meta.get_field("frequency").choices or ()}
    if frequency not in choices:
        raise ValidationError({"frequency": _("Choose how often to receive the e-mail.")})
    preference, _created = DigestPreference.objects.update_or_create(user=actor, defaults={"frequency": frequency})
    return preference


def _announce(entry: Entry) -> None:
    """After the publication commits, the followers of its topics, governorates and CSO are told
    in the background (robust: with the broker down the publication still succeeds)."""
    entry_id = entry.pk
    transaction.on_commit(lambda: announce_entry.delay(entry_id), robust=True)


def _tell_watchers_of_version(version: EntryVersion) -> None:
    entry = version.entry
    if entry.status != EntryStatus.PUBLISHED or version.number == 1:
        return
    watchers = (
        Follow.objects.filter(entry=entry, level=FollowLevel.WATCH)
        .exclude(user=version.uploaded_by_id)
        .select_related("user")
    )
    for follow in watchers:
        if permissions.can_read(follow.user, entry):
            notify(
                recipient=follow.user,
                kind="commons_new_version",
                context={"entry": entry, "version": version},
                url=reverse("commons:entry_detail", kwargs={"pk": entry.pk}),
            )


@transaction.atomic
def case_study_from_report(*, actor: User, report: GrantReport, language: str, consent: bool) -> Entry:
    """A draft practice told from a grantee's approved final report: what the project set out to
    change, what was done, and whom it reached (by sex and age), for the CSO to finish (the lessons
    are its own) and publish. Taken by one of the CSO's administrators, whose choice, recorded with
    the time, is the CSO's consent; one case study per report (the database refuses a second)."""
    report = (
        GrantReport.objects.select_for_update(of=("self",))
        .select_related("agreement__application__organization", "agreement__application__call")
        .get(pk=report.pk)
    )
    if not permissions.can_share_report(actor, report):
        raise PermissionDenied
    if not consent:
        raise ValidationError({"consent": _("The organisation's consent is needed to publish the report's story.")})
    if Entry.objects.filter(grant_report=report).exists():
        raise ValidationError(_("This final report is already told as a case study."))
    application = report.agreement.application
    organization = application.organization
    reached = _(
        "%(total)s people reached: %(women)s women and %(men)s men aged 15 and over, %(girls)s girls and %(boys)s boys."
    ) % {
        "total": report.beneficiaries,
        "women": report.women_youth + report.women_adult,
        "men": report.men_youth + report.men_adult,
        "girls": report.girls,
        "boys": report.boys,
    }
    topics = [theme for theme in application.call.themes if theme in Topic.values] or [Topic.PROJECT_MANAGEMENT]
    entry = Entry(
        kind=EntryKind.PRACTICE,
        organization=organization,
        centre=organization.nearest_centre,
        author=actor,
        language=language,
        title=(application.title or str(report.agreement))[:200],
        summary=(application.summary or report.narrative)[:1000],
        problem=application.objectives,
        approach=report.narrative,
        results=reached,
        governorates=list(application.locations),
        topics=topics,
        grant_report=report,
        consent_by=actor,
        consent_at=timezone.now(),
    )
    entry.full_clean(exclude=["organization", "centre", "author", "grant_report", "consent_by"])
    with actor_context(actor, action="commons_case_study_from_report"):
        entry.save()
    return entry
