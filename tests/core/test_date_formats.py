"""One date format and one date-time format per language on every page: a crawl of the main
pages with the demo data, in English and Ukrainian, finds no other way of writing a date."""

import re

import pytest
from django.core.management import call_command
from django.utils import formats, translation

from tracker.accounts.models import User
from tracker.commitments.models import Commitment, Package
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db

# What a date may look like, per language; and what it must never look like in either.
ALLOWED = {
    "en": re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}(, \d{2}:\d{2})?\b"),
    "uk": re.compile(r"\b\d{2}\.\d{2}\.\d{4}( \d{2}:\d{2})?\b"),
}
NEVER = {
    "a slashed date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "a 12-hour time": re.compile(r"\d(\s*|\s)(a\.m\.|p\.m\.|AM\b|PM\b|am\b|pm\b)"),
    "a month name before the day": re.compile(
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
    ),
    "a weekday abbreviation before a date": re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} "),
    # (A month alone, as a chart's "січ 2025", is not a date.)
    "a Ukrainian month word in a date": re.compile(
        r"\b\d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)"
    ),
}
OTHER_LANGUAGE = {"en": ALLOWED["uk"], "uk": ALLOWED["en"]}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed", demo=True)
    settings.DEBUG = False


def visible_text(html: str) -> str:
    """What a reader sees: no scripts, styles, tags or attribute values (input values and
    <time datetime> attributes are machine formats on purpose)."""
    html = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def main_pages() -> list[str]:
    project = Project.objects.order_by("pk").first()
    commitment = Commitment.objects.filter(deliveries__isnull=False).order_by("pk").first()
    paid = Commitment.objects.filter(payments__isnull=False).order_by("pk").first()
    contact = Contact.objects.order_by("pk").first()
    followup = FollowUp.objects.order_by("pk").first()
    package = Package.objects.order_by("pk").first()
    return [
        "/",
        "/projects/",
        "/projects/board/",
        project.get_absolute_url(),
        "/commitments/",
        commitment.get_absolute_url(),
        paid.get_absolute_url(),
        "/contacts/",
        contact.get_absolute_url(),
        "/follow-ups/",
        "/follow-ups/?scope=all",
        followup.get_absolute_url(),
        "/partners/",
        "/partners/PL/",
        package.get_absolute_url(),
        "/exports/briefing/PL/",
        "/charts/",
        "/search/?q=a",
        "/notifications/digest/preview/",
        "/accounts/profile/",
        "/calendar/",
    ]


@pytest.mark.parametrize("language", ["en", "uk"])
def test_every_main_page_writes_dates_one_way(demo, client, language):
    # Their profile's language too: the digest preview shows the email in that language.
    user = User.objects.get(username="coordinator")
    User.objects.filter(pk=user.pk).update(language=language)
    client.force_login(user)
    client.cookies["django_language"] = language
    dates_seen = 0
    for url in main_pages():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        text = visible_text(response.content.decode())
        for name, pattern in NEVER.items():
            found = pattern.search(text)
            assert not found, (
                f"{url} ({language}) shows {name}: …{text[max(0, found.start() - 60) : found.end() + 20]}…"
            )
        other = OTHER_LANGUAGE[language].search(text)
        assert not other, f"{url} ({language}) shows the other language's date: {other.group()}"
        dates_seen += len(ALLOWED[language].findall(text))
    assert dates_seen > 20  # the crawl did meet dates, in the language's format


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [("en", "2 Dec 2026", "2 Dec 2026, 08:17"), ("uk", "02.12.2026", "02.12.2026 08:17")],
)
def test_the_formats_of_each_language(language, day, moment):
    import datetime

    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 12, 2)) == day
        assert formats.date_format(datetime.date(2026, 12, 2), "SHORT_DATE_FORMAT") == day
        assert formats.date_format(datetime.datetime(2026, 12, 2, 8, 17), "DATETIME_FORMAT") == moment
        assert formats.date_format(datetime.datetime(2026, 12, 2, 8, 17), "SHORT_DATETIME_FORMAT") == moment
