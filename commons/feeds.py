"""An Atom feed of the platform's public entries, for all topics or one (`?topic=`): what a reader
without an account would see on the list, newest first."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commons import selectors
from commons.models import Entry, Topic

FEED_SIZE = 30


class EntriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        topic = request.GET.get("topic", "")
        if topic and topic not in Topic.values:
            raise Http404
        return topic

    def title(self, topic: str) -> str:
        name = _("Civil-society platform")
        return f"{name}: {Topic(topic).label}" if topic else name

    def link(self, topic: str) -> str:
        url = reverse("commons:entry_list")
        return f"{url}?topic={topic}" if topic else url

    def subtitle(self, topic: str) -> str:
        return _(
            "Tools, templates, practices and guides that CSOs and the centres share: what worked, and what did not."
        )

    def items(self, topic: str):
        entries = selectors.readable_entries(AnonymousUser())  # public entries only, whoever asks
        if topic:
            entries = entries.filter(topics__contains=[topic])
        return list(selectors.with_reading(entries).order_by("-published_at", "-pk")[:FEED_SIZE])

    def item_title(self, item: Entry) -> str:
        return selectors.reading(item, get_language()).title

    def item_description(self, item: Entry) -> str:
        return selectors.reading(item, get_language()).summary

    def item_link(self, item: Entry) -> str:
        return reverse("commons:entry_detail", args=[item.pk])

    def item_pubdate(self, item: Entry):
        return item.published_at

    def item_author_name(self, item: Entry) -> str:
        return item.organization.name if item.organization else _("Tatweer programme")
