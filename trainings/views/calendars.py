"""Calendars: a centre's month or week of sessions, and the iCalendar feeds (a centre's, a person's)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from centers.models import Center
from trainings import calendar
from trainings.signed_links import ical_token, ical_user_pk


def _month_start(request, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET["month"] + "-01") if request.GET.get("month") else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


def _week(request, centre, today: dt.date) -> dict:
    try:
        start = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        start = today
    start -= dt.timedelta(days=(start.weekday() - 5) % 7)  # back to Saturday
    days = [start + dt.timedelta(days=i) for i in range(7)]
    sessions = list(calendar.sessions_between(centre=centre, start=days[0], end=days[-1], user=request.user))
    week = [{"date": d, "sessions": [s for s in sessions if s.date == d]} for d in days]
    return {"week": week, "previous": days[0] - dt.timedelta(days=7), "next": days[0] + dt.timedelta(days=7)}


def _month(request, centre, first: dt.date) -> dict:
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    sessions = calendar.sessions_between(centre=centre, start=first, end=last, user=request.user)
    return {
        "weeks": calendar.month_grid(first.year, first.month, sessions),
        "previous": (first - dt.timedelta(days=1)).replace(day=1),
        "next": last + dt.timedelta(days=1),
    }


def centre_calendar(request, slug):
    """A centre's month (or week) of sessions. Staff of the centre also see drafts."""
    centre: Center = get_object_or_404(Center.objects.filter(is_active=True), slug=slug)
    today = timezone.localdate()
    first = _month_start(request, today)
    view = "week" if request.GET.get("view") == "week" else "month"
    context = _week(request, centre, today) if view == "week" else _month(request, centre, first)
    context.update({"centre": centre, "first": first, "view": view, "today": today})
    return render(request, "trainings/calendar.html", context)


def centre_ical(request, slug):
    centre: Center = get_object_or_404(Center.objects.filter(is_active=True), slug=slug)
    today = timezone.localdate()
    sessions = calendar.sessions_between(
        centre=centre, start=today - dt.timedelta(days=30), end=today + dt.timedelta(days=365)
    )
    response = HttpResponse(calendar.ical(sessions, centre.name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{centre.slug}.ics"'
    return response


@login_required
def my_ical_link(request):
    """The person's own feed address: signed, so a calendar app can read it without signing in."""
    url = request.build_absolute_uri(reverse("trainings:person_ical", args=[ical_token(request.user)]))
    return render(request, "trainings/ical_link.html", {"url": url})


def person_ical(request, token):
    try:
        user_pk = ical_user_pk(token)
    except signing.BadSignature as error:
        raise Http404 from error
    sessions = calendar.sessions_of_person(user_pk, since=timezone.localdate() - dt.timedelta(days=30))
    response = HttpResponse(calendar.ical(sessions, "Tatweer"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tatweer.ics"'
    return response
