"""The access-control proof: every URL pattern of the project, read from the URL resolver,
requested by every role with objects of the user's own scope and of another scope.

For each route the tables below say what each role gets (EXPECTED_GET) and who is refused
a write (REFUSED_POST). A route the resolver knows but the tables do not name fails the
test, so a new view cannot be forgotten. Every response body (pages, htmx partials, CSV
and XLSX exports, the iCalendar feed, search results, the admin) is searched for marker
words that only the other scope's objects carry; a digest built for each user is searched
the same way.

Timelines count: the world links the other scope's restricted commitment and contact to
this scope's contact and follow-up (and takes them off again), so the history of visible
objects names invisible ones; the walk finds the markers wherever a name leaks.

Scope of the world built below:
- embassy officer: Poland; the German contact, its follow-up and the German restricted
  commitment are another scope's;
- industry staff: the enterprise "plant" and its project; the German restricted
  commitment is on another enterprise's project;
- viewer (leadership): reads everything except restricted commitments and follow-ups of
  contacts;
- coordinator and admin (superuser): everything.
"""

import datetime
import io
import zipfile

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests import factories
from tracker.accounts.models import Role
from tracker.commitments.models import Commitment, Marking, Package
from tracker.contacts import services as contact_services
from tracker.contacts.models import Contact
from tracker.followups import services as followup_services
from tracker.followups.models import FollowUp
from tracker.history.models import Change
from tracker.imports.models import ImportKind, PendingImport
from tracker.notifications import unsubscribe
from tracker.notifications.digests import build_digest, digest_context, digest_message
from tracker.notifications.models import Digest
from tracker.projects.models import Project
from tracker.savedviews.models import DefaultView, SavedView

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "coordinator", "embassy", "industry", "admin")

# Words only the other scope's objects carry. The search and list filters ask for the
# common prefix, so a leak would show the whole word.
PREFIX = "Zulucipher"
SECRET_COMMITMENT = "ZulucipherRestrictedGerman"
SECRET_CONTACT = "ZulucipherGermanContact"
SECRET_FOLLOWUP = "ZulucipherGermanFollowup"
# Words of the embassy's and industry's own scope, which their pages must show.
OWN_COMMITMENT = "ZulucipherRestrictedPolish"
OWN_CONTACT = "ZulucipherPolishContact"

FORBIDDEN = {
    "anonymous": {SECRET_COMMITMENT, SECRET_CONTACT, SECRET_FOLLOWUP},
    "viewer": {SECRET_COMMITMENT, SECRET_FOLLOWUP},  # viewers read contacts, not their follow-ups
    "coordinator": set(),
    "embassy": {SECRET_COMMITMENT, SECRET_CONTACT, SECRET_FOLLOWUP},
    "industry": {SECRET_COMMITMENT, SECRET_CONTACT, SECRET_FOLLOWUP},
    "admin": set(),
}


