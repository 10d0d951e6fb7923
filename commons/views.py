"""The platform's public pages: the entries, searched and narrowed by facets, and each entry in the
reader's language. Both work without JavaScript and without signing in for public entries."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from commons import permissions, selectors
from commons.forms import SearchForm
from commons.models import Entry, EntryKind, Topic
from core.forms import query_without_page
from core.geography import Governorate

PAGE_SIZE = 20


def entry_list(request):
    form = SearchForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    readable = selectors.readable_entries(request.user)
    facets = {name: chosen.get(name) or "" for name in selectors.FACETS}
    found = selectors.search(readable, chosen.get("q", ""), **{k: str(v) for k, v in facets.items()})
    page = Paginator(selectors.with_reading(found).order_by("-published_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    language = get_language()
    rows = [{"entry": entry, "reading": selectors.reading(entry, language)} for entry in page.object_list]
    counts = selectors.facet_counts(found)
    labels = {
        "kind": dict(EntryKind.choices),
        "topic": dict(Topic.choices),
        "governorate": dict(Governorate.choices),
        "language": dict(settings.LANGUAGES),
    }
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query_without_page(request),
        "total": page.paginator.count,
        "facets": [
            {
                "name": name,
                "label": form.fields[name].label,
                "values": sorted(
                    ((value, labels.get(name, {}).get(value, value), count) for value, count in counts[name].items()),
                    key=lambda item: (-item[2], str(item[1])),
                ),
            }
            for name in ("kind", "topic", "governorate", "language", "year")
        ],
    }
    return render(request, "commons/entry_list.html", context)


def entry_detail(request, pk):
    entry = get_object_or_404(selectors.with_reading(Entry.objects.all()), pk=pk)
    if not permissions.can_read(request.user, entry):
        raise Http404
    reading = selectors.reading(entry, get_language())
    names = dict(settings.LANGUAGES)
    context = {
        "entry": entry,
        "reading": reading,
        "original_language": names.get(entry.language, entry.language),
        "other_languages": [names.get(code, code) for code in reading.other_languages],
        "versions": selectors.versions_of(entry),
        "members_see_author": permissions.can_read_members_only(request.user),
        "topics": [(code, Topic(code).label) for code in entry.topics if code in Topic.values],
        "governorates": [Governorate(code).label for code in entry.governorates if code in Governorate.values],
    }
    return render(request, "commons/entry_detail.html", context)
