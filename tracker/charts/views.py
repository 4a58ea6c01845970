"""The charts page: firmly committed against paid, and commitments over time."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from tracker.charts.data import build_figures
from tracker.charts.svg import bar_chart, column_chart
from tracker.core.pages import render_page

# The country chart draws the largest partners; the table under it lists every one.
COUNTRIES_DRAWN = 15


@require_GET
def charts(request: HttpRequest) -> HttpResponse:
    """All charts for the commitments the user may see, in one currency (?currency=EUR)."""
    currency = request.GET.get("currency", "").strip().upper()[:3]
    figures = build_figures(request.user, currency)
    context = {
        "figures": figures,
        "priority_chart": bar_chart("by-priority", figures.by_priority),
        "capability_chart": bar_chart("by-capability", figures.by_capability),
        "country_chart": bar_chart("by-country", figures.by_country, limit=COUNTRIES_DRAWN),
        "count_chart": column_chart("per-month-count", figures.months, "count"),
        "value_chart": column_chart("per-month-value", figures.months, "value"),
        "countries_drawn": COUNTRIES_DRAWN,
    }
    return render_page(request, "charts/page.html", context)
