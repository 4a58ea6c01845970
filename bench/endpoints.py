"""What the benchmark requests: each endpoint, whose session requests it, and its URL.

URL names and filter parameters of the app's pages are looked up with reverse(); where a
page does not exist yet, a guessed path is used and the endpoint reports "missing".
Check FILTER, SEARCH and status_form() against the pages once they are merged.
"""

import math
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import get_random_string

from bench.benchdata.bulk import PREFIX
from tracker.accounts.models import Role, User
from tracker.core.pages import PAGE_SIZE
from tracker.projects.models import Health, Project

# The project list filtered the way a coordinator filters it every morning.
FILTER = {"status": "in_negotiation"}
# A word that occurs in generated titles and items.
SEARCH = {"q": "howitzers"}
# The backend a password sign-in records (the lockout backend only refuses).
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The first two status-update projects are kept for the query count and the probe.
RESERVED_POSTS = 2


@dataclass
class Endpoint:
    name: str
    label: str
    kind: str  # floor | admin | bare | page | partial | post
    role: str | None  # whose session; None: anonymous
    path: str
    htmx: bool = False
    # POSTs: (path, urlencoded body) for the query count and the probe, then what wrk sends
    # as (key, path, body); the key decides which wrk thread sends it.
    reserved: list[tuple[str, str]] = field(default_factory=list)
    posts: list[tuple[int, str, str]] = field(default_factory=list)
    # The project list must serve 3x the admin changelist's throughput (issue 5).
    versus_admin: bool = False
    # Issue 14: the least req/s as a multiple of the bare list's in the same run, and
    # (status POST) the largest p95 in ms.
    versus_bare: float | None = None
    p95_limit: float | None = None
    # Text the answer must contain (e.g. a generated record), checked before measuring.
    expect: str = ""


@dataclass
class Session:
    user: User | None
    session_key: str = ""
    csrf_token: str = ""

    @property
    def cookie(self) -> str:
        if self.user is None:
            return ""
        session = f"{settings.SESSION_COOKIE_NAME}={self.session_key}"
        return f"{session}; {settings.CSRF_COOKIE_NAME}={self.csrf_token}"


def sign_in(user: User | None) -> Session:
    """A session for the user, made by Django's own sign-in (the user_logged_in signals run)
    and stored by the project's SESSION_ENGINE, and a CSRF token.

    A session the engine or the session-lifetime middleware does not accept sends every
    request to the sign-in page, and the figures would measure that redirect.
    """
    if user is None:
        return Session(None)
    client = Client()
    client.force_login(user, backend=SIGN_IN_BACKEND)
    return Session(user, client.cookies[settings.SESSION_COOKIE_NAME].value, get_random_string(32))


def end_sessions(sessions: list[Session]) -> None:
    """Delete the benchmark's sessions from the engine's table."""
    model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    model.objects.filter(session_key__in=[s.session_key for s in sessions if s.user is not None]).delete()


def bench_users() -> dict[str, User]:
    """One generated user per role: the superuser for the admin, the first of every other role."""
    users = User.objects.filter(username__startswith=PREFIX)
    coordinators = list(users.filter(role=Role.COORDINATOR).order_by("username")[:2])
    return {
        "admin": coordinators[0],
        Role.COORDINATOR: coordinators[-1],
        # The first embassy user works on the biggest partner, so has the most to read.
        Role.EMBASSY: users.filter(role=Role.EMBASSY).order_by("username").first(),
        Role.INDUSTRY: users.filter(role=Role.INDUSTRY).order_by("username").first(),
        Role.VIEWER: users.filter(role=Role.VIEWER).order_by("username").first(),
    }


