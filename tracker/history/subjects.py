"""What history can be about: each feature app registers its model here from its
AppConfig.ready (as apps register admin classes), so history imports no feature app.

A Change points at its subject through the one foreign key of Change whose target is that
model; the registry knows which key, whose page to link and who may see the object.
"""

import dataclasses
from collections.abc import Callable

from django.apps import apps
from django.db import models

Visible = Callable[[object], models.QuerySet]  # user -> the objects that user may see
# A name history records on the subject that is not one of its fields (a project records its
# milestones' dates) -> its label and the field whose values it holds; None: not one of them.
ExtraField = Callable[[str], tuple[str, models.Field] | None]


@dataclasses.dataclass(frozen=True)
class Subject:
    model: type[models.Model]
    field: str  # the foreign key of Change that points at this model
    page: str  # URL name of an object's page, reversed with its pk
    visible_to: Visible
    extra_field: ExtraField | None = None


# By model label, in the order of registration (the order of INSTALLED_APPS).
_subjects: dict[str, Subject] = {}


def register(
    model: type[models.Model], *, page: str, visible_to: Visible, extra_field: ExtraField | None = None
) -> None:
    """Let history record changes to `model`, link them to `page` and show them to the
    users `visible_to(user)` lets see the object; `extra_field` labels the names it records
    that are not fields of `model`. Call from the app's AppConfig.ready."""
    change = apps.get_model("history", "Change")
    keys = [f.name for f in change._meta.get_fields() if f.many_to_one and f.related_model is model]
    if len(keys) != 1:
        raise LookupError(f"Change needs one foreign key to {model._meta.label} to record its history.")
    _subjects[model._meta.label_lower] = Subject(model, keys[0], page, visible_to, extra_field)


def registered() -> list[Subject]:
    """Every kind of subject, in the order the apps registered them."""
    return list(_subjects.values())


def subject_of(model: type[models.Model]) -> Subject:
    """The registration of a model; LookupError when its app did not register it."""
    try:
        return _subjects[model._meta.label_lower]
    except KeyError:
        raise LookupError(
            f"History does not record {model._meta.label}: register it in its app's AppConfig.ready."
        ) from None
