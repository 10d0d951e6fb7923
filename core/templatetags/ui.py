from django import forms, template
from django.urls import translate_url
from django.utils.translation import get_language_bidi

register = template.Library()

CHECK_WIDGETS = (forms.CheckboxInput,)
CHOICE_LIST_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.simple_tag
def widget(field):
    """Renders a bound field's widget with Bootstrap classes and the accessibility attributes that
    tie it to its help text and errors."""
    widget = field.field.widget
    if isinstance(widget, CHECK_WIDGETS):
        css = "form-check-input"
    elif isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, CHOICE_LIST_WIDGETS):
        css = ""
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
    attrs = {"class": (widget.attrs.get("class", "") + " " + css).strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def page_in_language(context, code):
    """The address of this page in the language `code` (its language prefix changed), with its query."""
    request = context["request"]
    return translate_url(request.get_full_path(), code)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, CHECK_WIDGETS)


@register.filter
def is_choice_list(field):
    return isinstance(field.field.widget, CHOICE_LIST_WIDGETS)


@register.filter
def choices(field):
    """The subwidgets of a checkbox or radio list, styled as Bootstrap checks."""
    field.field.widget.attrs.setdefault("class", "form-check-input")
    return field.subwidgets


@register.filter
def join_list(values, attribute=""):
    """Joins with the comma of the active language (، in Arabic and Kurdish)."""
    items = [str(getattr(v, attribute) if attribute else v) for v in values]
    return ("، " if get_language_bidi() else ", ").join(items)
