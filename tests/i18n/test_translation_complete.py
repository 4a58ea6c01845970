"""Every string in templates and Python code has a Ukrainian translation, compiled in the .mo."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "tracker" / "locale" / "uk" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    """Run makemessages on a copy of the project, so the committed catalogue is left alone."""
    copy = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "tracker", copy / "tracker", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "templates", copy / "templates")
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DEBUG="1", TRACKER_VAR_DIR=str(copy / "var"), PYTHONPATH=str(copy))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "uk", "--no-location", "--ignore=var"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "tracker" / "locale" / "uk" / "LC_MESSAGES" / "django.po"))


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def test_every_extracted_string_is_translated_in_the_committed_catalogue(extracted):
    committed = {key(e): e for e in polib.pofile(str(CATALOGUE / "django.po")) if not e.obsolete}
    problems = []
    for entry in extracted:
        found = committed.get(key(entry))
        if found is None:
            problems.append(f"missing: {entry.msgid!r}")
        elif found.fuzzy:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural and not all(found.msgstr_plural.get(i) for i in range(3)):
            problems.append(f"plural forms incomplete: {entry.msgid!r}")
        elif not entry.msgid_plural and not found.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    assert len(extracted) > 500  # the extraction really ran over the whole project
    assert not problems, "Run makemessages -l uk and translate:\n" + "\n".join(problems)


def test_catalogue_uses_the_three_ukrainian_plural_forms():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    with open(CATALOGUE / "django.mo", "rb") as f:
        translations = gettext.GNUTranslations(f)
    forms = [
        translations.ngettext("%(counter)s project", "%(counter)s projects", n) for n in (1, 3, 5, 11, 21, 22)
    ]
    assert forms == [
        "%(counter)s проєкт",
        "%(counter)s проєкти",
        "%(counter)s проєктів",
        "%(counter)s проєктів",
        "%(counter)s проєкт",
        "%(counter)s проєкти",
    ]


def test_committed_mo_is_compiled_from_the_committed_po(tmp_path):
    fresh = tmp_path / "django.mo"
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext is needed: apt-get install -y gettext"
    # Fixed arguments: our own catalogue and a temporary file.
    subprocess.run([msgfmt, "--check", "-o", str(fresh), str(CATALOGUE / "django.po")], check=True)  # noqa: S603
    with open(fresh, "rb") as f:
        expected = gettext.GNUTranslations(f)._catalog
    with open(CATALOGUE / "django.mo", "rb") as f:
        committed = gettext.GNUTranslations(f)._catalog
    assert committed == expected, "Run compilemessages and commit django.mo"
