"""Template helpers of history rows: links to what a change is about."""

from django import template
from django.urls import reverse

from tracker.history import subjects
from tracker.history.models import Change

register = template.Library()


@register.filter
def subject_url(change: Change) -> str:
    """Link to what a change is about, from its ids alone (no query)."""
    for subject in subjects.registered():
        if pk := getattr(change, f"{subject.field}_id"):
            return reverse(subject.page, args=[pk])
    return ""
