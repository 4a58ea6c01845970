"""Figures kept a short while and shared by the readers who would compute the same ones.

A figure is kept under a key naming everything it was computed from: what it is, whose
view (a scope key: users with the same key see the same rows; or a user for figures
that count their own follow-ups), and the data versions of the tables it reads. A write
to any of those tables changes a version, so the writer (and everyone else) reads a new
figure at their next page view; only a deletion, which no version shows, can leave a
figure up to SHARED_SECONDS old.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache

from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.core.versions import data_version
from tracker.followups.models import FollowUp
from tracker.history.models import Change
from tracker.projects.models import Project

SHARED_SECONDS = 60
# The tables figures read, by the name a key gives them, with the field of their latest
# save (None: history rows are only ever added).
TABLES = {
    "commitments": (Commitment, "updated_at"),
    "projects": (Project, "updated_at"),
    "contacts": (Contact, "updated_at"),
    "followups": (FollowUp, "updated_at"),
    "changes": (Change, None),
}


class Versions:
    """The data versions of the tables named, each read once (one two-index query) however
    many figures of one page key on it: `Versions()("commitments", "projects")`."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def __call__(self, *tables: str) -> str:
        for name in tables:
            if name not in self.known:
                model, saved_field = TABLES[name]
                self.known[name] = data_version(model.objects.all(), saved_field)
        return ":".join(f"{name}={self.known[name]}" for name in tables)


def shared[T](name: str, view: str, version: str, compute: Callable[[], T]) -> T:
    """The figure `name` as seen from `view` at data `version`: kept, or computed now."""
    text = f"{name}|{view}|{version}"
    key = "figures:" + hashlib.sha256(text.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, SHARED_SECONDS)
    return found
