"""The embedded default's data folder (TRACKER_VAR_DIR, var/ by default).

Created when Django starts, not when settings are imported: every process that opens the
SQLite file or the file-based Celery queue (runserver, gunicorn, the Celery worker and beat,
each manage.py command) goes through django.setup(), while reading the settings (a linter,
a test, `import tracker.settings`) leaves the disk alone. With PostgreSQL and Redis nothing
is created.
"""

from pathlib import Path

from django.conf import settings

QUEUE_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


def embedded_folders() -> list[Path]:
    """The folders the SQLite database and the file-based Celery queue need, per the settings."""
    folders = []
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:":
        folders.append(Path(database["NAME"]).parent)
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        folders += [Path(options[key]) for key in QUEUE_FOLDERS if key in options]
    return folders


def create_embedded_folders() -> None:
    """Create the folders of the embedded default (none with PostgreSQL and Redis)."""
    for folder in embedded_folders():
        folder.mkdir(parents=True, exist_ok=True)