class World:
    """Two countries, two enterprises, restricted commitments and contacts in each scope."""

    def __init__(self) -> None:
        pl = factories.CountryFactory(code="PL")
        de = factories.CountryFactory(code="DE")
        plant = factories.OrganisationFactory(code="plant")
        other_works = factories.OrganisationFactory(code="other-works")
        self.own_project = factories.ProjectFactory(enterprise=plant, title="Plant line Zulucipher")
        self.other_project = factories.ProjectFactory(enterprise=other_works, title="Other works line")
        self.coordinator = factories.coordinator(username="walk-coordinator")
        self.users = {
            "viewer": factories.viewer(username="walk-viewer"),
            "coordinator": self.coordinator,
            "embassy": factories.embassy(pl, username="walk-embassy"),
            "industry": factories.industry(plant, username="walk-industry"),
            "admin": factories.UserFactory(
                username="walk-admin", role=Role.VIEWER, is_staff=True, is_superuser=True
            ),
        }
        self.own_commitment = factories.CommitmentFactory(
            country=pl, marking=Marking.RESTRICTED, project=self.own_project, item=OWN_COMMITMENT
        )
        self.other_commitment = factories.CommitmentFactory(
            country=de,
            marking=Marking.RESTRICTED,
            project=self.other_project,
            item=SECRET_COMMITMENT,
        )
        self.own_package = Package.objects.create(
            partner=pl.partner, title="Polish package Zulucipher", marking=Marking.RESTRICTED
        )
        self.other_package = Package.objects.create(
            partner=de.partner, title=f"{SECRET_COMMITMENT} package", marking=Marking.RESTRICTED
        )
        self.own_contact = factories.ContactFactory(country=pl, summary=f"Talked with MoD {OWN_CONTACT}")
        self.own_contact.projects.add(self.own_project)
        self.own_contact.commitments.add(self.own_commitment)
        self.other_contact = factories.ContactFactory(
            country=de,
            summary=f"Talked with BMVg {SECRET_CONTACT}",
            outcome=SECRET_CONTACT,
            counterpart_person=SECRET_CONTACT,
            counterpart_organisation=SECRET_CONTACT,  # part of the contact's name in history
        )
        self.other_contact.projects.add(self.other_project)
        self.other_contact.commitments.add(self.other_commitment)
        due = timezone.localdate() + datetime.timedelta(days=2)
        self.own_followup = factories.FollowUpFactory(
            title="Send the Polish draft Zulucipher",
            owner=self.users["embassy"],
            contact=self.own_contact,
            country=pl,
            project=self.own_project,
            due_on=due,
        )
        self.other_followup = factories.FollowUpFactory(
            title=SECRET_FOLLOWUP,
            owner=self.coordinator,
            contact=self.other_contact,
            country=de,
            project=self.other_project,
            commitment=self.other_commitment,
            due_on=due,
        )
        self.link_other_scope_in_history()
        self.coordinator_import = PendingImport.objects.create(
            uploader=self.coordinator, kind=ImportKind.COMMITMENTS, filename=f"{SECRET_COMMITMENT}.csv"
        )
        # A coordinator's private saved view: nobody else may see, default to or delete it.
        self.private_view = SavedView.objects.create(
            owner=self.coordinator, list_name="projects", name=SECRET_COMMITMENT, query="q=x"
        )
        for user in self.users.values():
            user.regenerate_calendar_token()
        self.pl, self.de = pl, de

    def link_other_scope_in_history(self) -> None:
        """A coordinator links the other scope's objects to this scope's contact and
        follow-up and takes them off again: the links end as they were, but the timelines
        of the visible objects now record the other scope's names."""
        by = self.coordinator
        for commitments in ([self.own_commitment, self.other_commitment], [self.own_commitment]):
            self.own_contact.refresh_from_db()
            contact_services.update_contact(
                self.own_contact,
                {"commitments": commitments},
                by=by,
                expected_version=self.own_contact.version,
            )
        for contact, commitment in ((self.other_contact, self.other_commitment), (self.own_contact, None)):
            self.own_followup.refresh_from_db()
            followup_services.update_followup(
                self.own_followup,
                {"contact": contact, "commitment": commitment},
                by=by,
                expected_version=self.own_followup.version,
            )
        self.own_contact.refresh_from_db()
        self.own_followup.refresh_from_db()


@pytest.fixture
def world(db) -> World:
    return World()


# What each route is requested with: variant name -> URL kwargs built from the world.
# "own" is in the requesting embassy/industry user's scope, "other" outside it.
def route_variants(name: str, w: World, user) -> dict[str, dict]:
    objects = {
        "projects": (w.own_project, w.other_project),
        "commitments": (w.own_commitment, w.other_commitment),
        "contacts": (w.own_contact, w.other_contact),
        "followups": (w.own_followup, w.other_followup),
    }
    if name in ("partners:package", "partners:package_edit"):
        return {"own": {"pk": w.own_package.pk}, "other": {"pk": w.other_package.pk}}
    namespace, _, view = name.partition(":")
    if namespace in objects and view not in ("list", "create", "board", "mine", "package_create", "bulk"):
        own, other = objects[namespace]
        return {"own": {"pk": own.pk}, "other": {"pk": other.pk}}
    if name == "partners:detail":
        return {"own": {"code": "PL"}, "other": {"code": "DE"}}
    if name in ("exports:briefing", "exports:briefing_xlsx"):
        return {"own": {"code": "PL"}, "other": {"code": "DE"}}
    if name == "exports:list":
        return {
            f"{kind}.{fmt}": {"kind": kind, "fmt": fmt}
            for kind in ("projects", "commitments", "contacts", "followups")
            for fmt in ("csv", "xlsx")
        }
    if name == "imports:template":
        return {
            f"{kind}.{fmt}": {"kind": kind, "fmt": fmt}
            for kind in ("commitments", "deliveries")
            for fmt in ("csv", "xlsx")
        }
    if name in ("savedviews:default", "savedviews:delete"):
        return {"other": {"pk": w.private_view.pk}}
    if name == "savedviews:clear_default":
        return {"": {"list_name": "projects"}}
    if name in ("imports:preview", "imports:apply"):
        return {"other": {"pk": w.coordinator_import.pk}}
    if name == "calendar:feed":
        # The secret URL is the credential: each user's own, and one nobody was given.
        mine = {"own": {"token": user.calendar_token}} if user else {}
        return {**mine, "forged": {"token": "f" * 43}}
    if name == "notifications:unsubscribe":
        return {"own": {"token": unsubscribe.make_token(user)}} if user else {"forged": {"token": "x" * 30}}
    if name == "password_reset_confirm":
        return {"forged": {"uidb64": "MQ", "token": "set-password"}}
    return {"": {}}


