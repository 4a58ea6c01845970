"""Importing commitments, arrivals and payments: upload, preview every row, apply all or nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker.commitments.models import Kind, Marking, Stage
from tracker.core.money import Unit
from tracker.core.pages import render_page
from tracker.exports.columns import COMMITMENT_COLUMNS, DELIVERY_COLUMNS, Column
from tracker.exports.writers import Sheet, csv_response, xlsx_response
from tracker.imports.applying import ImportRejected, apply_pending, check_pending
from tracker.imports.checks import COMMITMENT_REQUIRED, DELIVERY_REQUIRED, may_import
from tracker.imports.forms import UploadForm
from tracker.imports.models import PENDING_LIFETIME, ImportKind, PendingImport
from tracker.imports.reading import MAX_UPLOAD_BYTES, UnreadableFile, read_table
from tracker.imports.uploads import CappedMemoryUploadHandler
from tracker.reference.models import CapabilityCategory, Priority

FORMATS = {
    ImportKind.COMMITMENTS: (COMMITMENT_COLUMNS, COMMITMENT_REQUIRED),
    ImportKind.DELIVERIES: (DELIVERY_COLUMNS, DELIVERY_REQUIRED),
}
# Room for the form fields and multipart boundaries around the file itself.
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024


def _require_importer(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied


@csrf_exempt  # the CSRF check runs in _upload, after the size-capped upload handler is in place
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form; a POSTed file is read and kept for the preview."""
    _require_importer(request)
    handler = CappedMemoryUploadHandler(request)
    request.upload_handlers = [handler]
    return _upload(request, handler)


@csrf_protect
def _upload(request: HttpRequest, handler: CappedMemoryUploadHandler) -> HttpResponse:
    too_large = _("The file is larger than 2 MB. Split it into smaller files.")
    if request.method == "GET":
        return _upload_page(request, UploadForm())
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
        return _upload_page(request, UploadForm(), error=too_large, status=413)
    form = UploadForm(request.POST, request.FILES)
    if handler.too_large:
        return _upload_page(request, UploadForm(initial=request.POST.dict()), error=too_large, status=413)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    kind, upload_file = form.cleaned_data["kind"], form.cleaned_data["file"]
    columns, required = FORMATS[kind]
    try:
        table = read_table(upload_file.name, upload_file.read(), columns, required)
    except UnreadableFile as error:
        form.add_error("file", str(error))
        return _upload_page(request, form, status=400)
    # One preview per person; previews nobody applied expire.
    PendingImport.objects.filter(
        Q(uploader=request.user) | Q(created_at__lt=timezone.now() - PENDING_LIFETIME)
    ).delete()
    pending = PendingImport.objects.create(
        uploader=request.user, kind=kind, filename=upload_file.name[:200], rows=table.rows
    )
    if table.ignored_headers:
        messages.info(
            request,
            _("These columns were not read: %(columns)s.")
            % {"columns": ", ".join(table.ignored_headers[:20])},
        )
    return redirect("imports:preview", pk=pending.pk)


def _upload_page(request: HttpRequest, form: UploadForm, error: str = "", status: int = 200) -> HttpResponse:
    return render_page(request, "imports/upload.html", {"form": form, "error": error}, status=status)


@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every row of the upload, valid or with its problems; apply only when all are valid."""
    _require_importer(request)
    pending = get_object_or_404(PendingImport.objects.current(), pk=pk, uploader=request.user)
    return _preview_page(request, pending, check_pending(pending, request.user))


def _preview_page(request, pending, checks, status: int = 200) -> HttpResponse:
    context = {
        "pending": pending,
        "checks": checks,
        "valid": sum(check.ok for check in checks),
        "invalid": sum(not check.ok for check in checks),
    }
    return render_page(request, "imports/preview.html", context, status=status)


@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Import every row of the previewed file in one transaction, or none."""
    _require_importer(request)
    try:
        count = apply_pending(pk, request.user)
    except PendingImport.DoesNotExist:
        raise Http404 from None
    except ImportRejected as rejected:
        pending = get_object_or_404(PendingImport, pk=pk, uploader=request.user)
        messages.error(
            request,
            _("Nothing was imported: the rows below have problems now. Fix the file and upload it again."),
        )
        return _preview_page(request, pending, rejected.checks, status=409)
    messages.success(
        request, ngettext("Imported %(count)s row.", "Imported %(count)s rows.", count) % {"count": count}
    )
    return redirect("imports:upload")


@require_GET
def template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """An empty file with the import columns; for XLSX, a second sheet lists the codes."""
    columns, _required = FORMATS[kind]
    # The file's name says what a reader sees; the URL keeps its old word.
    filename = f"{'arrivals-payments' if kind == ImportKind.DELIVERIES else kind}-import-template"
    if fmt == "csv":
        return csv_response(filename, columns, [])
    return xlsx_response(filename, [Sheet(ImportKind(kind).label, columns, []), _codes_sheet()])


def _codes_sheet() -> Sheet:
    code_columns = [
        Column("column", _("Column"), lambda r: r[0]),
        Column("code", _("Code"), lambda r: r[1]),
        Column("meaning", _("Meaning"), lambda r: r[2]),
    ]
    rows = [("priority", p.code, p.display_name) for p in Priority.objects.all()]
    rows += [("capability", c.code, c.display_name) for c in CapabilityCategory.objects.all()]
    for key, choices in (
        ("kind", Kind.choices),
        ("unit", Unit.choices),
        ("stage", Stage.choices),
        ("marking", Marking.choices),
    ):
        rows += [(key, value, str(label)) for value, label in choices]
    return Sheet(_("Codes"), code_columns, rows)
