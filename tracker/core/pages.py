"""What every page view shares: full page or named partial, and pagination."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

PAGE_SIZE = 25


def wants_partial(request: HttpRequest) -> bool:
    """True for an htmx request that swaps a fragment (a history restore needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def render_page(
    request: HttpRequest, template: str, context: dict, partial: str | None = None, status: int = 200
) -> HttpResponse:
    """Render the whole page, or for an htmx request only `template#partial`."""
    name = f"{template}#{partial}" if partial and wants_partial(request) else template
    response = render(request, name, context, status=status)
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The page named by ?page=; a missing, bad or out-of-range number gives a valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
