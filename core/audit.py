"""The audit trail. Models that carry money, decisions or access rights are tracked with
django-pghistory (database triggers, so bulk updates are recorded too). Requests attach the acting
user and URL through pghistory's middleware; services called elsewhere (tasks, commands) wrap their
writes in `actor_context` so every event still names who did it."""

import pghistory
from django.apps import apps
from pghistory.models import Event, Events


def actor_context(actor, **metadata):
    return pghistory.context(user=getattr(actor, "pk", None), **metadata)


def events(*, model: str = "", user_id: int | None = None, since=None, until=None, obj_id: str = ""):
    """Every audit event (all history tables, newest first), filtered. Uses pghistory's Events view,
    which reads the event tables as one."""
    selection = Events.objects.all()
    if model:
        selection = selection.filter(pgh_obj_model=model)
    if obj_id:
        selection = selection.filter(pgh_obj_id=obj_id)
    if user_id is not None:
        selection = selection.filter(pgh_context__user=user_id)
    if since:
        selection = selection.filter(pgh_created_at__date__gte=since)
    if until:
        selection = selection.filter(pgh_created_at__date__lte=until)
    # The diff is left out here: pghistory computes it with a window over every event table, which
    # is slow on a large history; `diffs` adds it for the rows of one page.
    return selection.order_by("-pgh_created_at", "-pgh_id").values(
        "pgh_slug", "pgh_obj_model", "pgh_obj_id", "pgh_label", "pgh_created_at", "pgh_context"
    )


def diffs(rows) -> dict[str, dict]:
    """The changed fields of these events ({slug: {field: [old, new]}}): one query per kind of
    record on the page, each reading only that record's history table."""
    by_model: dict[str, list[str]] = {}
    for row in rows:
        by_model.setdefault(row["pgh_obj_model"], []).append(row["pgh_slug"])
    found: dict[str, dict] = {}
    for model, slugs in by_model.items():
        found.update(Events.objects.filter(pgh_obj_model=model, pgh_slug__in=slugs).values_list("pgh_slug", "pgh_diff"))
    return found


def tracked_models() -> list[tuple[str, str]]:
    """(label "app.Model", verbose name) of every model that has a history, for the filter."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if issubclass(model, Event) and tracked is not None:
            found[tracked._meta.label] = str(tracked._meta.verbose_name).capitalize()
    return sorted(found.items(), key=lambda item: item[1])
