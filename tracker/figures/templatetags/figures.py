"""Template filters that lay out totals; they never add numbers themselves."""

from django import template

from tracker.figures.totals import Measure, Totals

register = template.Library()


@register.filter
def goods_rows(totals: Totals, capabilities: dict[int, str]) -> list[tuple[str, str, Measure]]:
    """(capability, unit, measure) rows of a total's goods, named in the reader's language."""
    return totals.goods_rows(capabilities)
