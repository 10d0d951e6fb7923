from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.forms import PreferencesForm
from notifications.models import NotificationPreference
from notifications.selectors import notifications_for_user
from notifications.services import notification_mark_read, notifications_mark_all_read, preferences_save


@login_required
def notification_list(request):
    page = Paginator(notifications_for_user(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Marks one notification read and follows its link (only to this site), in the language of the
    page it was opened from (the link is stored in the recipient's language)."""
    notification = get_object_or_404(notifications_for_user(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url_for(get_language()))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all(request):
    count = notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
def preferences(request):
    current = dict(NotificationPreference.objects.filter(user=request.user).values_list("kind", "email"))
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, email_by_kind=form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
