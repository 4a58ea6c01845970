"""Saving an edit: refuse lost updates, apply the change, write history, in one transaction."""

from django.db import models, transaction

from tracker.core.conflicts import StaleEdit
from tracker.history import lines
from tracker.history import services as history


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


@transaction.atomic
def save_changes(
    instance: models.Model,
    values: dict,
    *,
    by,
    expected_version: int | None,
    action: str = history.Action.CHANGED,
    comment: str = "",
    check=None,
) -> models.Model:
    """Apply new field values to a locked copy of the row, bump its version, record history.

    `check(current, values)` may raise ValidationError before anything is written.
    Many-to-many values are set after the save.
    """
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    names = list(values)
    before = history.snapshot(current, names)
    if expected_version is not None and current.version != expected_version:
        yours = {}
        probe = model(pk=current.pk)
        for name, value in values.items():
            if not model._meta.get_field(name).many_to_many:
                setattr(probe, name, value)
                yours[name] = history.plain_value(probe, name)
            else:
                yours[name] = history.references(value)
        raise stale_edit(current, before, yours, reader=by)
    if check is not None:
        check(current, values)
    m2m = {}
    for name, value in values.items():
        if model._meta.get_field(name).many_to_many:
            m2m[name] = value
        else:
            setattr(current, name, value)
    current.version += 1
    current.save()
    for name, value in m2m.items():
        getattr(current, name).set(value)
    changed = history.diff(before, history.snapshot(current, names))
    if changed or comment:
        history.record(current, action, actor=by, fields=changed, comment=comment)
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
