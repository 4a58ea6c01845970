"""The one write path of an edit: lock the row, refuse an outdated version, check, save
with the next version and record history, in one transaction.

Every edit names the version it was made from. Writes that apply to whatever is saved
(imports, seeding, the admin, a delivery recorded from the ledger) say so with
ANY_VERSION; there is no default, so no caller skips the check by leaving it out.
"""

import contextlib
from collections.abc import Callable, Iterator

from django.db import models, transaction

from tracker.core.conflicts import StaleEdit
from tracker.history import lines
from tracker.history import services as history


class AnyVersion:
    """The expected version of a write that applies to whatever version is saved."""

    def __repr__(self) -> str:
        return "ANY_VERSION"


ANY_VERSION = AnyVersion()
Version = int | AnyVersion


def stale_edit(current: models.Model, theirs: dict, yours: dict, *, reader) -> StaleEdit:
    """The refusal of a save made from an outdated version: each differing field formatted
    as history is, so linked objects the editor may not see are only counted."""
    names = [name for name in theirs if theirs[name] != yours.get(name)]
    scope = lines.Scope(
        reader, lines.references_in([theirs[n] for n in names] + [yours.get(n) for n in names])
    )
    meta = current._meta
    return StaleEdit(
        current,
        [
            (
                str(meta.get_field(name).verbose_name),
                lines.readable_value(meta.get_field(name), theirs[name], scope),
                lines.readable_value(meta.get_field(name), yours.get(name), scope),
            )
            for name in names
        ],
    )


@contextlib.contextmanager
def locked_edit(
    instance: models.Model,
    *,
    by,
    expected_version: Version,
    fields: list[str],
    action: str,
    comment: str = "",
    proposed: Callable[[], dict] = dict,
) -> Iterator[models.Model]:
    """Lock the row and hand it over to be checked and changed; then save it with the next
    version and record what changed in `fields`, all in one transaction.

    An outdated `expected_version` raises StaleEdit, showing the values `proposed()` gives
    (plain values, as history stores them) against those saved. An exception raised by the
    caller (a ValidationError from a check) writes nothing.
    """
    if not isinstance(expected_version, int | AnyVersion):
        raise TypeError(f"expected_version must be a version number or ANY_VERSION, not {expected_version!r}")
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if expected_version is not ANY_VERSION and current.version != expected_version:
            yours = proposed()
            raise stale_edit(current, history.snapshot(current, list(yours)), yours, reader=by)
        before = history.snapshot(current, fields)
        yield current
        current.version += 1
        current.save()
        changed = history.diff(before, history.snapshot(current, fields))
        if changed or comment:
            history.record(current, action, actor=by, fields=changed, comment=comment)


def save_changes(
    instance: models.Model,
    values: dict,
    *,
    by,
    expected_version: Version,
    action: str = history.Action.CHANGED,
    comment: str = "",
    check: Callable[[models.Model, dict], None] | None = None,
) -> models.Model:
    """Apply new field values (many-to-many ones too) to the locked row through
    `locked_edit`; `check(current, values)` may raise ValidationError first."""
    model = type(instance)

    def proposed() -> dict:
        probe, yours = model(pk=instance.pk), {}
        for name, value in values.items():
            if model._meta.get_field(name).many_to_many:
                yours[name] = history.references(value)
            else:
                setattr(probe, name, value)
                yours[name] = history.plain_value(probe, name)
        return yours

    with locked_edit(
        instance,
        by=by,
        expected_version=expected_version,
        fields=list(values),
        action=action,
        comment=comment,
        proposed=proposed,
    ) as current:
        if check is not None:
            check(current, values)
        for name, value in values.items():
            if model._meta.get_field(name).many_to_many:
                getattr(current, name).set(value)
            else:
                setattr(current, name, value)
    return current


@transaction.atomic
def create_with_history(
    instance: models.Model, *, by, m2m: dict | None = None, comment: str = ""
) -> models.Model:
    """Save a new object and its many-to-many links, and record its creation."""
    instance.save()
    for name, value in (m2m or {}).items():
        getattr(instance, name).set(value)
    history.record(instance, history.Action.CREATED, actor=by, comment=comment)
    return instance
