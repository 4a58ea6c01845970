"""A user's open follow-ups as an iCalendar feed: one all-day event per follow-up."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from tracker.followups.models import FollowUp, State


def feed_followups(user):
    """The user's own open follow-ups that their scope still lets them see."""
    return (
        FollowUp.objects.visible_to(user)
        .filter(owner=user, state=State.OPEN)
        .only("pk", "title", "due_on", "version", "updated_at")
        .order_by("due_on", "pk")
    )


def build_feed(user) -> bytes:
    """The iCalendar text of the user's open follow-ups, in the user's language."""
    host = urlsplit(settings.SITE_URL).hostname or "tracker"
    with translation.override(user.language or settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", "-//Partner Commitments Tracker//Follow-ups//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("Follow-ups — %(name)s") % {"name": user})
        for followup in feed_followups(user):
            calendar.add_component(_event(followup, host))
    return calendar.to_ical()


def _event(followup: FollowUp, host: str) -> Event:
    link = settings.SITE_URL + followup.get_absolute_url()
    event = Event()
    # Stable per follow-up, so calendar apps update the event instead of adding a copy.
    event.add("uid", f"followup-{followup.pk}@{host}")
    # Without a METHOD, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2).
    event.add("dtstamp", followup.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", followup.updated_at.astimezone(datetime.UTC))
    event.add("sequence", followup.version)
    event.add("dtstart", followup.due_on)
    event.add("dtend", followup.due_on + datetime.timedelta(days=1))
    event.add("summary", followup.title)
    event.add("description", f"{followup.title}\n{link}")
    event.add("url", link)
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not block time
    return event
