"""An edit made from an outdated version of a row: what the write path raises
(tracker/history/editing.py) and templates/core/_conflict.html shows."""

from django.db import models
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """The object changed since the form was loaded: the row as saved now, and for every
    field that differs (label, value now saved, value you entered) as the editor may read
    them (the write path formats them, tracker/history/editing.py::stale_edit)."""

    def __init__(self, current: models.Model, differences: list[tuple[str, str, str]]):
        self.current = current
        self.differences = differences
        super().__init__(_("Someone else changed this record after you opened it."))