def url(name: str, *args, fallback: str, query: dict | None = None) -> str:
    """reverse(name), or the guessed path while the page does not exist."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        path = fallback
    return f"{path}?{urlencode(query)}" if query else path


# Issue 14's targets: req/s as a multiple of the bare list's, at scale 10, same run.
VERSUS_BARE = {
    "project_list": 1.5,
    "project_list_filtered": 1.5,
    "contacts": 1.5,
    "project_page": 1.5,
    "project_list_partial": 2.5,
    "status_update": 2.5,
    "dashboard": 1.0,
    "dashboard_embassy": 1.0,
    "partner_page": 1.0,
    "followups": 1.0,
    "search": 1.0,
    "project_list_deep": 1.0,
}
P95_LIMITS = {"status_update": 40.0}


def build(users: dict[str, User], needed_posts: int) -> list[Endpoint]:
    """Every endpoint with a URL that exists in the current data, with its targets."""
    plan = _plan(users, needed_posts)
    for endpoint in plan:
        endpoint.versus_bare = VERSUS_BARE.get(endpoint.name)
        endpoint.p95_limit = P95_LIMITS.get(endpoint.name)
    return plan


def _plan(users: dict[str, User], needed_posts: int) -> list[Endpoint]:
    embassy = users[Role.EMBASSY]
    projects = Project.objects.filter(reference__startswith=PREFIX, is_archived=False)
    heavy = projects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    partner = embassy.countries.annotate(n=Count("contacts")).order_by("-n", "pk").first()
    visible = Project.objects.visible_to(users[Role.VIEWER]).count()
    last_page = max(1, math.ceil(visible / PAGE_SIZE))
    project_list = url("projects:list", fallback="/projects/")
    return [
        Endpoint("floor", "Floor (no database)", "floor", None, "/bench/floor"),
        Endpoint(
            "admin_projects",
            "Admin changelist of projects (100 per page)",
            "admin",
            "admin",
            url("admin:projects_project_changelist", fallback="/admin/projects/project/"),
        ),
        Endpoint(
            "bare_list",
            "Bare Django list of projects (25 per page)",
            "bare",
            Role.INDUSTRY,
            url("bench-bare-list", fallback="/bench/bare-list"),
            expect=PREFIX,
        ),
        Endpoint("dashboard", "Dashboard", "page", Role.COORDINATOR, url("home", fallback="/")),
        Endpoint("dashboard_embassy", "Dashboard (embassy)", "page", Role.EMBASSY, url("home", fallback="/")),
        Endpoint(
            "project_list",
            "Project list",
            "page",
            Role.INDUSTRY,
            project_list,
            versus_admin=True,
            expect=PREFIX,
        ),
        Endpoint(
            "project_list_filtered",
            "Project list, filtered",
            "page",
            Role.COORDINATOR,
            url("projects:list", fallback="/projects/", query=FILTER),
            expect=PREFIX,
        ),
        Endpoint(
            "project_list_deep",
            f"Project list, page {last_page}",
            "page",
            Role.VIEWER,
            url("projects:list", fallback="/projects/", query={"page": last_page}),
            expect=PREFIX,
        ),
        Endpoint(
            "project_list_partial",
            "Project list filter (htmx partial)",
            "partial",
            Role.COORDINATOR,
            url("projects:list", fallback="/projects/", query=FILTER),
            htmx=True,
            expect=PREFIX,
        ),
        Endpoint(
            "project_page",
            "Project page",
            "page",
            Role.INDUSTRY,
            url("projects:detail", heavy.pk, fallback=f"/projects/{heavy.pk}/"),
            expect=heavy.reference,
        ),
        Endpoint(
            "partner_page",
            f"Partner page ({partner.code})",
            "page",
            Role.EMBASSY,
            url("partners:detail", str(partner.code), fallback=f"/partners/{partner.code}/"),
        ),
        Endpoint(
            "contacts", "Contacts list", "page", Role.EMBASSY, url("contacts:list", fallback="/contacts/")
        ),
        Endpoint(
            "followups", "My follow-ups", "page", Role.EMBASSY, url("followups:mine", fallback="/follow-ups/")
        ),
        status_update(users[Role.COORDINATOR], needed_posts),
        Endpoint(
            "search", "Search", "page", Role.VIEWER, url("search:results", fallback="/search/", query=SEARCH)
        ),
    ]


def mixed_pages(users: dict[str, User]) -> list[Endpoint]:
    """The ten main pages of the mixed-load run, as one coordinator sees them: dashboard,
    project list (plain, filtered, last page), project and partner pages, contacts,
    follow-ups, search and the board."""
    coordinator = users[Role.COORDINATOR]
    projects = Project.objects.filter(reference__startswith=PREFIX, is_archived=False)
    heavy = projects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    partner = users[Role.EMBASSY].countries.annotate(n=Count("contacts")).order_by("-n", "pk").first()
    visible = Project.objects.visible_to(coordinator).count()
    last_page = max(1, math.ceil(visible / PAGE_SIZE))
    role = Role.COORDINATOR
    return [
        Endpoint("m_dashboard", "Dashboard", "page", role, url("home", fallback="/")),
        Endpoint("m_list", "Project list", "page", role, url("projects:list", fallback="/projects/")),
        Endpoint(
            "m_filtered",
            "Project list, filtered",
            "page",
            role,
            url("projects:list", fallback="/projects/", query=FILTER),
        ),
        Endpoint(
            "m_deep",
            f"Project list, page {last_page}",
            "page",
            role,
            url("projects:list", fallback="/projects/", query={"page": last_page}),
        ),
        Endpoint("m_project", "Project page", "page", role, url("projects:detail", heavy.pk, fallback="/")),
        Endpoint(
            "m_partner",
            f"Partner page ({partner.code})",
            "page",
            role,
            url("partners:detail", str(partner.code), fallback="/"),
        ),
        Endpoint("m_contacts", "Contacts list", "page", role, url("contacts:list", fallback="/contacts/")),
        Endpoint("m_followups", "My follow-ups", "page", role, url("followups:mine", fallback="/")),
        Endpoint("m_search", "Search", "page", role, url("search:results", fallback="/", query=SEARCH)),
        Endpoint("m_board", "Board", "page", role, url("projects:board", fallback="/projects/board/")),
    ]


def status_update(user: User, needed: int) -> Endpoint:
    """The htmx status POST, spread over many projects so no request carries a stale version.

    Requests go round by round over the projects, each project's version one higher each
    round (the service adds one per change); wrk gives each thread its own projects, so a
    project's next request leaves only after its previous one was answered.
    """
    projects = list(
        Project.objects.editable_by(user)
        .filter(reference__startswith=PREFIX)
        .order_by("pk")
        .values_list("pk", "status", "health", "version")
    )

    def path(pk: int) -> str:
        return url("projects:status", pk, fallback=f"/projects/{pk}/status/")

    reserved = [(path(pk), status_form(s, h, v, flip=True)) for pk, s, h, v in projects[:RESERVED_POSTS]]
    shared = projects[RESERVED_POSTS:]
    rounds = max(1, math.ceil(needed / max(1, len(shared))))
    posts = [
        (index, path(pk), status_form(status, health, version + turn, flip=turn % 2 == 0))
        for turn in range(rounds)
        for index, (pk, status, health, version) in enumerate(shared)
    ]
    first = reserved[0][0] if reserved else path(0)
    return Endpoint(
        "status_update", "Status update (htmx POST)", "post", Role.COORDINATOR, first, True, reserved, posts
    )


def status_form(status: str, health: str, version: int, *, flip: bool) -> str:
    """The status form's fields: same status, health toggled, so every post is an allowed change."""
    if flip:
        health = Health.AT_RISK if health == Health.ON_TRACK else Health.ON_TRACK
    reason = "" if health == Health.ON_TRACK else "Benchmark: waiting for the partner's answer."
    fields = {"status": status, "health": health, "health_reason": reason, "comment": "", "version": version}
    return urlencode(fields)


