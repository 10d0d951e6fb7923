"""Reads of the platform: the entries a person may read, searched and narrowed by facets, and the
text of an entry in the reader's language."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import AnyUser, User
from centers.selectors import centres_for_user
from commons import permissions, rules
from commons.models import Entry, EntryStatus, EntryTranslation, EntryVersion, Follow, FollowLevel, Visibility

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


def search(entries: QuerySet[Entry], text: str = "", **facets: str) -> QuerySet[Entry]:
    """Words in the title, summary or text of the entry or of a translation (Arabic script and Latin
    alike), and the chosen facets."""
    for word in text.split()[:8]:
        entries = entries.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(translations__title__icontains=word)
            | Q(translations__summary__icontains=word)
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
    """An entry's title, summary and text in the language chosen for the reader."""

    language: str
    title: str
    summary: str
    body: str
    translation: EntryTranslation | None = None
    other_languages: list[str] = field(default_factory=list)

    @property
    def translated(self) -> bool:
        return self.translation is not None


def reading(entry: Entry, reader_language: str) -> Reading:
    translations = {t.language: t for t in entry.translations.all()}  # prefetched by with_reading
    chosen = rules.chosen_language(reader_language, entry.language, set(translations))
    others = sorted({entry.language, *translations} - {chosen})
    translation = translations.get(chosen) if chosen != entry.language else None
    if translation is not None:
        return Reading(chosen, translation.title, translation.summary, translation.body, translation, others)
    return Reading(entry.language, entry.title, entry.summary, entry.body, None, others)


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
