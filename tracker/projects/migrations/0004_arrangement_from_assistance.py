"""Fill the arrangement of existing projects from the assistance they asked for.

Only where the assistance names one arrangement unambiguously:

- co_production -> co_production ("co-production of parts"): the same thing;
- repair_base -> repair_hub ("maintenance/repair hub"): the same thing;
- technology_transfer -> licence: a production technology passes to a Ukrainian enterprise
  under a licence; a joint venture or localised assembly would also transfer technology,
  but both are named as such when agreed, so a project that only asked for the transfer is
  recorded as a licence, which its owner can change.

Financing, components and supply say nothing about how the partners would work together:
those projects keep an empty arrangement, as does any project that already has one.
Going back leaves the arrangement as it is (the previous schema drops the column anyway).
"""

from django.db import migrations

ARRANGEMENT_OF_ASSISTANCE = {
    "co_production": "co_production",
    "repair_base": "repair_hub",
    "technology_transfer": "licence",
}


def fill_arrangement(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for assistance, arrangement in ARRANGEMENT_OF_ASSISTANCE.items():
        Project.objects.filter(assistance=assistance, arrangement="").update(arrangement=arrangement)


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_joint_production")]

    operations = [migrations.RunPython(fill_arrangement, migrations.RunPython.noop)]
