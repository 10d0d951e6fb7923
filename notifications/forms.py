from django import forms

from notifications import kinds


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.all_kinds():
            self.fields[kind.key] = forms.BooleanField(
                label=kind.label, required=False, initial=current.get(kind.key, kind.email_default)
            )
