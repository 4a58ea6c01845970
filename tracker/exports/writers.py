"""One writer per format: rows of columns to a streamed CSV or a write-only XLSX workbook."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from tracker.exports.columns import Column

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel limits sheet titles to 31 characters and forbids a few.
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
# Up to this size an XLSX file is built in memory, beyond it in a private temporary file.
XLSX_MEMORY_LIMIT = 16 * 1024 * 1024
# Column widths, in characters, come from the header and this many first rows.
WIDTH_SAMPLE = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER_FONT = Font(bold=True)
# Date cells show the tracker's formats of the reader's language (tracker/formats), as typed
# dates the spreadsheet can sort and compute with; CSV keeps ISO dates for machines.
XLSX_DATE_FORMATS = {
    "en": ("d mmm yyyy", "d mmm yyyy, hh:mm"),
    "uk": ("dd.mm.yyyy", "dd.mm.yyyy hh:mm"),
}
WRAPPED = Alignment(wrap_text=True, vertical="top")


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


def xlsx_response(filename: str, sheets: list[Sheet], *, title: str = "") -> FileResponse:
    """Write the sheets with openpyxl's write-only mode and send the workbook: on each sheet a
    bold header row that stays in view, columns as wide as their first rows need."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = title or filename
    for sheet in sheets:
        worksheet = workbook.create_sheet(str(sheet.title).translate(SHEET_TITLE_FORBIDDEN)[:31])
        rows = iter(sheet.rows)
        # Widths are fitted to the header and the first rows: a large export streams the rest.
        first = [[plain(column.value(row)) for column in sheet.columns] for row in islice(rows, WIDTH_SAMPLE)]
        widths = _widths(sheet.columns, first)
        for letter, width in zip(_letters(len(widths)), widths, strict=True):
            worksheet.column_dimensions[letter].width = width
        worksheet.freeze_panes = "A2"
        worksheet.append([_header_cell(worksheet, column.label) for column in sheet.columns])
        for values in first:
            worksheet.append(_xlsx_row(worksheet, sheet.columns, values, widths))
        for row in rows:
            values = [plain(column.value(row)) for column in sheet.columns]
            worksheet.append(_xlsx_row(worksheet, sheet.columns, values, widths))
    buffer = tempfile.SpooledTemporaryFile(max_size=XLSX_MEMORY_LIMIT)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


def _letters(count: int) -> list[str]:
    return [get_column_letter(number) for number in range(1, count + 1)]


def _header_cell(worksheet, label: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, str(label))
    cell.font = HEADER_FONT
    return cell


def _shown_length(value: Any) -> int:
    """About how many characters a cell shows."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _widths(columns: list[Column], rows: list[list]) -> list[float]:
    """Each column's width in characters: its header or its widest value, within bounds."""
    widths = []
    for index, column in enumerate(columns):
        longest = max([len(str(column.label)), *(_shown_length(row[index]) for row in rows)])
        widths.append(float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _xlsx_row(worksheet, columns: list[Column], values: list, widths: list[float]) -> list:
    return [
        _xlsx_cell(worksheet, value, column.number_format, width)
        for column, value, width in zip(columns, values, widths, strict=True)
    ]


def _xlsx_cell(worksheet, value: Any, number_format: str | None = None, width: float = MAX_WIDTH) -> Any:
    """A typed cell: dates and numbers with their format, text longer than its column wrapped,
    text that looks like a formula kept as text."""
    if isinstance(value, datetime.date):
        day, moment = XLSX_DATE_FORMATS.get(get_language() or "", XLSX_DATE_FORMATS["en"])
        return _formatted(worksheet, value, moment if isinstance(value, datetime.datetime) else day)
    if isinstance(value, (int, Decimal)) and number_format and not isinstance(value, bool):
        return _formatted(worksheet, value, number_format)
    if isinstance(value, str) and (value.startswith("=") or len(value) > width or "\n" in value):
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"  # text, never a formula
        cell.alignment = WRAPPED
        return cell
    return value


def _formatted(worksheet, value: Any, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value)
    cell.number_format = number_format
    return cell
