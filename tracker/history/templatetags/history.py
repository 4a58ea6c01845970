"""Template helpers of history rows: links to what a change is about."""

from django import template
from django.urls import reverse

from tracker.history.lines import SUBJECTS
from tracker.history.models import Change

register = template.Library()

SUBJECT_PAGES = {
    "project": "projects:detail",
    "commitment": "commitments:detail",
    "contact": "contacts:detail",
    "followup": "followups:detail",
}


@register.filter
def subject_url(change: Change) -> str:
    """Link to what a change is about, from its ids alone (no query)."""
    for name in SUBJECTS:
        if pk := getattr(change, f"{name}_id"):
            return reverse(SUBJECT_PAGES[name], args=[pk])
    return ""
