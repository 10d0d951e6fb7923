"""Forms of the exchange-visit pages. The choices (events, CSOs, staff, sessions, entries) come from
the view, read through the selectors; the services check everything again."""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from commons.models import Entry
from organizations.models import Organization
from partnerships.models import FollowUpOutcome, ObservedPractice, Partner
from trainings.models import Event, Session

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"rows": 3, "dir": "auto"}


class _Chooser(forms.ModelChoiceField):
    """A choice of rows shown as the page needs (`describe(row)`, set by the form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe: Callable[[Any], str] = str

    def label_from_instance(self, obj) -> str:
        return self.describe(obj)


def _session_label(session: Session) -> str:
    day = formats.date_format(session.date, "DATE_FORMAT")
    return f"{day} · {session.start_time:%H:%M}–{session.end_time:%H:%M}"


def _person_label(user: User) -> str:
    return user.full_name or user.email


def _entry_label(entry: Entry) -> str:
    return entry.title


def _event_label(event: Event) -> str:
    day = formats.date_format(event.starts_at, "SHORT_DATE_FORMAT") if event.starts_at else ""
    return f"{event.title} · {event.centre.name} · {day}"


class VisitForm(forms.Form):
    """The exchange side of an event: the host (a CSO or a partner), where, and what for. The event
    is chosen when the visit is created, not later."""

    event = _Chooser(label=_("Event"), queryset=Event.objects.none(), empty_label=None)
    host_partner = forms.ModelChoiceField(
        label=_("Host partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("An organisation abroad or outside the programme. Choose a partner or a CSO, not both."),
    )
    host_organization = forms.ModelChoiceField(
        label=_("Host CSO"), queryset=Organization.objects.none(), required=False
    )
    host_country = forms.CharField(
        label=_("Country of the visit"),
        required=False,
        max_length=2,
        help_text=_("Two letters (IQ, JO, TN). Left empty: the host partner's country, or Iraq for a CSO."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    objectives = forms.CharField(label=_("Objectives"), max_length=4000, widget=forms.Textarea(attrs=TEXT))

    def __init__(self, *args, events=None, partners=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if events is None:
            del self.fields["event"]
        else:
            chooser = cast(_Chooser, self.fields["event"])
            chooser.queryset, chooser.describe = events, _event_label
        cast(forms.ModelChoiceField, self.fields["host_partner"]).queryset = (
            partners if partners is not None else Partner.objects.none()
        )
        cast(forms.ModelChoiceField, self.fields["host_organization"]).queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )


class VisitorForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Visiting CSO"), queryset=Organization.objects.none())
    assigned_to = _Chooser(
        label=_("Follow-up by"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Who asks the CSO, 90 days after the visit, what it took up. Empty: you."),
    )

    def __init__(self, *args, organizations=None, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )
        chooser = cast(_Chooser, self.fields["assigned_to"])
        chooser.queryset = assignees if assignees is not None else User.objects.none()
        chooser.describe = _person_label


class AssignForm(forms.Form):
    assigned_to = _Chooser(label=_("Follow-up by"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = cast(_Chooser, self.fields["assigned_to"])
        chooser.queryset = assignees if assignees is not None else User.objects.none()
        chooser.describe = _person_label


class ItineraryForm(forms.Form):
    session = _Chooser(label=_("Session"), queryset=Session.objects.none(), empty_label=None)
    place = forms.CharField(label=_("Place"), max_length=250, widget=forms.TextInput(attrs={"dir": "auto"}))
    activity = forms.CharField(label=_("Activity"), max_length=4000, widget=forms.Textarea(attrs=TEXT))
    hosted_by = forms.CharField(
        label=_("Received by"), max_length=200, required=False, widget=forms.TextInput(attrs={"dir": "auto"})
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = cast(_Chooser, self.fields["session"])
        chooser.queryset = sessions if sessions is not None else Session.objects.none()
        chooser.describe = _session_label


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Practice"), max_length=250, widget=forms.TextInput(attrs={"dir": "auto"}))
    description = forms.CharField(
        label=_("What was observed"), max_length=4000, required=False, widget=forms.Textarea(attrs=TEXT)
    )
    entry = _Chooser(
        label=_("Platform entry that documents it"),
        queryset=Entry.objects.none(),
        required=False,
        help_text=_("A published tool, practice or guide of the civil-society platform (optional)."),
    )

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = cast(_Chooser, self.fields["entry"])
        chooser.queryset = entries if entries is not None else Entry.objects.none()
        chooser.describe = _entry_label


class FollowUpForm(forms.Form):
    """What a visiting CSO did with what it saw, 90 days on."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUpOutcome.choices, widget=forms.RadioSelect)
    explanation = forms.CharField(
        label=_("What changed, or why not"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices taken up"),
        queryset=ObservedPractice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    adopted_on = forms.DateField(
        label=_("In use since"),
        required=False,
        widget=DATE,
        help_text=_("For a practice adopted or adapted: not before the visit, not a day ahead."),
    )

    def __init__(self, *args, practices=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["practices"]).queryset = (
            practices if practices is not None else ObservedPractice.objects.none()
        )


class FollowUpFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("To do")), ("recorded", _("Recorded")), ("all", _("All"))],
    )
