"""The platform's public pages: the entries, searched and narrowed by facets, and each entry in the
reader's language. Both work without JavaScript and without signing in for public entries."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commons import permissions, selectors, services
from commons.forms import CaseStudyForm, EntryForm, FollowForm, ReasonForm, ReportForm, SearchForm, UptakeForm
from commons.models import Entry, EntryKind, EntryStatus, Follow, Topic
from commons.workflows import ENTRY
from core.forms import posted, query_without_page
from core.geography import Governorate
from core.pagecache import public_page
from core.permissions import require
from core.viewhelpers import run_service, submitted

PAGE_SIZE = 20
MODERATION_ACTIONS = frozenset({"approve", "decline", "hide", "restore"})


@public_page
def entry_list(request):
    form = SearchForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    readable = selectors.readable_entries(request.user)
    facets = {name: chosen.get(name) or "" for name in selectors.FACETS}
    found = selectors.search(readable, chosen.get("q", ""), **{k: str(v) for k, v in facets.items()})
    listed = selectors.with_pictures(selectors.with_reading(found)).order_by("-published_at", "-pk")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
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
        "follow": _facet_follow(request.user, chosen),
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


def _entry_page(request, entry: Entry, **forms):
    reading = selectors.reading(entry, get_language())
    names = dict(settings.LANGUAGES)
    user = request.user
    moderator = permissions.can_moderate(user, entry)
    context = {
        "entry": entry,
        "reading": reading,
        "original_language": names.get(entry.language, entry.language),
        "other_languages": [names.get(code, code) for code in reading.other_languages],
        "versions": selectors.versions_of(entry),
        "members_see_author": permissions.can_read_members_only(user),
        "can_edit": permissions.can_edit(user, entry) and entry.status != EntryStatus.HIDDEN,
        "can_translate": permissions.can_translate(user, entry) and entry.status != EntryStatus.HIDDEN,
        "topics": [(code, Topic(code).label) for code in entry.topics if code in Topic.values],
        "governorates": [Governorate(code).label for code in entry.governorates if code in Governorate.values],
        "moderation": {
            "actions": sorted(ENTRY.actions_for(entry, user) & MODERATION_ACTIONS),
            "steps": entry.moderation_steps.select_related("actor").order_by("created_at", "pk"),
            "reports": entry.reports.order_by("created_at"),
            "form": forms.get("moderation_form") or ReasonForm(),
        }
        if moderator
        else None,
        "report_form": (forms.get("report_form") or ReportForm()) if permissions.can_report(user, entry) else None,
        "uptake_form": _uptake_form(user, entry),
        "used_by": entry.uptakes.count(),
        "follow": _follow_of(user, entry),
        # Kept in this browser for reading offline (static/js/offline.js; docs/commons.md, "Offline copies").
        "can_save_offline": user.is_authenticated and entry.status == EntryStatus.PUBLISHED,
        "second_review_form": (forms.get("second_review_form") or ReasonForm())
        if permissions.can_ask_second_review(user, entry)
        else None,
    }
    return render(request, "commons/entry_detail.html", context)


def _uptake_form(user, entry: Entry) -> UptakeForm | None:
    if not user.is_authenticated or entry.status != EntryStatus.PUBLISHED:
        return None
    used = entry.uptakes.values_list("organization_id", flat=True)
    choices = _used_by_others(user, entry).exclude(pk__in=used)
    return UptakeForm(organizations=choices) if choices.exists() else None


def _follow_of(user, entry: Entry) -> dict | None:
    """The forms to follow the entry and its CSO, with the person's current levels."""
    if not user.is_authenticated or entry.status != EntryStatus.PUBLISHED:
        return None
    mine = {
        (f.entry_id, f.organization_id): f
        for f in Follow.objects.filter(user=user).filter(Q(entry=entry) | Q(organization=entry.organization_id))
    }
    current = mine.get((entry.pk, None))
    follows: dict[str, Any] = {
        "form": FollowForm(initial={"entry": entry.pk, "level": current.level if current else "watch"}),
        "current": current,
    }
    if entry.organization_id:
        of_cso = mine.get((None, entry.organization_id))
        follows["organization"] = {
            "form": FollowForm(
                initial={"organization": entry.organization_id, "level": of_cso.level if of_cso else "new"}
            ),
            "current": of_cso,
        }
    return follows


