from celery import shared_task

from commons import digests


@shared_task
def send_digests() -> int:
    """Daily: the platform's digest e-mails (weekly ones on Mondays); safe to run twice."""
    return digests.digests_due()
