"""Dates in words where people scan a list: "3 days overdue", "due tomorrow"."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def due_in_words(due_on: datetime.date | None, today: datetime.date | None = None) -> str:
    """How far a due date is from today, in words: "due in 3 days", "due today", "2 days overdue"."""
    if not isinstance(due_on, datetime.date):
        return ""
    if not isinstance(today, datetime.date):
        today = timezone.localdate()
    days = (due_on - today).days
    if days < 0:
        return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days}
    if days == 0:
        return _("due today")
    if days == 1:
        return _("due tomorrow")
    return ngettext("due in %(days)s day", "due in %(days)s days", days) % {"days": days}
