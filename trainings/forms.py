from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from centers.models import Center, Room
from core.forms import label_translations
from core.geography import Governorate
from core.uploads import UploadValidator
from organizations.models import Organization
from trainings.models import (
    WG_DOMAINS,
    Event,
    EventStatus,
    EventType,
    KnowledgeQuestion,
    Material,
    MaterialVisibility,
    Participant,
    SignInSheet,
    TrainingPackage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title_en",
            "title_ar",
            "title_ckb",
            "description_en",
            "description_ar",
            "description_ckb",
            "centre",
            "room",
            "external_venue",
            "online_link",
            "package",
            "trainers",
            "capacity",
            "audience",
            "registration_opens",
            "registration_closes",
        ]
        widgets = {
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "title_ckb": forms.TextInput(attrs={"dir": "rtl", "lang": "ckb"}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr", "lang": "en"}),
            "description_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
            "description_ckb": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ckb"}),
            "registration_opens": DATETIME,
            "registration_closes": DATETIME,
            "trainers": forms.CheckboxSelectMultiple,
            "online_link": forms.URLInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args: Any, centres: QuerySet[Center], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label_translations(self, "title", "description")  # English required; the others fall back to it
        cast(forms.ModelChoiceField, self.fields["centre"]).queryset = centres
        cast(forms.ModelChoiceField, self.fields["room"]).queryset = Room.objects.filter(
            is_active=True, centre__in=centres
        ).select_related("centre")
        cast(forms.ModelChoiceField, self.fields["package"]).queryset = TrainingPackage.objects.filter(is_active=True)
        cast(forms.ModelMultipleChoiceField, self.fields["trainers"]).queryset = User.objects.filter(
            groups__name=Role.TRAINER, is_active=True
        ).order_by("full_name")
        for name in ("registration_opens", "registration_closes"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = ["%Y-%m-%dT%H:%M"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        room, centre = cleaned.get("room"), cleaned.get("centre")
        if room and centre and room.centre_id != centre.pk:
            self.add_error("room", _("Choose a room of the event's centre."))
        if not room and not cleaned.get("external_venue") and not cleaned.get("online_link"):
            self.add_error("room", _("Choose a room, or give an external venue or an online link."))
        opens, closes = cleaned.get("registration_opens"), cleaned.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        return cleaned


class SessionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends"), widget=TIME)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A session must end after it starts."))
        return cleaned


SessionFormSet = forms.formset_factory(
    SessionForm, extra=1, min_num=1, validate_min=True, max_num=30, validate_max=True, absolute_max=30, can_delete=True
)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason, sent to everyone registered"), widget=forms.Textarea(attrs={"rows": 3}))


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
        required=False,
    )
    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Centre"), queryset=Center.objects.filter(is_active=True), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All")), *EventType.choices], required=False)
    package: "forms.ModelChoiceField[TrainingPackage]" = forms.ModelChoiceField(
        label=_("Training package"),
        queryset=TrainingPackage.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *EventStatus.choices], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "full_name",
            "sex",
            "birth_year",
            "governorate",
            "phone",
            "email",
            "organization",
            "position",
            *[field for field, _label in WG_DOMAINS],
            "language",
            "consent",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
        }

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization] | None = None,
        for_colleague: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = (
            organizations if organizations is not None else Organization.objects.all()
        )
        if for_colleague:  # a colleague is registered as a member of one of the person's organisations
            self.fields["organization"].required = True
            self.fields["organization"].error_messages["required"] = _("Choose your colleague's organisation.")
        cast(forms.ChoiceField, self.fields["governorate"]).choices = [("", "---------"), *Governorate.choices]
        for field, label in WG_DOMAINS:
            self.fields[field].label = label
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "The person must agree to the use of their data to take part."
        )

    def clean_birth_year(self) -> int:
        year = self.cleaned_data["birth_year"]
        if year > timezone.localdate().year - 10 or year < 1900:
            raise forms.ValidationError(_("Please check the birth year: participants are at least 10."))
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("Give a phone number or an e-mail address, so the person can be found again."))
        return cleaned


class FindParticipantForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone"), required=False, widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"})
    )
    email = forms.EmailField(label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"}))
    name = forms.CharField(label=_("Name"), required=False)


class NumbersFilterForm(forms.Form):
    centre: "forms.ModelChoiceField[Center]" = forms.ModelChoiceField(
        label=_("Centre"), queryset=Center.objects.filter(is_active=True), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All")), *EventType.choices], required=False)
    package: "forms.ModelChoiceField[TrainingPackage]" = forms.ModelChoiceField(
        label=_("Training package"),
        queryset=TrainingPackage.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name in ("start", "end") else "form-select"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end of the period is before its start."))
        return cleaned


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("Use the same title to upload a new version.")
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, PowerPoint or Excel, up to 25 MB."))
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    visibility = forms.ChoiceField(label=_("Who may download"), choices=MaterialVisibility.choices)
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        Material._meta.get_field("file").run_validators(upload)
        return upload


class KnowledgeTestForm(forms.Form):
    def __init__(self, *args: Any, questions: list[KnowledgeQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(c.pk, c.text) for c in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer every question.")},
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


SCALE = [(str(n), str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you? (1 = not at all, 5 = very)"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful will it be for your work? (1 = not at all, 5 = very)"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(label=_("Give this feedback anonymously"), required=False)


class SignInSheetForm(forms.Form):
    file = forms.FileField(label=_("Photo or scan of the paper sign-in sheet"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        SignInSheet._meta.get_field("file").run_validators(upload)
        return upload


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(label=_("Attendance file (XLSX or CSV)"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        UploadValidator(("xlsx", "csv"), max_bytes=2 * 1024 * 1024)(upload)
        return upload
