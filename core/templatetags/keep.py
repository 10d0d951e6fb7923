"""`{% keep "name" %}...{% endkeep %}`: a part of a signed-in page kept until the data changes.

The part is rendered once and kept (core.freshness) per name, session, page address with its query
string, language and minute; the first request after a write anywhere renders it afresh. It is for
what costs most on a list page, the rows: their queryset is lazy, so a kept part also saves its
queries. The session is in the key, so a part is never shown to another person, nor to the same person
after what their session holds changed (the current organisation, say).

A part that renders a CSRF token or a CSP nonce is never kept (its token belongs to one request): it
is rendered every time, which is correct, only slower. Keep forms and inline scripts outside.
"""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import freshness

register = template.Library()

REQUEST_BOUND = ("csrfmiddlewaretoken", " nonce=")


class KeepNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        request = context.get("request")
        session = getattr(getattr(request, "session", None), "session_key", None)
        if not session or not freshness.keeps():  # a visitor's public page is kept whole (core.pagecache)
            return self.nodelist.render(context)
        parts = (
            self.name,
            session,
            request.get_full_path(),
            get_language(),
            freshness.this_minute(),
        )
        version = freshness.version_of(request)
        key = freshness.key_for("keep", parts, version)
        found = cache.get(key)
        if found is not None:
            return mark_safe(found)  # noqa: S308 what the template engine rendered before
        html = self.nodelist.render(context)
        if not any(marker in html for marker in REQUEST_BOUND):
            cache.set(key, str(html), freshness.TIMEOUT)
        return html


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% keep "name" %} takes one quoted name')
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(bits[1][1:-1], nodelist)
