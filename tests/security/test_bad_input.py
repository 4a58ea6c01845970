"""Bad input: every form and every query parameter of the list pages, fed by hypothesis
and by explicit hostile cases. Never a 500; an invalid submission is answered with a 4xx
(or the form again, with its messages) and saves nothing; what was saved before stays.

The forms' field names are read from the pages themselves (the `name` attributes), so a
new field is fed too. A submission the app accepts must leave rows that pass their own
model validation.
"""

import datetime
import re
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tracker.commitments.models import Commitment, Delivery
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.history.models import Change
from tracker.imports.models import PendingImport
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db

# A request takes a fifth of a second: about 300 form posts and 150 list requests in all.
FORM_EXAMPLES = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUERY_EXAMPLES = settings(FORM_EXAMPLES, max_examples=8)

# Values a hostile or careless user types: far dates, signs, overflow, unknown choices,
# markup, control characters, right-to-left text, lone surrogates (not encodable).
EDGE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "-0.01",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999999",
    "1.0000000000001",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "31/12/2026",
    "not-a-choice",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "Привіт, партнере",
    "\u202eevil",
    "x" * 5000,
]
VALUES = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=60).map(lambda text: text.replace("\x00", "")),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(str),
)


def snapshot() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Project, Commitment, Delivery, Contact, FollowUp, Change, PendingImport)
    }


def field_names(html: str) -> list[str]:
    """The names of the inputs, selects and textareas of a page's forms."""
    names = re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', html)
    return sorted({name for name in names if name not in ("csrfmiddlewaretoken",)})


@pytest.fixture
def data(db):
    """Saved rows every example must leave as they are."""
    pl = factories.CountryFactory(code="PL")
    coordinator = factories.coordinator(username="bad-input-coordinator")
    project = factories.ProjectFactory(title="Shell line")
    commitment = factories.CommitmentFactory(country=pl, project=project, quantity=100, unit="rounds")
    contact = factories.ContactFactory(country=pl)
    followup = factories.FollowUpFactory(owner=coordinator, project=project, contact=contact, country=pl)
    client = Client()
    client.force_login(coordinator)
    return {
        "client": client,
        "coordinator": coordinator,
        "project": project,
        "commitment": commitment,
        "contact": contact,
        "followup": followup,
    }


def form_urls(data) -> dict[str, tuple[str, str]]:
    """Form name -> (page that shows the form, URL it posts to)."""
    project, commitment = data["project"], data["commitment"]
    followup = data["followup"]
    detail = f"/commitments/{commitment.pk}/"
    return {
        "project create": ("/projects/new/", "/projects/new/"),
        "project edit": (f"/projects/{project.pk}/edit/", f"/projects/{project.pk}/edit/"),
        "project status": (f"/projects/{project.pk}/", f"/projects/{project.pk}/status/"),
        "commitment create": ("/commitments/new/", "/commitments/new/"),
        "commitment edit": (f"/commitments/{commitment.pk}/edit/", f"/commitments/{commitment.pk}/edit/"),
        "commitment delivery": (detail, f"{detail}deliveries/"),
        "commitment amend": (detail, f"{detail}amendments/"),
        "commitment stage": (detail, f"{detail}stage/"),
        "contact log": ("/contacts/new/", "/contacts/new/"),
        "contact edit": (f"/contacts/{data['contact'].pk}/edit/", f"/contacts/{data['contact'].pk}/edit/"),
        "follow-up done": (f"/follow-ups/{followup.pk}/", f"/follow-ups/{followup.pk}/done/"),
        "follow-up reschedule": (f"/follow-ups/{followup.pk}/", f"/follow-ups/{followup.pk}/reschedule/"),
        "profile": ("/accounts/profile/", "/accounts/profile/"),
    }


FORMS = [
    "project create",
    "project edit",
    "project status",
    "commitment create",
    "commitment edit",
    "commitment delivery",
    "commitment amend",
    "commitment stage",
    "contact log",
    "contact edit",
    "follow-up done",
    "follow-up reschedule",
    "profile",
]


