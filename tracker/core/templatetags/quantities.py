"""{{ quantity|with_unit:unit }}: a quantity and its unit in the form the number needs."""

from django import template

from tracker.core.quantities import quantity_with_unit

register = template.Library()


@register.filter
def with_unit(quantity, unit: str) -> str:
    """ "2 системи", "5 систем": see tracker/core/quantities.py."""
    return quantity_with_unit(quantity, unit)
