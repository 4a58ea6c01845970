"""The search page: one box, results grouped by kind; htmx swaps the results as you type."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from tracker.core.pages import render_page
from tracker.search.queries import MAX_QUERY_LENGTH, clean_query, search


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    """Search what the user may see; an empty query shows the empty form."""
    q = clean_query(request.GET.get("q"))
    context = {
        "q": q,
        "groups": search(request.user, q),
        "max_length": MAX_QUERY_LENGTH,
    }
    return render_page(request, "search/results.html", context, partial="results")
