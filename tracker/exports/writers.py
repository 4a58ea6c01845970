"""One writer per format: rows of columns to a streamed CSV or a write-only XLSX workbook."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tracker.exports.columns import Column

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel limits sheet titles to 31 characters and forbids a few.
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
# Up to this size an XLSX file is built in memory, beyond it in a private temporary file.
XLSX_MEMORY_LIMIT = 16 * 1024 * 1024


@dataclass
class Sheet:
    """A titled table for the XLSX writer."""

    title: Any
    columns: list[Column]
    rows: Iterable


def plain(value: Any) -> Any:
    """A value as a cell holds it: local naive datetimes, text without control characters."""
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).replace(tzinfo=None, microsecond=0)
            if timezone.is_aware(value)
            else value
        )
    if value is None or isinstance(value, (int, Decimal, datetime.date)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def csv_text(value: Any) -> str:
    """A cell of the CSV file; text that a spreadsheet would run as a formula gets a leading '."""
    # Called for every cell of large files: the common types first, without conversions.
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    if isinstance(value, datetime.datetime):
        return plain(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    return csv_text(str(value))  # lazy translations and other objects: their text


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, columns: list[Column], rows: Iterable) -> StreamingHttpResponse:
    """Stream rows as UTF-8 CSV with a byte-order mark (so Excel reads Cyrillic correctly)."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([str(column.label) for column in columns])
        for row in rows:
            yield writer.writerow([csv_text(column.value(row)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, sheets: list[Sheet]) -> FileResponse:
    """Write the sheets with openpyxl's write-only mode and send the workbook."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(str(sheet.title).translate(SHEET_TITLE_FORBIDDEN)[:31])
        worksheet.append([str(column.label) for column in sheet.columns])
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, column.value(row)) for column in sheet.columns])
    buffer = tempfile.SpooledTemporaryFile(max_size=XLSX_MEMORY_LIMIT)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


def _xlsx_cell(worksheet, value: Any) -> Any:
    value = plain(value)
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"  # text, never a formula
        return cell
    return value
