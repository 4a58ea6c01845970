"""Data versions: a short text that changes whenever a row of a table is added or saved,
for keys of shared caches (a cached figure keyed on it is read again after any write)."""

from django.db.models import Max, QuerySet


def data_version(rows: QuerySet, saved_field: str | None = "updated_at") -> str:
    """The highest id (ids are never reused) and the latest save (an indexed auto_now
    field), read from two indexes (a count would read the table); the highest id alone
    for rows never changed once written (saved_field None). Deleting a row does not
    change it."""
    if saved_field is None:
        return str(rows.order_by().aggregate(last=Max("id"))["last"])
    figures = rows.order_by().aggregate(last=Max("id"), saved=Max(saved_field))
    saved = figures["saved"].timestamp() if figures["saved"] else 0
    return f"{figures['last']}-{saved}"
