"""One Ukrainian term per concept: the catalogue translates every glossary term
(docs/glossary.md) with the glossary's term, and money is never "delivered"."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
CATALOGUE = ROOT / "tracker" / "locale" / "uk" / "LC_MESSAGES" / "django.po"
# Placeholders name variables, not words: %(committed)s, {milestone}, {{ count }}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{?\s*\w+\s*\}?\}")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def glossary_rows() -> list[tuple[list[str], str, list[str]]]:
    """(English forms, Ukrainian term, Ukrainian stems) of each row of the glossary's tables."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        english, ukrainian, stems, _meaning = cells
        rows.append((_listed(english), ukrainian, _listed(stems)))
    return rows


def _listed(cell: str) -> list[str]:
    return [part.strip().lower() for part in cell.split(",") if part.strip()]


def translations() -> list[tuple[str, list[str]]]:
    """(msgid with placeholders removed, its translations) of every entry in the catalogue."""
    entries = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        source = PLACEHOLDER.sub(" ", f"{entry.msgid} {entry.msgid_plural}")
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        entries.append((source, [text.lower().translate(APOSTROPHES) for text in texts]))
    return entries


ROWS = glossary_rows()


def test_the_glossary_has_its_terms_each_with_one_ukrainian_term():
    english = [form for forms, _term, _stems in ROWS for form in forms]
    assert len(ROWS) >= 30
    needed = {"commitment", "pledged", "committed", "amendment", "recent changes", "arrived", "paid"}
    assert needed <= set(english)
    assert len(english) == len(set(english)), "an English word in two rows"
    ukrainian = [term for _forms, term, _stems in ROWS]
    assert len(ukrainian) == len(set(ukrainian)), "two concepts with one Ukrainian term"


@pytest.mark.parametrize(("forms", "term", "stems"), ROWS, ids=[forms[0] for forms, _t, _s in ROWS])
def test_the_catalogue_uses_the_glossary_term(forms, term, stems):
    pattern = re.compile(r"\b(" + "|".join(re.escape(form) for form in forms) + r")\b", re.IGNORECASE)
    wrong = [
        f"{source.strip()!r} → {text!r}"
        for source, texts in translations()
        if pattern.search(source)
        for text in texts
        if not any(stem in text for stem in stems)
    ]
    assert not wrong, f"not translated as «{term}» ({', '.join(stems)}):\n" + "\n".join(wrong)


def test_money_is_paid_and_goods_arrive_nothing_is_delivered():
    # "In delivery" is a stage's name; otherwise goods arrive and money is paid.
    delivered = re.compile(r"\bdeliver(s|ed|y|ies)?\b", re.IGNORECASE)
    found = [
        source.strip()
        for source, _texts in translations()
        if delivered.search(re.sub(r"\bin delivery\b", "", source, flags=re.IGNORECASE))
    ]
    assert not found
    assert not [t for _s, texts in translations() for t in texts if "поставлено" in t or "поставк" in t]
