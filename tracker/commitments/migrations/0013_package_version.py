"""Packages carry a version: their edits are version-checked like every other edit."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0012_contribution_not_linked_to_project"),
    ]

    operations = [
        migrations.AddField(
            model_name="package",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
