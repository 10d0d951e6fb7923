from celery import shared_task

from commons import alerts, digests


@shared_task
def send_digests() -> int:
    """Daily: the platform's digest e-mails (weekly ones on Mondays); safe to run twice."""
    return digests.digests_due()


@shared_task
def announce_entry(entry_id: int) -> int:
    """Tells the followers of a newly published entry (once each, so a retried task tells no one twice)."""
    return alerts.entry_announce(entry_id=entry_id)


@shared_task
def ask_uptake_follow_ups() -> int:
    """Daily: asks the CSOs that used an entry three months ago what changed (once per use)."""
    return alerts.uptake_follow_ups_due()
