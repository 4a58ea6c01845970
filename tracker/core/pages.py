"""What every page view shares: full page or named partial, and pagination."""

import datetime

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

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
    """The page named by ?page=; a missing or bad number gives the first page. A number past
    the end gives the last page with `asked_for` set, so the page can say so
    (core/_page_notice.html) instead of silently showing another page."""
    return page_of(Paginator(queryset, per_page), request.GET.get("page"))


def page_of(paginator: Paginator, number: str | None) -> Page:
    """The page `number` names (see paginate)."""
    page = paginator.get_page(number)
    page.asked_for = None
    text = (number or "").strip()
    if text.isascii() and text.isdigit() and len(text) < 10 and int(text) > paginator.num_pages:
        page.asked_for = int(text)
    return page


def parse_as_of(text: str) -> datetime.date | None:
    """The past day `text` (YYYY-MM-DD) names, or None: not a date, or today or later."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if day < timezone.localdate() else None


def as_of(request: HttpRequest) -> datetime.date | None:
    """The date of ?as_of=YYYY-MM-DD, or None for today. A value that is not a date shows
    today's page with a message saying so; today or a later day is simply today."""
    text = request.GET.get("as_of", "")
    day = parse_as_of(text)
    if text and day is None:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            messages.warning(
                request, _("“%(text)s” is not a date (YYYY-MM-DD): showing today.") % {"text": text[:20]}
            )
    return day
