import re
from functools import lru_cache
from pathlib import Path

from django import forms, template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.html import format_html
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


ICON_SPRITE = "vendor/bootstrap-icons-1.13.2/icons.svg"  # made by scripts/vendor_icons.py
DIRECTIONAL_ICONS = frozenset({"chevron-right"})  # mirrored on right-to-left pages


@lru_cache(maxsize=1)
def icon_names() -> frozenset[str]:
    """The icons the vendored sprite holds."""
    sprite = Path(settings.BASE_DIR) / "static" / ICON_SPRITE
    return frozenset(re.findall(r'<symbol id="([a-z0-9-]+)"', sprite.read_text()))


@register.simple_tag
def icon(name, css=""):
    """An icon from the vendored sprite, decorative (the text beside it says what it means). A name
    the sprite lacks is an error in the template, found by core/tests/test_icons.py."""
    if name not in icon_names():
        raise ValueError(f"No icon {name!r} in {ICON_SPRITE}: add it to scripts/vendor_icons.py")
    classes = " ".join(filter(None, ("icon", "icon-flip-rtl" if name in DIRECTIONAL_ICONS else "", css)))
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        classes,
        static(ICON_SPRITE),
        name,
    )


@register.filter
def bdi(value):
    """A value of its own direction (a name, title, code or number written in any language) isolated
    from the text around it, so an English title keeps its order on an Arabic page and the other way
    round: `{{ event.title|bdi }}`."""
    return format_html("<bdi>{}</bdi>", value)
