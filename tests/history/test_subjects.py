"""Each feature app registers its model with history (tracker/history/subjects.py)."""

import pytest

from tracker.history import subjects
from tracker.history.models import SUBJECT_KEYS, Change
from tracker.reference.models import Priority


def test_every_subject_key_of_change_is_registered_with_its_page():
    keys = [f.name for f in Change._meta.get_fields() if f.many_to_one and f.name != "actor"]

    assert sorted(s.field for s in subjects.registered()) == sorted(keys) == sorted(SUBJECT_KEYS)
    assert {s.field: s.page for s in subjects.registered()} == {
        "project": "projects:detail",
        "commitment": "commitments:detail",
        "package": "partners:package",
        "contact": "contacts:detail",
        "followup": "followups:detail",
    }


def test_recording_a_model_nobody_registered_says_so():
    with pytest.raises(LookupError, match=r"reference\.Priority"):
        subjects.subject_of(Priority)
