"""Forms of the platform's pages."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commons import rules
from commons.models import (
    ENTRY_FIELDS,
    TRANSLATED_FIELDS,
    DigestPreference,
    Entry,
    EntryKind,
    EntryTranslation,
    FollowLevel,
    Question,
    ReportReason,
    Topic,
    Uptake,
)
from core.geography import Governorate
from organizations.models import Organization, TargetGroup


def safe_text(body: str) -> str:
    """Rich text as typed, or the form's error when it holds what the sanitiser would strip as
    unsafe (the person sees why, rather than a saved text other than the one she wrote)."""
    if rules.dangerous_markup(body):
        raise forms.ValidationError(
            _(
                "The text holds parts that are not allowed (a script, a style, a frame or an event handler). "
                "Remove them and save again."
            )
        )
    return body


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


class EntryForm(forms.ModelForm):
    """An entry as its writers fill it in. Saving keeps a draft; what each type needs is checked
    when it is published (commons.services.submit_problems)."""

    organization = forms.ModelChoiceField(
        label=_("Published by"), queryset=Organization.objects.none(), required=False, empty_label=None
    )
    topics = forms.MultipleChoiceField(label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple)
    governorates = forms.MultipleChoiceField(
        label=_("Governorates"), choices=Governorate.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    field_order = ["organization"]  # the byline first; the rest as listed below, the file at the end
    file = forms.FileField(label=_("File (a new version)"), required=False)
    change_note = forms.CharField(label=_("What changed in this file"), required=False, max_length=500)

    class Meta:
        model = Entry
        fields = list(ENTRY_FIELDS)
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 3, "dir": "auto"})
                for name in (
                    "summary",
                    "purpose",
                    "problem",
                    "approach",
                    "results",
                    "lessons",
                    "did_not_work",
                    "partners",
                )
            },
            "body": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "body": _("Paragraphs, headings, lists, links and tables are kept; scripts and styles are not allowed."),
        }

    def __init__(self, *args, organizations=None, programme: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = cast(forms.ModelChoiceField, self.fields["organization"])
        chooser.queryset = organizations if organizations is not None else Organization.objects.none()
        if programme:
            chooser.required = False
            chooser.empty_label = _("The Tatweer programme")
        if self.instance.pk:
            del self.fields["organization"]  # the byline does not change

    def clean_body(self) -> str:
        return safe_text(self.cleaned_data.get("body", ""))

    def clean(self):
        data = super().clean() or {}
        if data.get("file") and not (data.get("change_note") or "").strip():
            self.add_error("change_note", _("Say what changed in this version."))
        return data


class UptakeForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Our organisation"), queryset=Organization.objects.none(), empty_label=None
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = cast(forms.ModelChoiceField, self.fields["organization"])
        chooser.queryset = organizations if organizations is not None else Organization.objects.none()


class FollowForm(forms.Form):
    """Follow one thing: the entry, its CSO, or a topic, at a level."""

    level = forms.ChoiceField(label=_("What to receive"), choices=FollowLevel.choices)
    entry = forms.ModelChoiceField(queryset=Entry.objects.all(), required=False, widget=forms.HiddenInput)
    organization = forms.ModelChoiceField(queryset=Organization.objects.all(), required=False, widget=forms.HiddenInput)
    topic = forms.ChoiceField(choices=[("", ""), *Topic.choices], required=False, widget=forms.HiddenInput)
    governorate = forms.ChoiceField(choices=[("", ""), *Governorate.choices], required=False, widget=forms.HiddenInput)
    question = forms.ModelChoiceField(queryset=Question.objects.all(), required=False, widget=forms.HiddenInput)


class QuestionForm(forms.ModelForm):
    """A question to the platform, on behalf of one of the person's CSOs (staff may ask for the programme)."""

    organization = forms.ModelChoiceField(
        label=_("Asked by"), queryset=Organization.objects.none(), required=False, empty_label=None
    )
    field_order = ["organization"]

    class Meta:
        model = Question
        fields = ["topic", "language", "title", "body"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "body": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        }
        help_texts = {"body": _("What you tried, and what would help. Do not name people who could be put at risk.")}

    def __init__(self, *args, organizations=None, programme: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = cast(forms.ModelChoiceField, self.fields["organization"])
        chooser.queryset = organizations if organizations is not None else Organization.objects.none()
        if programme:
            chooser.empty_label = _("The Tatweer programme")
        elif not chooser.queryset.exists():
            del self.fields["organization"]


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"})
    )

    def clean_body(self) -> str:
        return safe_text(self.cleaned_data.get("body", ""))


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}


class TranslationForm(forms.ModelForm):
    """A person's translation of an entry: its title, summary, text and the fields of its type."""

    class Meta:
        model = EntryTranslation
        fields = ["title", "summary", "body", *TRANSLATED_FIELDS]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "body": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            **{name: forms.Textarea(attrs={"rows": 3, "dir": "auto"}) for name in ("summary", *TRANSLATED_FIELDS)},
        }

    def __init__(self, *args, entry: Entry, **kwargs):
        """Only the fields the original has are asked for: a tool's purpose, a practice's story."""
        super().__init__(*args, **kwargs)
        for name in TRANSLATED_FIELDS:
            if not getattr(entry, name):
                del self.fields[name]
        if not entry.body:
            del self.fields["body"]

    def clean_body(self) -> str:
        return safe_text(self.cleaned_data.get("body", ""))


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = Uptake
        fields = ["follow_up"]
        widgets = {"follow_up": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}
        labels = {"follow_up": _("What changed since you used it?")}


class CaseStudyForm(forms.Form):
    """Telling an approved final report as a case study: the language it is written in, and consent."""

    language = forms.ChoiceField(label=_("Language of the case study"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_(
            "Our organisation agrees that the story of this project, as we finish it, is published on the platform."
        ),
        required=True,
        error_messages={"required": _("The organisation's consent is needed to publish the report's story.")},
    )
