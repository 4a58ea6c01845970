"""A short, bounded load test on loopback: four signed-in users of different roles, each in
their own thread, make 50 requests at once against a real server (pytest-django's live
server, threaded), mixing page reads with htmx status updates of the same few projects.

No request may fail (no 5xx, no dropped connection). A status update either wins (200)
or is told someone saved first (409); the viewer's updates are refused (403). Every
accepted update is in the projects' history, and nothing else is.
"""

import collections
import random
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests import factories
from tracker.history.models import Change
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4
REQUESTS_PER_THREAD = 50
TOGGLE = {"identified": "seeking_partners", "seeking_partners": "identified"}
READS = ["/", "/projects/", "/projects/board/", "/commitments/", "/follow-ups/", "/search/?q=line"]


class Browser:
    """One user's cookies against the live server, with plain urllib (no test client)."""

    def __init__(self, base_url: str, user) -> None:
        client = Client()
        client.force_login(user)
        self.base_url = base_url
        self.cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}

    def request(self, path: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(  # noqa: S310 (the live server's http:// URL)
            self.base_url + path, data=body, headers={"Cookie": cookie, **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http://localhost)
                status, text, set_cookies = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, text, set_cookies = error.code, error.read().decode(), error.headers
        for header in set_cookies.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, text

    def update_status(self, project_id: int) -> int:
        """Read the project page, then move its status the other way, as htmx does."""
        status, page = self.request(f"/projects/{project_id}/")
        assert status == 200, status
        version = re.search(r'name="version" value="(\d+)"', page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        current = Project.objects.values_list("status", flat=True).get(pk=project_id)
        data = {"status": TOGGLE[current], "health": "on_track", "comment": "load test"}
        data["version"] = version.group(1) if version else "1"  # a viewer's page has no form
        headers = {"HX-Request": "true", "X-CSRFToken": token.group(1) if token else ""}
        return self.request(f"/projects/{project_id}/status/", data, headers)[0]


def test_mixed_reads_and_status_updates_by_four_users_lose_nothing(live_server):
    plant = factories.OrganisationFactory(code="plant")
    projects = [factories.ProjectFactory(enterprise=plant, status="identified") for _ in range(3)]
    users = [
        factories.coordinator(username="load-coordinator-1"),
        factories.coordinator(username="load-coordinator-2"),
        factories.industry(plant, username="load-industry"),
        factories.viewer(username="load-viewer"),
    ]
    history_before = Change.objects.filter(project__in=projects).count()
    outcomes: dict[str, collections.Counter] = {}
    failures: list[str] = []
    barrier = threading.Barrier(THREADS)

    def run(user) -> None:
        browser = Browser(live_server.url, user)
        counts = outcomes.setdefault(user.username, collections.Counter())
        rng = random.Random(user.username)  # repeatable mix per user
        barrier.wait()
        try:
            for n in range(REQUESTS_PER_THREAD):
                if n % 3 == 2:
                    status = browser.update_status(rng.choice(projects).pk)
                    counts[f"update {status}"] += 1
                else:
                    status, _ = browser.request(rng.choice(READS))
                    counts[f"read {status}"] += 1
                if status >= 500:
                    failures.append(f"{user.username} got {status}")
        except Exception as exc:  # a dropped connection or a timeout is a failure too
            failures.append(f"{user.username}: {exc!r}")
        finally:
            connection.close()  # this thread's own connection (the status reads)

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert not failures, failures
    total = collections.Counter()
    for counts in outcomes.values():
        total.update(counts)
    assert sum(total.values()) == THREADS * REQUESTS_PER_THREAD  # nobody stopped early
    assert set(total) <= {"read 200", "update 200", "update 409", "update 403"}, total
    assert (
        outcomes["load-viewer"]["update 403"]
        == outcomes["load-viewer"].total() - outcomes["load-viewer"]["read 200"]
    )
    accepted = total["update 200"]
    assert accepted > 0
    assert Change.objects.filter(project__in=projects).count() - history_before == accepted
