"""Accompaniment: mentoring visits and coaching sessions of a grant, and the actions agreed there."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grants.models.agreements import GrantAgreement


class VisitKind(models.TextChoices):
    VISIT = "visit", _("Mentoring visit")
    COACHING = "coaching", _("Coaching session")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="MentoringVisitEvent")
class MentoringVisit(models.Model):
    """A mentoring visit or coaching session of an accompanied grant, visible to the grantee."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(_("kind"), max_length=8, choices=VisitKind.choices, default=VisitKind.VISIT)
    held_on = models.DateField(_("date"))
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor")
    )
    topics = models.CharField(_("topics"), max_length=300)
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on}"


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up action", "Open")
    DONE = "done", pgettext_lazy("follow-up action", "Done")
    DROPPED = "dropped", pgettext_lazy("follow-up action", "Dropped")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="FollowUpActionEvent")
class FollowUpAction(models.Model):
    """An action agreed at a visit, followed until done."""

    visit = models.ForeignKey(MentoringVisit, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("agreed action"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["pk"]

    def __str__(self):
        return self.description
