"""History rows named linked objects by their display text only; they now carry references
(kind, id, label) so that a reader is shown only the names of objects they may see.

Labels of scoped objects are matched back to their rows where the text identifies one (a
project's reference code, a commitment's item and country, a contact's date, country and
organisation). A label that matches no single row keeps its text with no id, which only
coordinators are shown (tracker/history/lines.py); countries, people and other reference
rows are shown to every reader, id or not.
"""

import datetime

from django.db import migrations
from django.utils import translation
from django_countries import countries as country_names

SUBJECTS = ("project", "commitment", "contact", "followup")
SEPARATOR = " — "


def _country_codes(name: str) -> set[str]:
    """ISO codes whose English or Ukrainian name is `name`."""
    codes = set()
    for language in ("en", "uk"):
        with translation.override(language):
            codes |= {code for code, label in country_names if str(label) == name}
    return codes


def _resolve(model, label: str):
    """The id of the one row of `model` that `label` names, or None."""
    kind = model._meta.label_lower
    head, _, tail = label.partition(SEPARATOR)
    rows = model.objects.none()
    if kind == "projects.project":
        rows = model.objects.filter(reference=head)
    elif kind == "commitments.commitment" and tail:
        rows = model.objects.filter(item=tail, country__code__in=_country_codes(head))
    elif kind == "contacts.contact" and tail:
        day, _, country = head.partition(" ")
        try:
            held_on = datetime.date.fromisoformat(day)
        except ValueError:
            return None
        rows = model.objects.filter(
            held_on=held_on, counterpart_organisation=tail, country__code__in=_country_codes(country)
        )
    ids = list(rows.values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def _reference(model, value):
    if isinstance(value, dict) or value in (None, ""):
        return value or None
    label = str(value)
    return {"kind": model._meta.label_lower, "id": _resolve(model, label), "label": label}


def forwards(apps, schema_editor):
    Change = apps.get_model("history", "Change")
    for change in Change.objects.exclude(fields={}).iterator(chunk_size=500):
        subject = next(name for name in SUBJECTS if getattr(change, f"{name}_id"))
        model = Change._meta.get_field(subject).related_model
        fields, touched = dict(change.fields), False
        for name, pair in fields.items():
            try:
                field = model._meta.get_field(name)
            except Exception:  # a field that no longer exists keeps its text
                continue
            if not field.is_relation or not isinstance(pair, list):
                continue
            target = field.related_model
            new_pair = []
            for value in pair:
                if isinstance(value, list):
                    new_pair.append([_reference(target, item) for item in value])
                else:
                    new_pair.append(_reference(target, value))
            if new_pair != pair:
                fields[name], touched = new_pair, True
        if touched:
            Change.objects.filter(pk=change.pk).update(fields=fields)


def backwards(apps, schema_editor):
    Change = apps.get_model("history", "Change")

    def text(value):
        if isinstance(value, list):
            return [text(item) for item in value]
        return value["label"] if isinstance(value, dict) and "label" in value else value

    for change in Change.objects.exclude(fields={}).iterator(chunk_size=500):
        fields = {name: text(pair) for name, pair in change.fields.items()}
        if fields != change.fields:
            Change.objects.filter(pk=change.pk).update(fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_initial"),
        ("accounts", "0002_user_calendar_token"),
        ("commitments", "0003_commitment_search_index"),
        ("contacts", "0002_contact_search_index"),
        ("followups", "0001_initial"),
        ("projects", "0002_project_search_index"),
        ("reference", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
