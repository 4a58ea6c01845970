"""Select menus rendered in Python: filter forms sit on every list page, and Django's
per-option widget templates cost more than the rest of such a page."""

import time

from django import template
from django.conf import settings
from django.forms import BoundField, ModelChoiceField
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# (SQL of the choices' query, language) -> (when read, [(value, label)]). Per process.
_model_choices: dict[tuple, tuple[float, list]] = {}


@register.simple_tag
def options(field: BoundField) -> str:
    """The <option> elements of a choice field, with the bound value selected."""
    value = field.value()
    values = value if isinstance(value, (list, tuple)) else [value]
    selected = {str(v) for v in values if v not in (None, "")}
    return mark_safe(  # noqa: S308 (every value and label is escaped in _choices)
        "".join(
            f"{opening} selected{closing}" if key in selected else opening + closing
            for key, opening, closing in _choices(field)
        )
    )


Option = tuple[str, str, str]  # value, '<option value="…"', '>label</option>' (escaped)


def _options(choices) -> list[Option]:
    return [
        (str(key), f'<option value="{conditional_escape(key)}"', f">{conditional_escape(label)}</option>")
        for key, label in choices
    ]


def _choices(field: BoundField) -> list[Option]:
    form_field = field.field
    if not isinstance(form_field, ModelChoiceField) or settings.FILTER_CHOICES_SECONDS <= 0:
        return _options(form_field.choices)
    # Model choices (owners, enterprises, partner countries: hundreds of rows, the same for
    # every user) cost more to read and label than the rest of a list page, so they are
    # kept for FILTER_CHOICES_SECONDS. The key is the query's SQL and parameters, so a menu
    # narrowed to what one user may see is never shown to another; a new or renamed entry
    # appears in the menu within that time (filtering by it works at once).
    sql, params = form_field.queryset.query.sql_with_params()
    cache_key = (sql, tuple(map(str, params)), form_field.to_field_name, get_language())
    now = time.monotonic()
    read_at, cached = _model_choices.get(cache_key, (0.0, []))
    if now - read_at > settings.FILTER_CHOICES_SECONDS:
        cached = _options(form_field.choices)
        _model_choices[cache_key] = (now, cached)
    return cached