# Query strings that make list pages show filtered, searched, or htmx-partial answers.
QUERIES = {
    "search:results": f"?q={PREFIX}",
    "projects:list": f"?q={PREFIX}",
    "commitments:list": f"?q={PREFIX}",
    "contacts:list": f"?q={PREFIX}",
}


def all_routes() -> list[tuple[str, str]]:
    """(name, pattern) of every named URL pattern, includes followed."""
    found: list[tuple[str, str]] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                if not entry.name and namespace == "admin":
                    continue  # the admin's own redirects (object URL -> change page, catch-all)
                assert entry.name, f"unnamed route {prefix}{entry.pattern}: name it and add it here"
                found.append(
                    (f"{namespace}:{entry.name}" if namespace else entry.name, prefix + str(entry.pattern))
                )

    walk(get_resolver(), "", "")
    return found


def admin_model_routes() -> set[str]:
    """admin:<app>_<model>_<view> for each registered model (checked by ADMIN_VIEWS)."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        for model in admin.site._registry
        for view in ADMIN_VIEWS
    }


def client_for(role: str, w: World) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(w.users[role])
    return client


def body_text(response) -> str:
    """What a user could read in the response: decoded text, or the cells of an XLSX."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:2] == b"PK":  # an XLSX is a zip of XML parts
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            return "\n".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xml"))
    return raw.decode("utf-8", errors="replace")


def assert_nothing_forbidden(role: str, label: str, text: str) -> None:
    leaked = sorted(marker for marker in FORBIDDEN[role] if marker.lower() in text.lower())
    assert not leaked, f"{role} sees {leaked} in {label}"


