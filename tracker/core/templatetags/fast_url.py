"""The `{% url %}` tag, with whole-number arguments filled into a URL reversed once per
name (tracker.core.links) instead of reverse() per link. Installed as a template builtin
(settings.TEMPLATES), so it replaces Django's tag in every template; it writes the same
URLs, and anything but whole-number positional arguments is Django's own path."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from tracker.core.links import reverse_fast

register = template.Library()


class FastURLNode(URLNode):
    def render(self, context) -> str:
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if not all(type(arg) is int for arg in args):
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = reverse_fast(self.view_name.resolve(context), args, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token) -> FastURLNode:
    """Django's {% url %} (same syntax and output)."""
    node = django_url(parser, token)
    return FastURLNode(node.view_name, node.args, node.kwargs, node.asvar)
