"""Select menus rendered in Python: filter forms sit on every list page, and Django's
per-option widget templates cost more than the rest of such a page."""

from django import template
from django.forms import BoundField
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def options(field: BoundField) -> str:
    """The <option> elements of a choice field, with the bound value selected."""
    value = field.value()
    values = value if isinstance(value, (list, tuple)) else [value]
    selected = {str(v) for v in values if v not in (None, "")}
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, " selected" if key in selected else "", label) for key, label in _choices(field)),
    )


def _choices(field: BoundField):
    for key, label in field.field.choices:
        yield str(key), label
