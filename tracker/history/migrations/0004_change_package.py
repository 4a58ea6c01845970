"""History records the changes of packages (recorded and edited on their own pages): a
change is about exactly one project, commitment, contact, follow-up or package."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0013_package_version"),
        ("history", "0003_payment_action"),
    ]

    operations = [
        migrations.AddField(
            model_name="change",
            name="package",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="changes",
                to="commitments.package",
            ),
        ),
        migrations.AddIndex(
            model_name="change",
            index=models.Index(fields=["package", "-at"], name="change_package_at"),
        ),
        migrations.RemoveConstraint(model_name="change", name="change_has_one_subject"),
        migrations.AddConstraint(
            model_name="change",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("commitment__isnull", True),
                        ("contact__isnull", True),
                        ("followup__isnull", True),
                        ("package__isnull", True),
                        ("project__isnull", False),
                    ),
                    models.Q(
                        ("commitment__isnull", False),
                        ("contact__isnull", True),
                        ("followup__isnull", True),
                        ("package__isnull", True),
                        ("project__isnull", True),
                    ),
                    models.Q(
                        ("commitment__isnull", True),
                        ("contact__isnull", False),
                        ("followup__isnull", True),
                        ("package__isnull", True),
                        ("project__isnull", True),
                    ),
                    models.Q(
                        ("commitment__isnull", True),
                        ("contact__isnull", True),
                        ("followup__isnull", False),
                        ("package__isnull", True),
                        ("project__isnull", True),
                    ),
                    models.Q(
                        ("commitment__isnull", True),
                        ("contact__isnull", True),
                        ("followup__isnull", True),
                        ("package__isnull", False),
                        ("project__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="change_has_one_subject",
            ),
        ),
    ]