def _facet_follow(user, chosen: dict) -> dict | None:
    """When the list is narrowed to one topic or governorate, the form to follow it."""
    if not user.is_authenticated:
        return None
    for name in ("topic", "governorate"):
        value = chosen.get(name)
        if value:
            current = Follow.objects.filter(user=user, **{name: value}).first()
            return {
                "name": name,
                "form": FollowForm(initial={name: value, "level": current.level if current else "new"}),
                "current": current,
            }
    return None


def _entry_or_404(request, pk) -> Entry:
    entry = get_object_or_404(selectors.with_reading(Entry.objects.all()), pk=pk)
    if not permissions.can_read(request.user, entry):
        raise Http404
    return entry


def entry_detail(request, pk):
    return _entry_page(request, _entry_or_404(request, pk))


@require(permissions.moderates_somewhere)
def review_queue(request):
    return render(request, "commons/review_queue.html", {"entries": selectors.review_queue(request.user)})


@require(permissions.moderates_somewhere)
@require_POST
def entry_moderate(request, pk, action):
    """Approve, decline, hide or show again; a decline or a hiding says why."""
    entry = _entry_or_404(request, pk)
    if action not in MODERATION_ACTIONS or not permissions.can_moderate(request.user, entry):
        raise Http404
    form = ReasonForm(request.POST)
    if submitted(request, form) and run_service(
        request,
        lambda: services.entry_moderate(
            actor=request.user, entry=entry, action=action, reason=form.cleaned_data["reason"]
        ),
        form=form,
        success=_("Done. The author is told, in her language."),
    ):
        return redirect("commons:entry_detail", pk=entry.pk)
    return _entry_page(request, _entry_or_404(request, pk), moderation_form=form)


@require(permissions.is_signed_in)
@require_POST
def entry_report(request, pk):
    entry = _entry_or_404(request, pk)
    form = ReportForm(request.POST)
    if submitted(request, form) and run_service(
        request,
        lambda: services.entry_report(actor=request.user, entry=entry, **form.cleaned_data),
        form=form,
        success=_("Thank you. The moderators of the centre will look at it."),
    ):
        return (
            redirect("commons:entry_detail", pk=entry.pk)
            if permissions.can_read(request.user, Entry.objects.get(pk=entry.pk))
            else redirect("commons:entry_list")
        )
    return _entry_page(request, entry, report_form=form)


@require(permissions.is_signed_in)
@require_POST
def second_review(request, pk):
    entry = _entry_or_404(request, pk)
    if not permissions.can_edit(request.user, entry):
        raise Http404
    form = ReasonForm(request.POST)
    if submitted(request, form) and run_service(
        request,
        lambda: services.second_review_request(actor=request.user, entry=entry, reason=form.cleaned_data["reason"]),
        form=form,
        success=_("A moderator will look at the entry again."),
    ):
        return redirect("commons:entry_detail", pk=entry.pk)
    return _entry_page(request, entry, second_review_form=form)


def _save_entry(request, form: EntryForm, entry: Entry | None) -> Entry | None:
    """Saves the draft, adds the file as a new version, and publishes (or sends for review) when
    asked; one transaction, so a refused step leaves nothing half-saved."""
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("organization", "file", "change_note")}

    def save() -> Entry:
        with transaction.atomic():
            saved = services.entry_save(
                actor=request.user,
                organization=form.cleaned_data.get("organization"),
                entry=entry,
                data=data,
            )
            if form.cleaned_data.get("file"):
                services.version_add(
                    actor=request.user,
                    entry=saved,
                    file=form.cleaned_data["file"],
                    change_note=form.cleaned_data["change_note"],
                )
            if "publish" in request.POST:
                saved = services.entry_submit(actor=request.user, entry=saved)
            return saved

    def said(saved: Entry) -> str:
        if saved.status == EntryStatus.PENDING:
            return _("Sent for review: the centre's moderators will look at it before it is shown.")
        if saved.status == EntryStatus.PUBLISHED and "publish" in request.POST:
            return _("Published.")
        return _("The draft is saved.")

    outcome = run_service(request, save, form=form, success=said)
    return outcome.value if outcome else None


@require(permissions.can_write)
def entry_add(request):
    organizations = permissions.writable_organizations(request.user)
    form = EntryForm(
        posted(request),
        request.FILES or None,
        organizations=organizations,
        programme=permissions.is_expert(request.user),
    )
    if submitted(request, form):
        saved = _save_entry(request, form, None)
        if saved:
            return redirect("commons:entry_detail", pk=saved.pk)
    return render(request, "commons/entry_form.html", {"form": form, "entry": None})