def snapshot() -> dict:
    """Every row a write could change."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            Project,
            Commitment,
            Package,
            Contact,
            FollowUp,
            Change,
            PendingImport,
            Digest,
            SavedView,
            DefaultView,
        )
    }


# ---------------------------------------------------------------------------- the tables
# Status codes: 200 page; 302 to the sign-in page (anonymous) or elsewhere; 403 refused;
# 404 not found in the user's scope; 405 wrong method.
#
# EXPECTED_GET[route][variant] = {role: status}; `ALL(x)` for the same status everywhere.


def ALL(status: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, status) for role in ROLES}


def SIGNED_IN(status: int, **overrides: int) -> dict[str, int]:
    return ALL(status, anonymous=302, **overrides)


def row(anonymous: int, viewer: int, coordinator: int, embassy: int, industry: int, admin: int) -> dict:
    """One row of statuses, in the order of ROLES."""
    return dict(zip(ROLES, (anonymous, viewer, coordinator, embassy, industry, admin), strict=True))


PAGE = SIGNED_IN(200)
POST_ONLY = SIGNED_IN(405)
OWN_OTHER_POST_ONLY = {"own": POST_ONLY, "other": POST_ONLY}
PUBLIC = ALL(200)

#                  anonymous viewer coordinator embassy industry admin(superuser, viewer role)
EXPECTED_GET: dict[str, dict[str, dict[str, int]]] = {
    "home": {"": PAGE},
    "projects:list": {"": PAGE},
    "projects:board": {"": PAGE},
    "projects:create": {"": row(302, 403, 200, 403, 200, 403)},
    "projects:detail": {"own": PAGE, "other": PAGE},  # every signed-in user reads projects
    "projects:edit": {"own": row(302, 403, 200, 403, 200, 403), "other": row(302, 403, 200, 403, 403, 403)},
    "projects:status": OWN_OTHER_POST_ONLY,
    "projects:move": OWN_OTHER_POST_ONLY,
    "projects:bulk": {"": POST_ONLY},
    "commitments:list": {"": PAGE},
    "commitments:create": {"": row(302, 403, 200, 200, 403, 403)},
    "commitments:detail": {
        "own": row(302, 404, 200, 200, 200, 404),
        "other": row(302, 404, 200, 404, 404, 404),
    },
    "commitments:edit": {
        "own": row(302, 404, 200, 200, 403, 404),
        "other": row(302, 404, 200, 404, 404, 404),
    },
    "commitments:delivery": OWN_OTHER_POST_ONLY,
    "commitments:payment": OWN_OTHER_POST_ONLY,
    "partners:package": {
        "own": row(302, 404, 200, 200, 404, 404),
        "other": row(302, 404, 200, 404, 404, 404),
    },
    "partners:package_create": {"": row(302, 403, 200, 200, 403, 403)},
    "partners:package_edit": {
        "own": row(302, 404, 200, 200, 404, 404),
        "other": row(302, 404, 200, 404, 404, 404),
    },
    "commitments:amend": OWN_OTHER_POST_ONLY,
    "commitments:stage": OWN_OTHER_POST_ONLY,
    "partners:list": {"": PAGE},
    "partners:detail": {"own": PAGE, "other": PAGE},  # a country page lists only what the user may see
    "contacts:list": {"": PAGE},
    "contacts:create": {"": row(302, 403, 200, 200, 403, 403)},
    "contacts:detail": {"own": PAGE, "other": row(302, 200, 200, 404, 404, 200)},
    "contacts:edit": {"own": row(302, 403, 200, 200, 403, 403), "other": row(302, 403, 200, 404, 404, 403)},
    "followups:mine": {"": PAGE},
    "followups:detail": {
        "own": row(302, 404, 200, 200, 200, 404),
        "other": row(302, 404, 200, 404, 404, 404),
    },
    "followups:done": OWN_OTHER_POST_ONLY,
    "followups:reschedule": OWN_OTHER_POST_ONLY,
    "followups:bulk": {"": POST_ONLY},
    "notifications:digest_preview": {"": PAGE},
    "notifications:unsubscribe": {"own": PAGE, "forged": ALL(400)},
    "search:results": {"": PAGE},
    "calendar:subscription": {"": PAGE},
    "calendar:feed": {"own": PUBLIC, "forged": ALL(404)},
    "exports:list": {
        f"{kind}.{fmt}": PAGE
        for kind in ("projects", "commitments", "contacts", "followups")
        for fmt in ("csv", "xlsx")
    },
    "exports:briefing": {"own": PAGE, "other": PAGE},  # a briefing holds only what the user may see
    "exports:briefing_xlsx": {"own": PAGE, "other": PAGE},
    "imports:upload": {"": row(302, 403, 200, 200, 403, 403)},
    "imports:preview": {"other": row(302, 403, 200, 404, 403, 403)},  # another uploader's preview
    "imports:apply": {"other": POST_ONLY},
    "imports:template": {
        f"{kind}.{fmt}": PAGE for kind in ("commitments", "deliveries") for fmt in ("csv", "xlsx")
    },
    "charts:charts": {"": PAGE},
    "savedviews:list": {"": PAGE},  # each user's own and the shared views only
    "savedviews:save": {"": POST_ONLY},
    "savedviews:default": {"other": POST_ONLY},
    "savedviews:delete": {"other": POST_ONLY},
    "savedviews:clear_default": {"": POST_ONLY},
    "healthz": {"": PUBLIC},
    "favicon": {"": ALL(301)},
    "csp_report": {"": ALL(405)},
    "profile": {"": PAGE},
    "login": {"": PUBLIC},
    "logout": {"": ALL(405, anonymous=302)},
    "password_change": {"": PAGE},
    "password_change_done": {"": PAGE},
    "password_reset": {"": PUBLIC},
    "password_reset_done": {"": PUBLIC},
    "password_reset_confirm": {"forged": PUBLIC},  # the page says the link is invalid
    "password_reset_complete": {"": PUBLIC},
    "security:two_factor": {"": PAGE},
    "security:verify": {"": ALL(302)},  # nothing to verify without a pending sign-in
    "security:recovery_codes": {"": POST_ONLY},
    "security:turn_off": {"": POST_ONLY},
    "set_language": {"": ALL(302)},
}

# The admin: everyone but staff is sent to the admin's sign-in page. For the superuser,
# ADMIN_VIEWS gives the status per kind of model view; READ_ONLY_ADMIN models refuse
# adding and deleting (history, refusals and the notification records are append-only).
NOT_STAFF = {role: 302 for role in ROLES if role != "admin"}
ADMIN_VIEWS: dict[str, int] = {"changelist": 200, "add": 200, "change": 200, "delete": 200, "history": 200}
APPEND_ONLY = {"add", "delete"}
READ_ONLY_ADMIN = {
    "history.change": APPEND_ONLY,
    "security.refusedaccess": APPEND_ONLY,
    "notifications.reminder": APPEND_ONLY,
    "notifications.digest": APPEND_ONLY,
    "notifications.scanrun": APPEND_ONLY,
    # django-axes' own admin: attempts and logs come from sign-ins, old logs may be cleared.
    "axes.accessattempt": {"add"},
    "axes.accesslog": {"add"},
    "axes.accessfailurelog": {"add"},
}
ADMIN_SITE: dict[str, dict[str, int]] = {
    "admin:index": {**NOT_STAFF, "admin": 200},
    "admin:app_list": {**NOT_STAFF, "admin": 200},
    "admin:login": {**ALL(200), "admin": 302},
    "admin:logout": {**NOT_STAFF, "admin": 405},
    "admin:password_change": {**NOT_STAFF, "admin": 200},
    "admin:password_change_done": {**NOT_STAFF, "admin": 200},
    "admin:jsi18n": {**NOT_STAFF, "admin": 200},
    "admin:autocomplete": {**NOT_STAFF, "admin": 403},  # without a field to complete
    "admin:view_on_site": {**NOT_STAFF, "admin": 302},
}
# Admin routes with arguments the walk does not build (forms of one object's password or
# authenticator); the staff check in front of them is the admin site's, tested above.
ADMIN_SKIPPED = {
    "admin:auth_user_password_change",
    "admin:otp_totp_totpdevice_config",
    "admin:otp_totp_totpdevice_qrcode",
}

# REFUSED_POST[route][variant]: the roles whose POST must change nothing (a refusal: 302 to
# sign in, 403, 404 or 405). The others may write; what they write is tested elsewhere.
NOT_COORDINATOR = {"anonymous", "viewer", "embassy", "industry", "admin"}
REFUSED_POST: dict[str, dict[str, set[str]]] = {
    "projects:create": {"": {"anonymous", "viewer", "embassy", "admin"}},
    "projects:edit": {"own": {"anonymous", "viewer", "embassy", "admin"}, "other": NOT_COORDINATOR},
    "projects:status": {"own": {"anonymous", "viewer", "embassy", "admin"}, "other": NOT_COORDINATOR},
    "projects:move": {"own": {"anonymous", "viewer", "embassy", "admin"}, "other": NOT_COORDINATOR},
    "commitments:create": {"": {"anonymous", "viewer", "industry", "admin"}},
    "commitments:edit": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "commitments:delivery": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "commitments:payment": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "partners:package_create": {"": {"anonymous", "viewer", "industry", "admin"}},
    "partners:package_edit": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "commitments:amend": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "commitments:stage": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "contacts:create": {"": {"anonymous", "viewer", "industry", "admin"}},
    "contacts:edit": {"own": {"anonymous", "viewer", "industry", "admin"}, "other": NOT_COORDINATOR},
    "followups:done": {"own": {"anonymous", "viewer", "admin"}, "other": NOT_COORDINATOR},
    "followups:reschedule": {"own": {"anonymous", "viewer", "admin"}, "other": NOT_COORDINATOR},
    "imports:upload": {"": {"anonymous", "viewer", "industry", "admin"}},
    "imports:apply": {"other": NOT_COORDINATOR},
    "profile": {"": {"anonymous"}},
    # Another's private view: neither a default nor deleted, by anyone but its owner.
    "savedviews:default": {"other": {"anonymous", "viewer", "embassy", "industry", "admin"}},
    "savedviews:delete": {"other": {"anonymous", "viewer", "embassy", "industry", "admin"}},
}


# ---------------------------------------------------------------------------- the walk

POST_DATA = {
    # Enough for each write form to succeed if the view let it through.
    "status": "on_hold",
    "health": "at_risk",
    "health_reason": "Walk",
    "comment": "Changed by the access walk",
    "stage": "delivered",
    "version": "1",
    "title": "Changed by the access walk",
    "summary": "Changed by the access walk",
    "item": "Changed by the access walk",
    "delivered_on": "2026-01-05",
    "quantity": "1",
    "reason": "other",
    "new_quantity": "1",
    "note": "walk",
    "due_on": "2030-01-01",
    "state": "done",
}


def admin_kwargs(name: str, w: World) -> dict:
    """Arguments of an admin route: an existing object of the model where one is needed."""
    for model in admin.site._registry:
        base = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(base) and name.removeprefix(base) in ("change", "delete", "history"):
            obj = model.objects.order_by("pk").first()
            if obj is None:
                return {"object_id": "999999"}
            return {"object_id": obj.pk}
    if name == "admin:app_list":
        return {"app_label": "commitments"}
    if name == "admin:view_on_site":
        return {"content_type_id": _content_type_id(Commitment), "object_id": w.other_commitment.pk}
    return {}


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def requests_for(w: World, role: str):
    """(route, variant, url) of every route the resolver knows, for one role."""
    user = w.users.get(role)
    for name, _pattern in all_routes():
        if name in ADMIN_SKIPPED:
            continue
        if name.startswith("admin:"):
            yield name, "", reverse(name, kwargs=admin_kwargs(name, w))
            continue
        for variant, kwargs in route_variants(name, w, user).items():
            yield name, variant, reverse(name, kwargs=kwargs) + QUERIES.get(name, "")


def expected_admin_status(name: str, role: str, w: World) -> int:
    if name in ADMIN_SITE:
        return ADMIN_SITE[name][role]
    if role != "admin":
        return 302
    for model in admin.site._registry:
        base = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        view = name.removeprefix(base)
        if name.startswith(base) and view in ADMIN_VIEWS:
            if view in READ_ONLY_ADMIN.get(model._meta.label_lower, ()):
                return 403
            if view in ("change", "delete", "history") and not model.objects.exists():
                return 302  # the admin sends a missing object back to the index
            return ADMIN_VIEWS[view]
    raise AssertionError(f"{name} has no row in ADMIN_SITE")


def test_every_route_has_a_row_in_the_tables():
    known = set(EXPECTED_GET) | set(ADMIN_SITE) | admin_model_routes() | ADMIN_SKIPPED
    missing = sorted(name for name, _ in all_routes() if name not in known)
    assert not missing, f"routes without a row in EXPECTED_GET (or the admin tables): {missing}"
    assert set(REFUSED_POST) <= set(EXPECTED_GET)


def test_the_walk_reaches_the_routes_of_every_app():
    names = {name for name, _ in all_routes()}
    assert {"projects:edit", "commitments:stage", "contacts:edit", "followups:done", "exports:list"} <= names
    assert {"calendar:feed", "imports:apply", "admin:commitments_commitment_change", "healthz"} <= names


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_and_nothing_of_another_scope(world, role):
    client = client_for(role, world)
    wrong: list[str] = []
    for name, variant, url in requests_for(world, role):
        if name.startswith("admin:"):
            expected = expected_admin_status(name, role, world)
        else:
            expected = EXPECTED_GET[name][variant][role]
        response = client.get(url)
        if response.status_code != expected:
            wrong.append(f"{name} {variant} {url}: {response.status_code}, expected {expected}")
        if response.status_code == 302 and role == "anonymous" and not name.startswith("admin:"):
            assert response["Location"].startswith(reverse("login")) or name in (
                "set_language",
                "security:verify",
            )
        assert_nothing_forbidden(role, url, body_text(response))
        if name in QUERIES and response.status_code == 200:
            partial = client.get(url, headers={"HX-Request": "true"})
            assert partial.status_code == 200
            assert_nothing_forbidden(role, f"{url} (htmx)", body_text(partial))
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ("embassy", "industry"))
def test_own_scope_shows_in_lists_exports_and_search(world, role):
    """The walk could pass by showing nothing; the user's own restricted items are there."""
    client = client_for(role, world)
    for url in (
        f"/search/?q={PREFIX}",
        f"/commitments/?q={PREFIX}",
        "/exports/commitments.csv",
        "/exports/commitments.xlsx",
    ):
        assert OWN_COMMITMENT in body_text(client.get(url)), url
    if role == "embassy":  # the owner of the Polish follow-up has it on their calendar
        feed = body_text(client.get(reverse("calendar:feed", args=[world.users[role].calendar_token])))
        assert "Send the Polish draft" in feed


