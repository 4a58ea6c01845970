"""An edit made from an outdated version of a row: what the write path raises
(tracker/history/editing.py) and templates/core/_conflict.html shows."""

from django.db import models
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """The object changed since the form was loaded; carries the current version."""

    def __init__(self, current: models.Model, theirs: dict, yours: dict):
        self.current = current
        self.theirs = theirs
        self.yours = yours
        super().__init__(_("Someone else changed this record after you opened it."))

    @property
    def differences(self) -> list[tuple[str, object, object]]:
        """(field label, value now saved, value you entered) for every field that differs."""
        meta = self.current._meta
        return [
            (str(meta.get_field(name).verbose_name), self.theirs[name], self.yours.get(name))
            for name in self.theirs
            if self.theirs[name] != self.yours.get(name)
        ]
