"""Bulk changes: the same version-checked service run on each selected row, one transaction
each, so that one refusal costs only that row and every refusal is reported with its reason."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tracker.core.conflicts import StaleEdit

# At most this many rows in one bulk change: a page of a list, with room.
MAX_ITEMS = 200


@dataclass
class Outcome:
    """What a bulk change did: the rows changed, and (row name, reason) for each refused."""

    changed: list = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def parse_items(values: Iterable[str]) -> dict[int, int]:
    """{pk: version} from the selection's "pk:version" values (the version the user saw);
    malformed values are dropped, and more than MAX_ITEMS are refused."""
    items = {}
    for value in values:
        pk, _sep, version = value.partition(":")
        if pk.isdigit() and version.isdigit() and len(pk) < 10 and len(version) < 10:
            items[int(pk)] = int(version)
    if len(items) > MAX_ITEMS:
        raise ValidationError(_("Select at most %(count)s rows at once.") % {"count": MAX_ITEMS})
    return items


def apply_each(
    objects: Iterable[models.Model],
    items: dict[int, int],
    change: Callable[[models.Model, int], object],
    *,
    name: Callable[[models.Model], str],
    can_change: Callable[[models.Model], bool],
) -> Outcome:
    """Run `change(obj, version_seen)` on each object in its own transaction. Selected rows
    not among `objects` (not visible to the user) are reported as not found."""
    outcome = Outcome()
    found = set()
    for obj in objects:
        found.add(obj.pk)
        if not can_change(obj):
            outcome.refused.append((name(obj), _("You may not change it.")))
            continue
        try:
            with transaction.atomic():
                change(obj, items[obj.pk])
        except StaleEdit:
            outcome.refused.append((name(obj), _("Someone else changed it after you opened the list.")))
        except ValidationError as error:
            outcome.refused.append((name(obj), " ".join(error.messages)))
        except PermissionDenied:
            outcome.refused.append((name(obj), _("You may not change it.")))
        else:
            outcome.changed.append(obj)
    for pk in sorted(set(items) - found):
        outcome.refused.append((f"#{pk}", _("Not found: it may have been removed, or you may not see it.")))
    return outcome


def report(request: HttpRequest, outcome: Outcome, changed: Callable[[int], str]) -> None:
    """Say what a bulk change did: `changed(count)` when rows changed, then one line per
    refused row with its reason."""
    if outcome.changed:
        messages.success(request, changed(len(outcome.changed)))
    for name, reason in outcome.refused:
        messages.error(request, _("Not changed: %(name)s. %(reason)s") % {"name": name, "reason": reason})


def back_to_list(request: HttpRequest, list_url: str) -> str:
    """Where a bulk form goes back to: the list it was on (a local address), else `list_url`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return list_url


def form_errors(form: forms.Form) -> str:
    """A refused bulk form in one message: each field's label and what was wrong."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return _("Nothing was changed.") + " " + " ".join(parts)
