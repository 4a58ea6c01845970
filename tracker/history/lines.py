"""History rows as a reader sees them: the one formatter of the timeline, the digest, the
conflict table and the admin.

A history row names the objects a change linked (a contact's commitments, a follow-up's
owner) by a reference written with it: kind, id and the label the object had then. A
linked object the reader may not see is counted, never named.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tracker.history import subjects
from tracker.history.models import Action, Change

EMPTY = "—"


def is_reference(value) -> bool:
    """Whether a stored value is a reference to a linked object ({"kind", "id", "label"})."""
    return isinstance(value, dict) and "kind" in value and "label" in value


class Scope:
    """Which linked objects one reader may see: one query per kind of scoped object named.

    The scoped kinds are history's subjects (tracker/history/subjects.py), read through
    their `visible_to`; countries, people and other reference rows are visible to every
    reader. `reader=None` sees everything (the admin's superuser, tests of formatting).
    """

    def __init__(self, reader, references: Iterable = ()):
        self.reader = reader
        self.visible: dict[str, set] = {}
        if reader is None:
            return
        wanted: dict[str, set] = defaultdict(set)
        for ref in references:
            if is_reference(ref) and ref.get("id") is not None and _scoped(ref["kind"]):
                wanted[ref["kind"]].add(ref["id"])
        registered = {subject.model._meta.label_lower: subject for subject in subjects.registered()}
        for kind in sorted(wanted.keys() & registered.keys()):
            visible = registered[kind].visible_to(reader).filter(pk__in=sorted(wanted[kind]))
            self.visible[kind] = set(visible.values_list("pk", flat=True))

    def sees(self, ref: dict) -> bool:
        """Whether the reader may read the name of a linked object."""
        if self.reader is None or not _scoped(ref["kind"]):
            return True
        if ref.get("id") is None:
            # A scoped object named by text alone (written before references were stored
            # and not matched since): only those who see every row may read it.
            scope = getattr(self.reader, "scope", None)  # tracker/accounts/scope.py
            return bool(scope and scope.sees_all)
        return ref["id"] in self.visible.get(ref["kind"], ())


EVERYTHING = Scope(None)


def _scoped(kind: str) -> bool:
    """Whether objects of a kind have a scope: history's subjects do, and so does a kind
    nobody registers any more (its names stay hidden rather than leak)."""
    try:
        apps.get_model(kind)
    except (LookupError, ValueError):
        return True
    return any(subject.model._meta.label_lower == kind for subject in subjects.registered())


def subject_model(change: Change) -> type[models.Model] | None:
    """The model class a change is about, read from which foreign key is set (no query)."""
    for subject in subjects.registered():
        if getattr(change, f"{subject.field}_id"):
            return subject.model
    return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def readable_value(field: models.Field | None, value, scope: Scope = EVERYTHING) -> str:
    """One stored value as a reader sees it: choice label, local date, yes/no, and linked
    objects by name when the reader may see them, otherwise only counted."""
    if value is None or value == "" or value == []:
        return EMPTY
    values = value if isinstance(value, list) else [value]
    if field is not None and field.is_relation:
        return _linked(values, field.related_model._meta.label_lower, scope)
    if all(is_reference(item) for item in values):  # a link field that no longer exists
        return _linked(values, "", scope)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(str(value))
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
        if isinstance(field, models.DateField):
            return formats.date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value)
    return str(value)


def _linked(values: list, kind: str, scope: Scope) -> str:
    """Names of the linked objects the reader may see; the others counted."""
    refs = [
        value if is_reference(value) else {"kind": kind, "id": None, "label": str(value)} for value in values
    ]
    names = [ref["label"] for ref in refs if scope.sees(ref)]
    hidden = len(refs) - len(names)
    if not hidden:
        return ", ".join(names)
    unseen = ngettext("%(count)s record you cannot see", "%(count)s records you cannot see", hidden) % {
        "count": hidden
    }
    if not names:
        return unseen
    return _("%(names)s and %(unseen)s") % {"names": ", ".join(names), "unseen": unseen}


def references_in(values: Iterable) -> list[dict]:
    """The linked-object references among stored values (a value may be a list of them)."""
    found = []
    for value in values:
        found.extend(value if isinstance(value, list) else [value])
    return [ref for ref in found if is_reference(ref)]


def references(changes: Iterable[Change]) -> list[dict]:
    """Every linked-object reference the changes hold, old and new values alike."""
    return references_in(
        value
        for change in changes
        for pair in (change.fields or {}).values()
        for value in (pair if isinstance(pair, list) else [pair])
    )


def _label_and_field(model: type[models.Model] | None, name: str) -> tuple[str, models.Field | None]:
    """How a recorded name reads: a field of the subject, a name its app labels (a
    project's milestone dates), or the bare name of a field that no longer exists."""
    field = _field(model, name)
    if field is not None:
        return capfirst(str(field.verbose_name)), field
    extra = subjects.subject_of(model).extra_field if model is not None else None
    return (extra and extra(name)) or (name, None)


def change_rows(change: Change, scope: Scope = EVERYTHING) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each field a change touched, in the reader's language."""
    model = subject_model(change)
    rows = []
    for name, pair in (change.fields or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        label, field = _label_and_field(model, name)
        rows.append((label, readable_value(field, old, scope), readable_value(field, new, scope)))
    return rows


def with_rows(changes: Iterable[Change], reader) -> list[Change]:
    """The changes, each with `rows` as `reader` may read them (a few queries in all)."""
    changes = list(changes)
    scope = Scope(reader, references(changes))
    for change in changes:
        change.rows = change_rows(change, scope)
    return changes


# The newest changes an object's page shows in its timeline.
TIMELINE_ROWS = 50


def timeline(subject, reader) -> list[Change]:
    """The newest changes of `subject` (a registered model's row), as `reader` may read them."""
    return with_rows(subject.changes.select_related("actor")[:TIMELINE_ROWS], reader)


def describe(change: Change) -> str:
    """A change in one line ("Status: Agreed → On hold"), from the rows `with_rows` set."""
    if change.action == Action.CREATED:
        return _("created")
    parts = [f"{label}: {old} → {new}" for label, old, new in change.rows]
    if change.action in (Action.DELIVERY, Action.PAYMENT):
        parts.insert(0, change.get_action_display())
    return "; ".join(parts) or change.get_action_display()
