"""Downloads of the lists the user is looking at, and the briefing on a partner country."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tracker.core.pages import as_of, render_page
from tracker.exports import filters
from tracker.exports.briefing import build_briefing
from tracker.exports.briefing_workbook import briefing_sheets
from tracker.exports.columns import EXPORTS
from tracker.exports.writers import Sheet, csv_response, xlsx_response
from tracker.reference.models import Partner

MAX_XLSX_ROWS = 20_000
# The list each export mirrors: the same GET parameters give the same rows.
LIST_FILTERS = {
    "projects": filters.filtered_projects,
    "commitments": filters.filtered_commitments,
    "contacts": filters.filtered_contacts,
    "followups": filters.filtered_followups,
}


@require_GET
def export_list(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The filtered list of `kind` as CSV (streamed) or XLSX."""
    export = EXPORTS[kind]
    queryset = LIST_FILTERS[kind](request)
    filename = f"{kind}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return csv_response(filename, export.columns, export.rows(queryset, request.user))
    # A workbook is built whole before it is sent; past this size that outlasts the
    # server's request timeout, while CSV streams at any size.
    total = queryset.count()
    if total > MAX_XLSX_ROWS:
        context = {
            "total": total,
            "limit": MAX_XLSX_ROWS,
            "csv_url": request.get_full_path().replace(".xlsx", ".csv", 1),
        }
        return render_page(request, "exports/too_many_rows.html", context, status=413)
    return xlsx_response(filename, [Sheet(export.title, export.columns, export.rows(queryset, request.user))])


@require_GET
def briefing(request: HttpRequest, code: str) -> HttpResponse:
    """The printable briefing page on one partner."""
    partner = get_object_or_404(Partner.objects.coded(code).select_related("country"))
    day = as_of(request)
    context = {"briefing": build_briefing(partner, request.user, day), "as_of": day}
    return render_page(request, "exports/briefing.html", context)


@require_GET
def briefing_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """The briefing on one partner as a workbook, one sheet per section."""
    partner = get_object_or_404(Partner.objects.coded(code).select_related("country"))
    title = _("Briefing: %(country)s") % {"country": partner.display_name}
    sheets = briefing_sheets(build_briefing(partner, request.user, as_of(request)))
    return xlsx_response(f"briefing-{partner.code}-{timezone.localdate():%Y-%m-%d}", sheets, title=title)