def test_the_coordinator_sees_the_other_scope_so_the_markers_are_findable(world):
    client = client_for("coordinator", world)
    assert SECRET_COMMITMENT in body_text(client.get(f"/search/?q={PREFIX}"))
    assert SECRET_CONTACT in body_text(client.get("/exports/contacts.xlsx"))
    assert SECRET_FOLLOWUP in body_text(client.get("/exports/followups.csv"))


@pytest.mark.parametrize("role", [r for r in ROLES if r != "coordinator"])
def test_writes_outside_the_role_or_scope_are_refused_and_change_nothing(world, role):
    client = client_for(role, world)
    user = world.users.get(role)
    wrong: list[str] = []
    for name, variants in REFUSED_POST.items():
        for variant, refused in variants.items():
            if role not in refused:
                continue
            kwargs = route_variants(name, world, user)[variant]
            url = reverse(name, kwargs=kwargs)
            before = snapshot()
            response = client.post(url, POST_DATA)
            refused_answer = response.status_code in (403, 404, 405) or (
                response.status_code == 302 and reverse("login") in response["Location"]
            )
            if not refused_answer:
                wrong.append(f"{name} {variant}: {response.status_code}")
            assert snapshot() == before, f"{role} changed data with POST {url}"
            assert_nothing_forbidden(role, f"POST {url}", body_text(response))
    assert not wrong, "\n".join(wrong)


