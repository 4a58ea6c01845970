"""The embedded default works end to end: `make run` on SQLite with the file-based Celery
queue and mail written to files. Each demo role signs in and opens every main page; a
status change and a contact with a follow-up are saved through the forms; the reminder
scan and the weekly digest run through the worker on the file queue and write mail files.

Run by `make smoke` (and so by `make test` and CI), never by the PostgreSQL suite.
"""

import datetime
import email
import re
import subprocess
import sys
import time
from email.message import EmailMessage
from email.policy import default
from zoneinfo import ZoneInfo

import pytest

from tests.fresh_python import ROOT

DEMO_PASSWORD = "tracker-demo-2026"  # the demo logins of the README
DEMO_USERS = ["coordinator", "industry", "concern", "embassy-pl", "embassy-de", "viewer"]
MAIN_PAGES = [
    "/",
    "/projects/",
    "/projects/board/",
    "/commitments/",
    "/partners/",
    "/contacts/",
    "/follow-ups/",
    "/charts/",
    "/search/?q=artillery",
    "/calendar/",
    "/accounts/profile/",
    "/notifications/digest/preview/",
]
# The first item of each list leads to a page of its own.
DETAIL_LINKS = {
    "/projects/": r'href="(/projects/\d+/)"',
    "/commitments/": r'href="(/commitments/\d+/)"',
    "/partners/": r'href="(/partners/[A-Z]{2}/)"',
    "/contacts/": r'href="(/contacts/\d+/)"',
}
KYIV = ZoneInfo("Europe/Kyiv")  # TIME_ZONE's default
MAIL_SECONDS = 90


def today() -> datetime.date:
    return datetime.datetime.now(KYIV).date()


@pytest.mark.parametrize("username", DEMO_USERS)
def test_each_demo_role_signs_in_and_opens_every_main_page(app, username):
    visitor = app.visitor()
    visitor.sign_in(username, DEMO_PASSWORD)
    pages = list(MAIN_PAGES)
    for list_page, link in DETAIL_LINKS.items():
        found = re.search(link, visitor.get(list_page).text)
        if found:  # an embassy sees no contacts of other countries, and may have none
            pages.append(found.group(1))
    answers = {path: visitor.get(path).status for path in pages}
    assert answers == dict.fromkeys(pages, 200)
    assert len(pages) > len(MAIN_PAGES) + 2  # projects and partners are there for everyone


def test_a_project_status_change_is_saved_with_its_history(app):
    visitor = app.visitor()
    visitor.sign_in("coordinator", DEMO_PASSWORD)
    project = re.search(DETAIL_LINKS["/projects/"], visitor.get("/projects/").text).group(1)
    form = visitor.get(project).form(f"{project}status/")
    [current] = form.values["status"]
    new = next(status for status in form.options["status"] if status != current)
    page = visitor.submit(form, status=new, health="on_track", comment="Smoke test: moved")
    assert page.status == 200
    assert page.url.endswith(project)
    assert "Smoke test: moved" in visitor.get(project).text


