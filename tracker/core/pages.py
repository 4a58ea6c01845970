"""What every page view shares: full page or named partial, and pagination."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PAGE_SIZE = 25


def render_page(
    request: HttpRequest, template: str, context: dict, partial: str | None = None, status: int = 200
) -> HttpResponse:
    """Render the whole page, or for an htmx request only `template#partial`."""
    name = f"{template}#{partial}" if partial and request.htmx else template
    return render(request, name, context, status=status)


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The page named by ?page=; a missing, bad or out-of-range number gives a valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
