"""Reads of the platform: the entries a person may read, searched and narrowed by facets, and the
text of an entry in the reader's language."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Func, OuterRef, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.lookups import IContains
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import AnyUser, User
from centers.selectors import centres_for_user
from commons import permissions, rules
from commons.models import (
    TRANSLATED_FIELDS,
    Answer,
    Entry,
    EntryStatus,
    EntryTranslation,
    EntryVersion,
    Follow,
    FollowLevel,
    Question,
    Visibility,
)
from grants.models import GrantReport, ReportKind, ReportStatus
from organizations.models import MembershipRole

FACETS = ("kind", "topic", "governorate", "language", "year")


def readable_entries(user: AnyUser) -> QuerySet[Entry]:
    """Published entries the person may read: public ones, and members-only ones for members and
    staff. Hidden, declined, pending and draft entries are never listed."""
    entries = Entry.objects.filter(status=EntryStatus.PUBLISHED)
    if not permissions.can_read_members_only(user):
        entries = entries.filter(visibility=Visibility.PUBLIC)
    return entries


def with_reading(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    """What a list or an entry page shows, in a fixed number of queries."""
    return entries.select_related("organization", "centre").prefetch_related(
        Prefetch("translations", queryset=EntryTranslation.objects.order_by("language"))
    )


def with_pictures(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    """Each entry's latest version that has a thumbnail, as `pictures` (a list of none or one), in
    one query for the whole page (a sliced prefetch: a window per entry)."""
    latest = EntryVersion.objects.exclude(thumbnail="").order_by("entry_id", "-number")[:1]
    return entries.prefetch_related(Prefetch("versions", queryset=latest, to_attr="pictures"))


class Normalised(Func):
    """A text column folded as search compares it: PostgreSQL's translate() with the arguments
    made from commons.rules.SEARCH_FOLDS, the table rules.normalise applies to the query."""

    function = "TRANSLATE"
    output_field = TextField()

    def __init__(self, expression, **extra):
        source, target = rules.search_translate_arguments()
        super().__init__(expression, Value(source), Value(target), **extra)


def _holds(column: str, word: str) -> IContains:
    return IContains(Normalised(column), word)


def search(entries: QuerySet[Entry], text: str = "", **facets: str) -> QuerySet[Entry]:
    """Words in the title, summary or text of the entry or of a translation, and the chosen facets.
    Latin matches whatever the case; Arabic script whatever the keyboard, the hamza on the alef, the
    vowel marks or the digits (rules.SEARCH_FOLDS, on the query and on the text)."""
    for word in rules.normalise(text).split()[:8]:
        translated = EntryTranslation.objects.filter(entry=OuterRef("pk")).filter(
            _holds("title", word) | _holds("summary", word)
        )
        entries = entries.filter(
            _holds("title", word) | _holds("summary", word) | _holds("body", word) | Exists(translated)
        )
    if facets.get("kind"):
        entries = entries.filter(kind=facets["kind"])
    if facets.get("topic"):
        entries = entries.filter(topics__contains=[facets["topic"]])
    if facets.get("governorate"):
        entries = entries.filter(governorates__contains=[facets["governorate"]])
    if facets.get("language"):
        language = facets["language"]
        entries = entries.filter(Q(language=language) | Q(translations__language=language))
    if str(facets.get("year", "")).isdigit():
        entries = entries.filter(published_at__year=int(facets["year"]))
    return entries.distinct()


def facet_counts(entries: QuerySet[Entry]) -> dict[str, Counter]:
    """How many of these entries fall under each value of each facet, in one query."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    rows = entries.order_by().values_list("pk", "kind", "language", "topics", "governorates", "published_at__year")
    for _pk, kind, language, topics, governorates, year in rows:
        counts["kind"][kind] += 1
        counts["language"][language] += 1
        counts["topic"].update(set(topics))
        counts["governorate"].update(set(governorates))
        if year:
            counts["year"][str(year)] += 1
    return counts


@dataclass
class Reading:
    """An entry's title, summary, text and type fields in the language chosen for the reader; a type
    field the translation left blank is the original's (listed in `untranslated`)."""

    language: str
    title: str
    summary: str
    body: str
    translation: EntryTranslation | None = None
    other_languages: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    untranslated: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return self.translation is not None


def reading(entry: Entry, reader_language: str) -> Reading:
    translations = {t.language: t for t in entry.translations.all()}  # prefetched by with_reading
    chosen = rules.chosen_language(reader_language, entry.language, set(translations))
    others = sorted({entry.language, *translations} - {chosen})
    translation = translations.get(chosen) if chosen != entry.language else None
    original = {name: getattr(entry, name) for name in TRANSLATED_FIELDS}
    if translation is not None:
        fields = {name: getattr(translation, name) or original[name] for name in TRANSLATED_FIELDS}
        untranslated = {name for name in TRANSLATED_FIELDS if original[name] and not getattr(translation, name)}
        return Reading(
            chosen,
            translation.title,
            translation.summary,
            translation.body or entry.body,
            translation,
            others,
            fields,
            untranslated | ({"body"} if entry.body and not translation.body else set()),
        )
    return Reading(entry.language, entry.title, entry.summary, entry.body, None, others, original)


