"""Writing history: one row per change, with old and new values."""

import datetime
from decimal import Decimal

from django.db import models

from tracker.history import subjects
from tracker.history.models import Action, Change


def reference(obj: models.Model) -> dict:
    """How history names a linked object: its kind and id (to decide who may read the name)
    and its label at the time of the change."""
    return {"kind": obj._meta.label_lower, "id": obj.pk, "label": str(obj)}


def references(objects) -> list[dict]:
    """References to several linked objects, sorted by label."""
    return sorted((reference(obj) for obj in objects), key=lambda ref: (ref["label"], ref["id"]))


def plain_value(instance: models.Model, field_name: str):
    """A JSON-safe value of a field: choices stay raw (labels are translated on display),
    linked objects are references."""
    field = instance._meta.get_field(field_name)
    if field.many_to_many:
        return references(getattr(instance, field_name).all())
    if field.is_relation:
        related = getattr(instance, field_name)
        return reference(related) if related is not None else None
    value = getattr(instance, field.attname)
    if isinstance(value, (datetime.date, Decimal)):
        return str(value)
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return field.value_to_string(instance)  # e.g. a django-countries Country: its code
    return value


def snapshot(instance: models.Model, field_names: list[str]) -> dict:
    """Plain values of the named fields, to compare before and after an edit."""
    return {name: plain_value(instance, name) for name in field_names}


def record(
    subject: models.Model,
    action: str,
    *,
    actor,
    fields: dict | None = None,
    comment: str = "",
) -> Change:
    """Append one history row for a change to a project, commitment, contact or follow-up."""
    key = subjects.subject_of(type(subject)).field
    return Change.objects.create(
        **{key: subject},
        action=action,
        actor=actor if actor and actor.is_authenticated else None,
        fields=fields or {},
        comment=comment[:1000],
    )


def diff(before: dict, after: dict) -> dict:
    """The fields whose value differs, as {"field": [old, new]}."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


__all__ = ["Action", "diff", "plain_value", "record", "reference", "references", "snapshot"]
