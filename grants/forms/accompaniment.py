"""Forms of accompaniment: a visit and its follow-up actions."""

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from grants.models import (
    MentoringVisit,
)


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class VisitForm(forms.ModelForm):
    class Meta:
        model = MentoringVisit
        fields = ["kind", "held_on", "mentor", "topics", "findings"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}), "findings": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"mentor": MentorChoiceField}

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        cast(MentorChoiceField, self.fields["mentor"]).queryset = mentors

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Record a visit once it has taken place."))
        return held_on


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Agreed action"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


ActionFormSet = forms.formset_factory(ActionForm, extra=3, max_num=10, validate_max=True, absolute_max=20)
