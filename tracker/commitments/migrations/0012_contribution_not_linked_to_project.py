"""A contribution through an initiative or fund is no longer linked to a project: the pool's
purchase is, and linking both counted the same money twice in the project's funding."""

from django.db import migrations, models


def refuse_linked_contributions(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    linked = list(
        Commitment.objects.filter(channel__isnull=False, project__isnull=False).values_list("pk", flat=True)
    )
    if linked:
        # Which link is right (the contribution's or the purchase's) is a person's decision.
        raise RuntimeError(
            f"Commitments {linked} are contributions through an initiative or fund and are linked "
            "to a project: link the initiative's purchase to the project instead and clear these "
            "links before migrating."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0011_amendment_reasons_arrivals"),
    ]

    operations = [
        migrations.RunPython(refuse_linked_contributions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("channel__isnull", True), ("project__isnull", True), _connector="OR"),
                name="commitment_contribution_not_linked_to_project",
            ),
        ),
    ]