@pytest.fixture(scope="module")
def logged_followup(app) -> str:
    """Embassy staff for Poland log a contact with a follow-up due tomorrow; its title."""
    title = f"Smoke follow-up {time.time_ns()}"
    visitor = app.visitor()
    visitor.sign_in("embassy-pl", DEMO_PASSWORD)
    form = visitor.get("/contacts/new/").form("/contacts/new/")
    page = visitor.submit(
        form,
        country=chosen(form, "country"),  # Poland, the only country of embassy-pl
        channel=chosen(form, "channel"),
        held_on=today().isoformat(),
        counterpart_organisation="Ministry of National Defence",
        summary="Smoke test: asked about the air defence deliveries.",
        **{
            "followups-0-title": title,
            "followups-0-due_on": (today() + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert page.status == 200
    assert re.search(r"/contacts/\d+/$", page.url), re.findall(r'class="errorlist.*?</ul>', page.text, re.S)
    return title


def chosen(form, name: str) -> str:
    """The first real choice of a select (not its empty "choose" line)."""
    return next(value for value in form.options[name] if value)


def test_a_contact_with_a_follow_up_is_logged(app, logged_followup):
    visitor = app.visitor()
    visitor.sign_in("embassy-pl", DEMO_PASSWORD)
    assert logged_followup in visitor.get("/follow-ups/").text


def test_the_reminder_scan_and_the_digest_run_on_the_file_queue_and_write_mail_files(app, logged_followup):
    celery_call(app, "notifications.scan_reminders")
    reminder = wait_for_mail(app, "reminder-", lambda m: logged_followup in text_of(m))
    assert reminder["To"] == "embassy-pl@example.org"
    # Links point at the address `make run` serves (RUN_ADDR), not the default port.
    assert f"{app.url}/follow-ups/" in text_of(reminder)
    assert reminder["Content-Language"] == "uk"  # the demo embassy-pl user reads Ukrainian

    celery_call(app, "notifications.send_digests")
    digest = wait_for_mail(app, "digest-", lambda m: m["To"] == "embassy-pl@example.org")
    assert logged_followup in text_of(digest)  # due in the coming week
    # The worker's broadcast (control) folder is under the data folder, not the working directory.
    assert list((app.var / "celery" / "control").glob("*.exchange"))


def celery_call(app, task: str) -> None:
    """Queue a task by name on the file-based broker, as beat would."""
    command = [sys.executable, "-m", "celery", "-A", "tracker", "call", task]
    result = subprocess.run(command, cwd=ROOT, env=app.env, capture_output=True, text=True, timeout=60)  # noqa: S603
    assert result.returncode == 0, result.stderr


def mails(app) -> list[EmailMessage]:
    """Every message the file mail backend wrote under the data folder."""
    messages = []
    for path in sorted((app.var / "mail").glob("*.log")):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                messages.append(email.message_from_bytes(raw, policy=default))
    return messages


def wait_for_mail(app, kind: str, match) -> EmailMessage:
    """The first mail of `kind` (its Message-ID prefix) that `match`es, waiting for the worker."""
    deadline = time.monotonic() + MAIL_SECONDS
    while time.monotonic() < deadline:
        for message in mails(app):
            if message["Message-ID"].startswith(f"<{kind}") and match(message):
                return message
        time.sleep(0.5)
    seen = [(m["Message-ID"], m["To"]) for m in mails(app)]
    raise AssertionError(f"No {kind} mail within {MAIL_SECONDS} s; the mail folder holds {seen}")


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


# Security finding 2: on SQLite, a number beyond 64 bits cannot even be bound to a query.
NOT_IDS = ["99999999999999999999", str(2**63), "1e3"]


@pytest.mark.parametrize(
    ("username", "page", "fields"),
    [
        ("coordinator", "{project}edit/", ["candidate_countries", "partner_companies"]),
        ("industry", "/projects/new/", ["candidate_countries"]),
        ("embassy-pl", "/contacts/new/", ["projects", "commitments"]),
        ("coordinator", "/contacts/new/", ["projects", "commitments"]),
    ],
)
def test_ids_beyond_64_bits_in_a_multi_select_are_refused_on_sqlite(app, username, page, fields):
    visitor = app.visitor()
    visitor.sign_in(username, DEMO_PASSWORD)
    if "{project}" in page:
        page = page.format(
            project=re.search(DETAIL_LINKS["/projects/"], visitor.get("/projects/").text).group(1)
        )
    form = visitor.get(page).form(page)
    for field in fields:
        for value in NOT_IDS:
            answer = visitor.submit(form, **{field: [value]})
            assert answer.status == 422 or (answer.status == 200 and "errorlist" in answer.text), (
                f"{page} {field}={value}: {answer.status}"
            )
            assert value in answer.text  # named in the message beside the field, in either language
