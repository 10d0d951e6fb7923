"""Forms of the platform's pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commons.models import EntryKind, ReportReason, Topic
from core.geography import Governorate


def _any(choices) -> list:
    return [("", _("All")), *choices]


class SearchForm(forms.Form):
    """The search of the entry list: words and facets, all optional (a GET form: works without JavaScript)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=_any(EntryKind.choices))
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=_any(Topic.choices))
    governorate = forms.ChoiceField(label=_("Governorate"), required=False, choices=_any(Governorate.choices))
    language = forms.ChoiceField(label=_("Language"), required=False, choices=_any(settings.LANGUAGES))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class ReasonForm(forms.Form):
    """A moderator's reason (needed to decline or hide), or an author's case for a second review."""

    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=ReportReason.choices)
    comment = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
