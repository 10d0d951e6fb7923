"""{% version_thumbnail version %}: the <img> of a version's thumbnail, behind its signed link, lazily
loaded and with its width and height (from the stored name, see commons.images)."""

from django import template

from commons import images
from core.files import private_file_url

register = template.Library()


@register.inclusion_tag("commons/partials/thumbnail.html")
def version_thumbnail(version, alt: str = "", css: str = "img-fluid rounded border") -> dict:
    size = images.thumbnail_size(version.thumbnail.name) if version.thumbnail else None
    return {
        "src": private_file_url(version, "thumbnail") if version.thumbnail else "",
        "width": size[0] if size else None,
        "height": size[1] if size else None,
        "alt": alt,
        "css": css,
    }
