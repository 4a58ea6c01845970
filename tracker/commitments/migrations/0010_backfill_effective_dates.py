"""Effective dates for what was recorded before they existed.

An amendment took effect on the day it was recorded. Every change of a commitment's stage
and of a project's status is read from the history (the one record of them) and becomes a
stage or status move, effective on the day it was recorded.
"""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Amendment = apps.get_model("commitments", "Amendment")
    StageMove = apps.get_model("commitments", "StageMove")
    StatusMove = apps.get_model("projects", "StatusMove")
    Change = apps.get_model("history", "Change")
    for amendment in Amendment.objects.iterator():
        Amendment.objects.filter(pk=amendment.pk).update(effective_on=timezone.localdate(amendment.amended_at))
    moves = {"commitment": (StageMove, "stage"), "project": (StatusMove, "status")}
    for subject, (model, field) in moves.items():
        rows = []
        changes = Change.objects.filter(**{f"{subject}__isnull": False, "fields__has_key": field})
        for change in changes.order_by("at", "id").iterator():
            old, new = (change.fields[field] + [None, None])[:2]
            if old and new and old != new:
                rows.append(
                    model(
                        **{f"{subject}_id": getattr(change, f"{subject}_id")},
                        **{f"from_{field}": old, f"to_{field}": new},
                        effective_on=timezone.localdate(change.at),
                        moved_by_id=change.actor_id,
                    )
                )
        # Their recorded_at is the migration's time; the history keeps when each was made.
        model.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0009_effective_dates"),
        ("projects", "0006_effective_dates"),
        ("history", "0003_payment_action"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
