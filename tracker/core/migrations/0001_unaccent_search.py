"""Search ignores accents: the `unaccent` extension, and a text search configuration that
runs every word through it before the `simple` dictionary (lower-casing, no stemming).

Both are PostgreSQL only. On SQLite (`make run`) this migration does nothing: the app
registers an UNACCENT function on each SQLite connection instead (tracker/core/apps.py).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "tracker_search"


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN "
        f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple); "
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        f"ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part "
        f"WITH unaccent, simple; "
        f"END IF; END $$"
    )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_config, drop_config, elidable=False),
    ]
