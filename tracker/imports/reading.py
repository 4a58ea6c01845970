"""Reading an uploaded CSV or XLSX file into rows of text keyed by column, within limits."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tracker.exports.columns import Column

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Lines read at most, blank ones included (spreadsheets keep formatted empty rows).
MAX_LINES = 20 * MAX_ROWS
MAX_COLUMNS = 60
MAX_CELL_CHARS = 5000
# An XLSX file is a zip; this bounds what it may unpack to (a small file can hold a bomb).
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
OLD_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


class UnreadableFile(Exception):
    """The file cannot be read as a table; the message says why, for the user."""


@dataclass
class Table:
    """Rows of an upload: each a spreadsheet line number and {column key: text}."""

    rows: list[dict]
    ignored_headers: list[str]


def read_table(name: str, data: bytes, columns: list[Column], required: set[str]) -> Table:
    """Parse an upload; headers may be the column keys or their labels in English or Ukrainian."""
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if data.startswith(OLD_XLS_MAGIC):
        raise UnreadableFile(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV and upload it again.")
        )
    if data.startswith(XLSX_MAGIC) or name.lower().endswith(".xlsx"):
        lines = _xlsx_lines(data)
    elif name.lower().endswith((".csv", ".txt")):
        lines = _csv_lines(data)
    else:
        raise UnreadableFile(_("Upload a CSV or XLSX file."))
    return _table(lines, columns, required)


def _table(lines, columns: list[Column], required: set[str]) -> Table:
    header = next(lines, None)
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    keys = _header_keys(header, columns)
    found = set(keys.values())
    missing = [str(c.label) for c in columns if c.key in required and c.key not in found]
    if missing:
        raise UnreadableFile(
            _("The first row must name the columns. Missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, line in enumerate(lines, start=2):
        values = {key: _cell_text(line[index]) for index, key in keys.items() if index < len(line)}
        if not any(values.values()):
            continue  # blank lines are common at the end of spreadsheets
        if len(rows) == MAX_ROWS:
            raise UnreadableFile(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}
            )
        rows.append({"line": number, "values": values})
    if not rows:
        raise UnreadableFile(_("The file has a header row but no data rows."))
    ignored = [
        str(cell) for index, cell in enumerate(header) if index not in keys and str(cell or "").strip()
    ]
    return Table(rows, ignored)


def _header_keys(header: list, columns: list[Column]) -> dict[int, str]:
    """Column index -> key, matching each header cell to a key or a label in either language."""
    names = {}
    for language in ("en", "uk"):
        with translation.override(language):
            for column in columns:
                names[str(column.label).casefold()] = column.key
    for column in columns:
        names[column.key] = column.key
    keys = {}
    for index, cell in enumerate(header[:MAX_COLUMNS]):
        key = names.get(str(cell or "").strip().casefold())
        if key and key not in keys.values():
            keys[index] = key
    return keys


def _cell_text(value) -> str:
    """A cell as text: whole-number floats without '.0', dates in ISO form, capped in length."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # the exporter's guard against formulas, taken off again
    return text[:MAX_CELL_CHARS]


def _csv_lines(data: bytes):
    if b"\x00" in data:
        raise UnreadableFile(_("This does not look like a CSV file (it contains binary data)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Ukrainian Windows saves "CSV" in the Windows-1251 code page.
        text = data.decode("cp1251", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        return iter(list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error


def _xlsx_lines(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFile(_("The XLSX file unpacks to too much data."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        lines = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            lines.append(list(row))
            if len(lines) > MAX_LINES:
                raise UnreadableFile(
                    _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}
                )
        workbook.close()
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise UnreadableFile(_("This is not a readable XLSX file.")) from error
    return iter(lines)