def versions_of(entry: Entry) -> list[EntryVersion]:
    return list(entry.versions.select_related("uploaded_by").order_by("-number"))


def review_queue(user: AnyUser) -> QuerySet[Entry]:
    """What the person's centres must look at: entries waiting for review, entries hidden (by a
    moderator or by readers' reports), and entries whose author asked for a second review."""
    waiting = (
        Q(status=EntryStatus.PENDING)
        | Q(status=EntryStatus.HIDDEN)
        | Q(status=EntryStatus.DECLINED, second_review_requested_at__isnull=False)
    )
    return (
        Entry.objects.filter(waiting, centre__in=centres_for_user(user))
        .select_related("organization", "centre", "author")
        .annotate(report_count=Count("reports"))
        .order_by("status", "created_at")
    )


def digest_entries(user: User, since, until) -> list[Entry]:
    """The entries first published in (since, until] that the person may read and follows, by a
    topic, a governorate or a CSO she does not mute. An entry or a CSO she muted is left out; so is
    everything hidden, declined or withdrawn since (only what is published now is listed)."""
    follows = list(Follow.objects.filter(user=user))
    wanted = Q(pk__in=[])
    for follow in follows:
        if follow.level == FollowLevel.MUTE:
            continue
        if follow.topic:
            wanted |= Q(topics__contains=[follow.topic])
        if follow.governorate:
            wanted |= Q(governorates__contains=[follow.governorate])
        if follow.organization_id:
            wanted |= Q(organization_id=follow.organization_id)
    muted_entries = [f.entry_id for f in follows if f.level == FollowLevel.MUTE and f.entry_id]
    muted_csos = [f.organization_id for f in follows if f.level == FollowLevel.MUTE and f.organization_id]
    entries = (
        readable_entries(user)
        .filter(wanted, published_at__gt=since, published_at__lte=until)
        .exclude(pk__in=muted_entries)
        .exclude(organization_id__in=muted_csos)
    )
    return list(with_reading(entries).order_by("published_at", "pk"))


def followers_of(entry: Entry) -> list[User]:
    """Who is told of a newly published entry: people following one of its topics, governorates or
    its CSO (to receive everything or new entries), who may read it, did not write it and did not
    mute the CSO."""
    follows = Q(topic__in=entry.topics) | Q(governorate__in=entry.governorates or ["-"])
    if entry.organization_id:
        follows |= Q(organization_id=entry.organization_id)
    muted = Follow.objects.filter(level=FollowLevel.MUTE).filter(
        Q(organization_id=entry.organization_id) if entry.organization_id else Q(pk__in=[])
    )
    users = (
        User.objects.filter(
            is_active=True, commons_follows__in=Follow.objects.filter(follows).exclude(level=FollowLevel.MUTE)
        )
        .exclude(pk=entry.author_id)
        .exclude(pk__in=muted.values("user_id"))
        .distinct()
        .order_by("pk")
    )
    return [user for user in users if permissions.can_read(user, entry)]


UNANSWERED_AFTER_DAYS = 7


def questions(topic: str = "") -> QuerySet[Question]:
    """The questions, newest first, with how many answers each has and whether one was accepted."""
    found = Question.objects.all()
    if topic:
        found = found.filter(topic=topic)
    return (
        found.select_related("organization", "author")
        .annotate(
            answer_count=Count("answers", distinct=True),
            accepted_count=Count("answers", filter=Q(answers__accepted=True), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def unanswered_questions(user: AnyUser, *, now=None) -> QuerySet[Question]:
    """Questions to the person's centres that have waited a week or more with no answer, oldest first."""
    now = now or timezone.now()
    return (
        Question.objects.filter(
            centre__in=centres_for_user(user),
            created_at__lte=now - dt.timedelta(days=UNANSWERED_AFTER_DAYS),
            answers__isnull=True,
        )
        .select_related("organization", "centre")
        .order_by("created_at", "pk")
    )


def answers_of(question: Question) -> list[Answer]:
    """The accepted answer first, then the others in the order they came."""
    return list(question.answers.select_related("author").order_by("-accepted", "created_at", "pk"))


def citing_entries(user: AnyUser, package_code: str, limit: int = 10) -> list[dict]:
    """The entries the person may read that draw on a training package, newest first, in her language."""
    entries = with_reading(readable_entries(user).filter(training_package__code=package_code)).order_by(
        "-published_at", "-pk"
    )[:limit]
    language = get_language()
    return [{"entry": entry, "reading": reading(entry, language)} for entry in entries]


def shareable_reports(user: AnyUser) -> QuerySet[GrantReport]:
    """The approved final reports of the person's CSOs (where she is an administrator) not yet told
    as a case study."""
    if not user.is_authenticated:
        return GrantReport.objects.none()
    return (
        GrantReport.objects.filter(
            kind=ReportKind.FINAL,
            status=ReportStatus.APPROVED,
            agreement__application__organization__in=permissions.writable_organizations(user).filter(
                memberships__user=user, memberships__role=MembershipRole.ADMIN
            ),
            commons_case_study__isnull=True,
        )
        .select_related("agreement__application__organization")
        .order_by("-reviewed_at", "-pk")
    )
