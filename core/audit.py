"""The audit trail. Models that carry money, decisions or access rights are tracked with
django-pghistory (database triggers, so bulk updates are recorded too). Requests attach the acting
user and URL through pghistory's middleware; services called elsewhere (tasks, commands) wrap their
writes in `actor_context` so every event still names who did it."""

import pghistory


def actor_context(actor, **metadata):
    return pghistory.context(user=getattr(actor, "pk", None), **metadata)
