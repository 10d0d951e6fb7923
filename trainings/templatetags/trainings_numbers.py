from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def share(count, total):
    """Percentage as a plain number for SVG widths (never localised with a decimal comma)."""
    return str(round(100 * count / total)) if total else "0"


@register.simple_tag
def number_label(kind, value):
    if kind == "sex":
        return {"female": _("Women"), "male": _("Men")}.get(value, value)
    if kind == "disability":
        return {"yes": _("With a disability"), "no": _("Without a disability")}.get(value, value)
    if kind == "age":
        return {"<15": _("Under 15"), "65+": _("65 and over")}.get(value, value)
    return value
