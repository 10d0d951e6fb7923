"""What partnerships tells people in the background, each message at most once (notify_once keys),
in the recipient's language. One block per sub-domain."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.services import notify_once
from partnerships import permissions
from partnerships.models import VisitingOrganization
from partnerships.selectors import agreements as agreement_selectors
from partnerships.services.visits import follow_up_dates_refresh

# --- agreements ---
# Reminders before an active agreement expires, in days; the tightest one that applies is sent.
EXPIRY_THRESHOLDS = (60, 14)


def expiry_threshold(days_left: int) -> int | None:
    """The reminder an agreement ending in `days_left` days is due (14 once within 14 days, else
    60 within 60 days); None further out or once ended."""
    if days_left < 0:
        return None
    return next((t for t in sorted(EXPIRY_THRESHOLDS) if days_left <= t), None)


class _Recipients:
    """The programme admins and each centre's managers, read once per run."""

    def __init__(self) -> None:
        self.admins = agreement_selectors.programme_admins()
        self.by_centre: dict[int | None, list] = {}

    def of(self, agreement, *also) -> list:
        if agreement.centre_id not in self.by_centre:
            self.by_centre[agreement.centre_id] = agreement_selectors.managers_of(agreement.centre)
        people = [*self.admins, *self.by_centre[agreement.centre_id], *also]
        return list({person.pk: person for person in people if person is not None and person.is_active}.values())


def agreement_expiry_reminders(*, today: dt.date | None = None) -> int:
    """Tells the programme admins and the centre's managers, 60 and 14 days before an active
    agreement ends, once per threshold and person (the key names the end date: a later end date
    is a new reminder). The number told."""
    today = today or timezone.localdate()
    recipients = _Recipients()
    told = 0
    for agreement in agreement_selectors.agreements_ending(today, max(EXPIRY_THRESHOLDS)):
        days_left = agreement.days_to_expiry(today)
        threshold = None if days_left is None else expiry_threshold(days_left)
        if threshold is None:
            continue
        parties = ", ".join(str(party.party) for party in agreement.parties.all())
        for person in recipients.of(agreement):
            told += bool(
                notify_once(
                    key=f"partnerships-agreement-{agreement.pk}-ends-{agreement.ends_on}-{threshold}-{person.pk}",
                    recipient=person,
                    kind="partnerships_agreement_expiring",
                    context={"agreement": agreement, "days": days_left, "parties": parties},
                    url=reverse("partnerships:agreement_detail", kwargs={"pk": agreement.pk}),
                )
            )
    return told


def obligation_overdue_reminders(*, today: dt.date | None = None) -> int:
    """Tells the person who follows an overdue open obligation up, the programme admins and the
    centre's managers, once per obligation, due date and person. The number told."""
    today = today or timezone.localdate()
    recipients = _Recipients()
    told = 0
    for obligation in agreement_selectors.obligations_overdue(today):
        agreement = obligation.agreement
        for person in recipients.of(agreement, obligation.owner):
            told += bool(
                notify_once(
                    key=f"partnerships-obligation-{obligation.pk}-due-{obligation.due_on}-{person.pk}",
                    recipient=person,
                    kind="partnerships_obligation_overdue",
                    context={
                        "obligation": obligation,
                        "agreement": agreement,
                        "party": obligation.party.party,
                        "days": (today - obligation.due_on).days,
                    },
                    url=reverse("partnerships:agreement_detail", kwargs={"pk": agreement.pk}),
                )
            )
    return told


def agreement_reminders_due(*, today: dt.date | None = None) -> int:
    """The nightly reminders of agreements: expiry and overdue obligations (safe to run twice)."""
    return agreement_expiry_reminders(today=today) + obligation_overdue_reminders(today=today)


# --- end agreements ---

# --- exchange visits ---


def visit_follow_ups_due(*, today: dt.date | None = None) -> int:
    """Tells the person a visiting CSO's follow-up is given to, on the day it falls due (or at the
    next run), once per follow-up and person: the key names both, so a follow-up given to someone
    else is told to her too. The due dates first follow the events' sessions. The number told."""
    today = today or timezone.localdate()
    follow_up_dates_refresh()
    due = VisitingOrganization.objects.filter(
        outcome="", follow_up_due_on__lte=today, reminded_at__isnull=True, assigned_to__isnull=False
    ).select_related("organization", "assigned_to", "visit__event__centre")
    told = 0
    for visiting in due:
        assignee = visiting.assigned_to
        if assignee is None or not assignee.is_active or not permissions.can_record_follow_up(assignee, visiting):
            continue  # nobody told: left unreminded, for when the account is back or the follow-up reassigned
        with transaction.atomic():
            if notify_once(
                key=f"partnerships-visit-follow-up-{visiting.pk}-{assignee.pk}",
                recipient=assignee,
                kind="partnerships_visit_follow_up",
                context={
                    "visiting": visiting,
                    "event": visiting.visit.event,
                    "organization": visiting.organization,
                },
                url=reverse("partnerships:follow_up_record", kwargs={"pk": visiting.pk}),
            ):
                told += 1
            # Sent now, or already (the key names the follow-up and the person): she has been told.
            VisitingOrganization.objects.filter(pk=visiting.pk).update(reminded_at=timezone.now())
    return told


# --- end visits ---