def test_a_coordinator_post_with_the_same_data_does_change_things(world):
    """The refusals above are refusals: the same request by a coordinator is a write."""
    client = client_for("coordinator", world)
    before = snapshot()
    response = client.post(reverse("followups:done", args=[world.other_followup.pk]), POST_DATA)
    assert response.status_code in (200, 302)
    assert snapshot() != before


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_the_digest_built_for_each_user_holds_nothing_of_another_scope(world, role):
    user = world.users[role]
    now = timezone.now() + datetime.timedelta(days=1)
    content = build_digest(user, now)
    row = Digest.objects.create(
        user=user, iso_year=content.week.iso_year, iso_week=content.week.iso_week, enqueued_at=now
    )
    message = digest_message(content, row)
    text = message.body + "".join(str(part[0]) for part in message.alternatives)
    assert_nothing_forbidden(role, "digest email", text)
    assert_nothing_forbidden(role, "digest context", repr(digest_context(content)))
    if role == "coordinator":
        assert SECRET_FOLLOWUP in text  # due in two days: the coordinator's digest names it
    if role == "embassy":
        assert "Send the Polish draft" in text


def test_a_staff_flag_without_permissions_opens_no_admin_page_of_the_data(world):
    """An embassy officer marked staff by mistake, given no permissions: the admin shows the
    index and their own password page, and refuses every model page."""
    staff = factories.embassy(world.pl, username="walk-staff", is_staff=True)
    client = Client()
    client.force_login(staff)
    wrong: list[str] = []
    for name, _variant, url in requests_for(world, "admin"):
        if name not in admin_model_routes():
            continue
        status = client.get(url).status_code
        missing_object = "/999999/" in url  # the admin sends those back to the index first
        if status != 403 and not (missing_object and status == 302):
            wrong.append(f"{name} {url}: {status}")
        assert_nothing_forbidden("embassy", url, body_text(client.get(url)))
    assert not wrong, "\n".join(wrong)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "commitments" not in body_text(index).lower()
