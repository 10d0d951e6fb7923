from django import template

from core.files import private_file_url as build_url

register = template.Library()


@register.simple_tag
def private_file_url(obj, field_name):
    return build_url(obj, field_name)
