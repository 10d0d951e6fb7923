"""Small helpers every app's views share, and the audit trail's filter form."""

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.audit import tracked_models


def posted(request):
    """The POST data on a POST, None otherwise (so a form is bound only when it was sent)."""
    return request.POST if request.method == "POST" else None


def apply_validation_error(form, error) -> None:
    """Shows a service's ValidationError on the form: by field where it names one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# The per-language copies of a translated field (modeltranslation's title_en, title_ar, title_ckb).
LANGUAGE_LABELS = {"en": _("in English"), "ar": _("in Arabic"), "ckb": _("in Kurdish")}


def label_translations(form, *names):
    """'Title in Arabic' and so on for modeltranslation's per-language fields; English is required
    where the field itself is (every language falls back to it), the others are optional."""
    for name in names:
        original = form._meta.model._meta.get_field(name)
        for language, suffix in LANGUAGE_LABELS.items():
            field = form.fields.get(f"{name}_{language}")
            if field is not None:
                field.label = f"{original.verbose_name.capitalize()} {suffix}"
                field.required = language == "en" and not original.blank


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class BoundedInline:
    """For admin inlines: a post that claims more forms than `max_num` is refused with a form error,
    after building at most `max_num` + 20 forms, whatever count it claims (Django's default would
    build up to 2,000). Put it before the inline base class and set `max_num`."""

    max_num: int

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("validate_max", True)
        kwargs.setdefault("absolute_max", self.max_num + 20)
        return super().get_formset(request, obj, **kwargs)  # type: ignore[misc]  # the admin inline mixed in after it


class AuditFilterForm(forms.Form):
    """Filters of the audit trail; `person` cleans to the account with that address."""

    model = forms.ChoiceField(label=_("Record type"), required=False)
    person = forms.EmailField(label=_("Who (e-mail)"), required=False)
    obj_id = forms.CharField(label=_("Record number"), required=False, max_length=20)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["model"]).choices = [("", _("All")), *tracked_models()]

    def clean_person(self):
        email = self.cleaned_data["person"]
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has an account with this address."))
        return user