def assert_clear_answer(response, before: dict) -> None:
    """No server error; a refusal changes nothing and says why."""
    assert response.status_code < 500, response.content[:500]
    if response.status_code in (200, 400, 409, 422):
        body = response.content.decode()
        if response.status_code != 200 or "errorlist" in body or 'class="field-error"' in body:
            assert snapshot() == before, "an invalid submission changed saved rows"


def assert_accepted_rows_are_valid(before: dict) -> None:
    """Whatever was accepted (new or changed rows) passes the models' own validation."""
    for model in (Project, Commitment, Delivery, Contact, FollowUp):
        old = {row["id"]: row for row in before[model.__name__]}
        for obj in model.objects.all():
            if old.get(obj.pk) != model.objects.filter(pk=obj.pk).values().get():
                obj.full_clean(exclude=["author", "created_by", "owner"])


@pytest.mark.parametrize("form", FORMS)
def test_random_submissions_to_every_form_never_fail_the_server(data, form):
    page, target = form_urls(data)[form]
    client = data["client"]
    names = field_names(client.get(page).content.decode())
    assert names, f"no fields found on {page}"

    initial = snapshot()

    @FORM_EXAMPLES
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUES)), st.booleans())
    def submit(values, htmx):
        before = snapshot()
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.post(target, values, headers=headers)
        assert_clear_answer(response, before)

    submit()
    assert_accepted_rows_are_valid(initial)


LIST_PAGES = [
    "/",
    "/projects/",
    "/projects/board/",
    "/commitments/",
    "/contacts/",
    "/follow-ups/",
    "/partners/",
    "/partners/PL/",
    "/search/",
    "/charts/",
    "/exports/commitments.csv",
    "/exports/projects.xlsx",
    "/exports/contacts.csv",
    "/exports/followups.xlsx",
    "/exports/briefing/PL/",
    "/calendar/",
    "/notifications/digest/preview/",
]
EXTRA_PARAMETERS = ["q", "sort", "page", "order", "per_page", "format", "week", "partial"]


@pytest.mark.parametrize("url", LIST_PAGES)
def test_random_query_parameters_of_every_list_page_never_fail_the_server(data, url):
    client = data["client"]
    page = client.get(url)
    on_page = [] if page.streaming else field_names(page.content.decode())
    names = sorted(set(on_page) | set(EXTRA_PARAMETERS))

    @QUERY_EXAMPLES
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUES)), st.booleans())
    def query(params, htmx):
        before = snapshot()
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get(url, params, headers=headers)
        assert response.status_code < 500
        assert response.status_code in (200, 400, 404), response.status_code
        assert snapshot() == before

    query()


# --------------------------------------------------------------------- explicit cases


def assert_refused(response, before: dict) -> None:
    """A 4xx, or the form again with its messages; nothing saved, nothing changed."""
    body = response.content.decode(errors="replace")
    assert response.status_code in (200, 400, 409, 413, 422), response.status_code
    if response.status_code == 200:
        said = ("errorlist", 'class="field-error"', 'class="form-errors"')
        assert any(mark in body for mark in said), "the form came back without saying what is wrong"
    assert snapshot() == before, "a refused submission changed saved rows"


