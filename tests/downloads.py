"""Reading the files the app sends: CSV and XLSX downloads, as rows."""

import csv
import io

import openpyxl


def read_csv(response) -> list[list[str]]:
    """The rows of a streamed CSV download (byte-order mark removed)."""
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response) -> dict[str, list[tuple]]:
    """Each sheet of an XLSX download as a list of row tuples."""
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}
