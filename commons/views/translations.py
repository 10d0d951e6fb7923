"""The pages around an entry that are not the entry itself: its translations by people, what a CSO
that used it says changed three months on, and what the person follows (with how often the digest
e-mail comes)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commons import permissions, selectors, services
from commons.forms import DigestForm, FollowUpForm, TranslationForm
from commons.models import DigestPreference, Entry, EntryTranslation, Follow, Uptake
from core.forms import posted
from core.permissions import require
from core.viewhelpers import run_service, submitted


def _translatable(request, pk) -> Entry:
    entry = get_object_or_404(selectors.with_reading(Entry.objects.all()), pk=pk)
    if not permissions.can_read(request.user, entry) or not permissions.can_translate(request.user, entry):
        raise Http404
    return entry


@require(permissions.is_signed_in)
def translation_list(request, pk):
    entry = _translatable(request, pk)
    done = {t.language: t for t in entry.translations.select_related("translator")}
    languages = [
        {"code": code, "name": name, "translation": done.get(code)}
        for code, name in settings.LANGUAGES
        if code != entry.language
    ]
    return render(
        request,
        "commons/translation_list.html",
        {"entry": entry, "languages": languages, "original": dict(settings.LANGUAGES).get(entry.language)},
    )


@require(permissions.is_signed_in)
def translation_edit(request, pk, language):
    entry = _translatable(request, pk)
    names = dict(settings.LANGUAGES)
    if language not in names or language == entry.language:
        raise Http404
    existing = EntryTranslation.objects.filter(entry=entry, language=language).first()
    form = TranslationForm(posted(request), instance=existing, entry=entry)
    if submitted(request, form):
        data = dict(form.cleaned_data)
        if run_service(
            request,
            lambda: services.translation_save(actor=request.user, entry=entry, language=language, data=data),
            form=form,
            success=_("The translation is saved; readers of that language now see it."),
        ):
            return redirect("commons:entry_detail", pk=entry.pk)
    return render(
        request,
        "commons/translation_form.html",
        {"entry": entry, "form": form, "language": language, "language_name": names[language]},
    )


@require(permissions.is_member_of_any)
def uptake_follow_up(request, pk):
    uptake = get_object_or_404(Uptake.objects.select_related("entry", "organization"), pk=pk)
    if not permissions.can_follow_up(request.user, uptake):
        raise Http404
    form = FollowUpForm(posted(request), instance=Uptake.objects.get(pk=uptake.pk))
    if submitted(request, form) and run_service(
        request,
        lambda: services.uptake_follow_up(actor=request.user, uptake=uptake, text=form.cleaned_data["follow_up"]),
        form=form,
        success=_("Thank you. What changed is recorded as evidence of the platform's use."),
    ):
        return redirect("commons:entry_detail", pk=uptake.entry_id)
    return render(request, "commons/uptake_follow_up.html", {"uptake": uptake, "form": form})


@require(permissions.is_signed_in)
def following(request):
    preference = DigestPreference.objects.filter(user=request.user).first()
    form = DigestForm(posted(request), instance=preference)
    if submitted(request, form) and run_service(
        request,
        lambda: services.digest_frequency_set(actor=request.user, frequency=form.cleaned_data["frequency"]),
        form=form,
        success=_("Saved."),
    ):
        return redirect("commons:following")
    follows = (
        Follow.objects.filter(user=request.user)
        .select_related("organization", "entry", "question")
        .order_by("created_at", "pk")
    )
    return render(request, "commons/following.html", {"form": form, "follows": follows})


@require(permissions.is_signed_in)
@require_POST
def follow_remove(request, pk):
    if not services.follow_remove(actor=request.user, follow_id=pk):
        raise Http404
    return redirect("commons:following")