def test_a_ten_megabyte_post_is_refused_with_a_clear_message(data):
    before = snapshot()
    response = data["client"].post("/contacts/new/", {"summary": "x" * (10 * 1024 * 1024)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "too large" in body
    assert 'href="/"' in body  # the page of the site, with its way back
    assert snapshot() == before


def test_a_ten_megabyte_htmx_post_gets_the_message_too(data):
    project = data["project"]
    response = data["client"].post(
        f"/projects/{project.pk}/status/",
        {"comment": "x" * (10 * 1024 * 1024)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_a_huge_text_field_is_answered_with_the_form_and_its_limit(data):
    before = snapshot()
    response = data["client"].post("/projects/new/", {"title": "T" * 100_000, "reference": "R" * 10_000})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "url", ["/projects/", "/commitments/", "/contacts/", "/search/", "/exports/contacts.csv"]
)
def test_invalid_utf8_in_the_query_string_is_not_a_server_error(data, url):
    response = data["client"].get(url + "?q=" + quote_from_bytes(b"\xff\xfe\xc3(") + "&sort=%80")
    assert response.status_code in (200, 400)


def test_invalid_utf8_in_a_form_body_is_not_a_server_error(data):
    before = snapshot()
    response = data["client"].post(
        "/contacts/new/",
        b"summary=%ff%fe&counterpart_organisation=\xff\xfe&held_on=2026-01-01",
        content_type="application/x-www-form-urlencoded",
    )
    assert_refused(response, before)


def test_an_unknown_status_choice_is_refused_with_a_message(data):
    project = data["project"]
    before = snapshot()
    response = data["client"].post(
        f"/projects/{project.pk}/status/", {"status": "teleported", "version": project.version}
    )
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("quantity", "delivered_on"),
    [
        ("-5", "2026-01-05"),
        ("abc", "2026-01-05"),
        ("1e9999", "2026-01-05"),
        ("99999999999999999999999", "2026-01-05"),
        ("5", "0001-01-01"),
        ("5", "9999-12-31"),
    ],
)
def test_bad_delivery_quantities_and_dates_are_refused(data, quantity, delivered_on):
    commitment = data["commitment"]
    before = snapshot()
    response = data["client"].post(
        f"/commitments/{commitment.pk}/deliveries/",
        {
            "delivery-quantity": quantity,
            "delivery-delivered_on": delivered_on,
            "delivery-version": commitment.version,
        },
    )
    assert_refused(response, before)


@pytest.mark.parametrize("due_on", ["0001-01-01", "9999-12-31", "2026-13-01", "yesterday"])
def test_far_or_broken_reschedule_dates_are_refused(data, due_on):
    followup = data["followup"]
    before = snapshot()
    response = data["client"].post(
        f"/follow-ups/{followup.pk}/reschedule/",
        {"due_on": due_on, "reason": "Moved", "version": followup.version},
    )
    assert_refused(response, before)


def commitment_fields(data, **changes) -> dict:
    """A valid new commitment (like the saved one), with `changes`."""
    saved = data["commitment"]
    fields = {
        "partner": saved.partner_id,
        "priority": saved.priority_id,
        "capability": saved.capability_id,
        "item": "Shells",
        "kind": "supply",
        "quantity": "10",
        "unit": "rounds",
        "stage": "pledged",
        "marking": "public",
        "announced_on": "2026-01-05",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    return {**fields, **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"amount": "-100", "currency": "EUR"},
        {"amount": "NaN", "currency": "EUR"},
        {"amount": "1e20", "currency": "EUR"},
        {"amount": "١٢٣x", "currency": "EUR"},
        {"quantity": "-3"},
        {"quantity": "3.5"},
        {"quantity": "99999999999999999999999"},
        {"kind": "gift-of-the-gods"},
        {"marking": "top-secret"},
        {"announced_on": "0001-01-01"},
        {"announced_on": "9999-12-31"},
        {"expected_by": "0001-01-01"},
    ],
)
def test_bad_commitment_fields_are_refused(data, changes):
    before = snapshot()
    response = data["client"].post("/commitments/new/", commitment_fields(data, **changes))
    assert_refused(response, before)


def test_an_import_upload_of_garbage_is_answered_with_a_message(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = snapshot()
    garbage = SimpleUploadedFile("commitments.xlsx", b"PK\x03\x04 not really a workbook \xff" * 100)
    response = data["client"].post("/imports/", {"kind": "commitments", "file": garbage})
    assert_refused(response, before)


def contact_fields(data, **changes) -> dict:
    """A valid contact logged today with one follow-up due today, with `changes`."""
    fields = {
        "country": data["contact"].country_id,
        "held_on": str(timezone.localdate()),
        "channel": "meeting",
        "counterpart_organisation": "MoD",
        "summary": "Talked",
        "followups-TOTAL_FORMS": "1",
        "followups-INITIAL_FORMS": "0",
        "followups-0-title": "Send the list",
        "followups-0-owner": str(data["coordinator"].pk),
        "followups-0-due_on": str(timezone.localdate()),
    }
    return {**fields, **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"followups-0-due_on": "9999-12-31"},  # the contact is valid, its follow-up is not
        {"followups-0-owner": "999999"},
        {"held_on": "0001-01-01"},
        {"held_on": "9999-12-31"},
        {"channel": "telepathy"},
    ],
)
def test_nothing_of_a_contact_is_saved_when_any_part_is_invalid(data, changes):
    before = snapshot()
    response = data["client"].post("/contacts/new/", contact_fields(data, **changes))
    assert_refused(response, before)