def write_posts(endpoint: Endpoint, folder: Path) -> Path:
    """The file of POST lines wrk cycles through."""
    path = folder / f"{endpoint.name}.tsv"
    lines = [f"{key}\tPOST\t{p}\t{body}" for key, p, body in endpoint.posts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_answer(endpoint: Endpoint, status: int, headers: dict[str, str], body: str) -> str | None:
    """Why an answer is not the page the endpoint should measure, or None when it is.

    A benchmark that measures redirects to the sign-in page, error pages or empty
    fragments reports figures that mean nothing, so every endpoint is checked before it
    is loaded (in-process and against the running server).
    """
    headers = {name.lower(): value for name, value in headers.items()}
    if status == 404:
        return "missing (404)"
    if not 200 <= status < 300:
        where = headers.get("location", "")
        return f"status {status}" + (f" to {where}" if where else "")
    if "hx-redirect" in headers:
        return f"htmx redirect to {headers['hx-redirect']}"
    if endpoint.kind == "floor":
        return None if body.strip() == "ok" else "the floor did not answer 'ok'"
    if 'name="password"' in body:
        return "the sign-in form was served"
    marker = EXPECTED.get(endpoint.kind)
    if marker and marker not in body:
        return f"the answer lacks {marker!r}"
    if endpoint.kind in {"partial", "post"} and ("<html" in body or not body.strip()):
        return "not an htmx fragment"
    if endpoint.expect and endpoint.expect not in body:
        return f"the answer lacks {endpoint.expect!r}"
    return None


# What every answer of a kind must hold: full pages show who is signed in.
EXPECTED = {"page": 'class="user-name"', "admin": 'id="changelist"', "bare": "<table>"}
