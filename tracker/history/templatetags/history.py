"""Template helpers that make history rows readable: field labels, choice labels, dates."""

import datetime

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tracker.history import subjects
from tracker.history.models import Change

register = template.Library()

EMPTY = "—"


def subject_model(change: Change) -> type[models.Model] | None:
    """The model class a change is about, read from which foreign key is set (no query)."""
    for subject in subjects.registered():
        if getattr(change, f"{subject.field}_id"):
            return subject.model
    return None


def readable_value(field: models.Field | None, value) -> str:
    """One stored history value as a reader sees it: choice label, local date, yes/no."""
    if value is None or value == "" or value == []:
        return EMPTY
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
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        if isinstance(field, models.DateField):
            return formats.date_format(datetime.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
    except ValueError:
        return str(value)
    return str(value)


@register.filter
def change_rows(change: Change) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each field a change touched, in the reader's language."""
    model = subject_model(change)
    rows = []
    for name, pair in (change.fields or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = capfirst(str(field.verbose_name)) if field is not None else name
        rows.append((label, readable_value(field, old), readable_value(field, new)))
    return rows


@register.filter
def subject_url(change: Change) -> str:
    """Link to what a change is about, from its ids alone (no query)."""
    for subject in subjects.registered():
        if pk := getattr(change, f"{subject.field}_id"):
            return reverse(subject.page, args=[pk])
    return ""