def test_the_valid_commitment_these_cases_start_from_is_accepted(data):
    """The refusals above come from the one bad value, not from a form that never passes."""
    response = data["client"].post("/commitments/new/", commitment_fields(data))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Commitment.objects.filter(item="Shells").exists()


def test_the_valid_reschedule_these_cases_start_from_is_accepted(data):
    followup = data["followup"]
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = data["client"].post(
        f"/follow-ups/{followup.pk}/reschedule/",
        {"due_on": str(day), "reason": "Moved", "version": followup.version},
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.due_on == day


def test_the_valid_contact_these_cases_start_from_is_accepted(data):
    response = data["client"].post("/contacts/new/", contact_fields(data))
    assert response.status_code == 302
    assert FollowUp.objects.filter(title="Send the list").exists()


def test_an_htmx_request_refused_as_too_large_has_a_message_to_show(data):
    """htmx swaps nothing on a 400 or 413; app.js shows the page's data-error-<status> text."""
    page = data["client"].get("/projects/").content.decode()
    for status in (400, 413):
        message = re.search(rf'data-error-{status}="([^"]+)"', page)
        assert message and "too large" in message.group(1)


# ------------------------------------------------------- ids that cannot be ids (finding 2)

# Beyond 64 bits (SQLite cannot even bind them), a float, non-ASCII digits.
NOT_IDS = [str(2**63), "99999999999999999999", "1e3", "１２"]
ADMIN_FORMS = [
    "/admin/projects/project/add/",
    "/admin/contacts/contact/add/",
    "/admin/commitments/commitment/add/",
    "/admin/followups/followup/add/",
    "/admin/auth/group/add/",
    "/admin/accounts/user/add/",
]


def choice_names(html: str) -> list[str]:
    """Names of the selects and checkbox groups of a page's forms: the fields that take ids."""
    names = set(re.findall(r'<select[^>]*\sname="([^"]+)"', html))
    for tag in re.findall(r"<input\b[^>]*>", html):
        if 'type="checkbox"' in tag and (name := re.search(r'\sname="([^"]+)"', tag)):
            names.add(name.group(1))
    return sorted(names)


def assert_ids_refused_by_every_choice(client, page: str, target: str) -> list[str]:
    """Post each value of NOT_IDS to each choice field of the page; return the fields tried."""
    names = choice_names(client.get(page).content.decode())
    for name in names:
        for value in NOT_IDS:
            before = snapshot()
            response = client.post(target, {name: [value]})
            assert response.status_code < 500, f"{target} {name}={value}: {response.status_code}"
            assert snapshot() == before
    return names


def test_numbers_that_cannot_be_ids_are_refused_by_every_select_of_every_form(data):
    tried = {}
    for form in FORMS:
        page, target = form_urls(data)[form]
        tried[form] = assert_ids_refused_by_every_choice(data["client"], page, target)
    assert {"candidate_countries", "enterprise"} <= set(tried["project edit"])
    assert {"projects", "commitments", "country"} <= set(tried["contact log"])


def test_a_multi_select_says_an_id_beyond_64_bits_is_not_a_valid_choice(data, country_pl):
    project = data["project"]
    response = data["client"].post(
        f"/projects/{project.pk}/edit/", {"candidate_countries": ["99999999999999999999"]}
    )
    assert response.status_code == 422
    assert "Select a valid choice. 99999999999999999999 is not one of the available choices." in (
        response.content.decode()
    )


@pytest.mark.parametrize("page", ADMIN_FORMS)
def test_numbers_that_cannot_be_ids_are_refused_by_every_admin_select(data, page):
    admin = factories.UserFactory(username="bad-input-admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    assert assert_ids_refused_by_every_choice(client, page, page)