@require(permissions.is_signed_in)
def entry_edit(request, pk):
    entry = get_object_or_404(Entry, pk=pk)
    if not permissions.can_edit(request.user, entry):
        raise Http404
    form = EntryForm(posted(request), request.FILES or None, instance=Entry.objects.get(pk=entry.pk))
    if submitted(request, form):
        saved = _save_entry(request, form, entry)
        if saved:
            return redirect("commons:entry_detail", pk=saved.pk)
    can_publish = bool(ENTRY.actions_for(entry, request.user) & {"submit", "publish"})
    return render(request, "commons/entry_form.html", {"form": form, "entry": entry, "can_publish": can_publish})


@require(permissions.is_signed_in)
def my_entries(request):
    """What the person's CSOs (and she, for the programme) have written, in every state."""
    organizations = permissions.writable_organizations(request.user)
    entries = (
        Entry.objects.filter(Q(organization__in=organizations) | Q(organization__isnull=True, author=request.user))
        .select_related("organization")
        .order_by("-updated_at")
    )
    context = {
        "entries": entries,
        "can_write": permissions.can_write(request.user),
        "reports": list(selectors.shareable_reports(request.user)),
    }
    return render(request, "commons/my_entries.html", context)


def _used_by_others(user, entry: Entry):
    """The person's CSOs that may say they used the entry: all but the entry's own."""
    organizations = permissions.writable_organizations(user)
    return organizations.exclude(pk=entry.organization_id) if entry.organization_id else organizations


@require(permissions.is_member_of_any)
@require_POST
def entry_used(request, pk):
    """ "We used this", for one of the person's CSOs (not the entry's own)."""
    entry = _entry_or_404(request, pk)
    form = UptakeForm(request.POST, organizations=_used_by_others(request.user, entry))
    if submitted(request, form):
        run_service(
            request,
            lambda: services.uptake_mark(
                actor=request.user, entry=entry, organization=form.cleaned_data["organization"]
            ),
            success=_("Thank you. Your organisation is counted among those that used it."),
        )
    else:
        messages.error(request, _("Choose one of your organisations."))
    return redirect("commons:entry_detail", pk=entry.pk)


@require(permissions.is_signed_in)
@require_POST
def follow(request):
    form = FollowForm(request.POST)
    target = None
    if form.is_valid():
        target = {k: v for k, v in form.cleaned_data.items() if k != "level" and v}
    entry = form.cleaned_data.get("entry") if form.is_valid() else None
    if entry is not None and not permissions.can_read(request.user, entry):
        raise Http404
    if form.is_valid() and form.cleaned_data.get("question") and not permissions.can_read_questions(request.user):
        raise Http404
    if target is not None:
        run_service(
            request,
            lambda: services.follow_set(actor=request.user, level=form.cleaned_data["level"], **target),
            success=_("Saved."),
        )
    else:
        messages.error(request, _("Choose what to receive."))
    back = request.POST.get("next", "")
    # Only a path of this site: a bare word would be taken by redirect() for a URL name.
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(back)
    question = form.cleaned_data.get("question") if form.is_valid() else None
    if question is not None:
        return redirect("commons:question_detail", pk=question.pk)
    return redirect("commons:entry_detail", pk=entry.pk) if entry else redirect("commons:entry_list")


@require(permissions.is_member_of_any)
def case_study_new(request, report_pk):
    """A CSO administrator tells an approved final report as a case study: a draft practice made
    from the report, which she finishes and publishes like any entry."""
    report = get_object_or_404(
        selectors.shareable_reports(request.user).select_related("agreement__application"), pk=report_pk
    )
    form = CaseStudyForm(posted(request), initial={"language": get_language()})
    if submitted(request, form):
        outcome = run_service(
            request,
            lambda: services.case_study_from_report(
                actor=request.user,
                report=report,
                language=form.cleaned_data["language"],
                consent=form.cleaned_data["consent"],
            ),
            form=form,
            success=_("The draft is made from the report. Add what you learnt, then publish it."),
        )
        if outcome:
            return redirect("commons:entry_edit", pk=outcome.value.pk)
    return render(request, "commons/case_study_form.html", {"report": report, "form": form})
