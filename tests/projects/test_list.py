"""The projects list: filters, search, sorting, pagination, htmx results, fixed query cost."""

from functools import partial

import pytest
from django.urls import reverse

from tests import factories
from tests.queries import fixed_query_counts
from tests.world import populate
from tracker.projects.models import Health, Status

HX = {"HX-Request": "true"}
URL = reverse("projects:list")


@pytest.fixture
def projects(project, enterprise, priority, country_de):
    """The fixture project (PL candidate) and two others that differ in every filter."""
    other_priority = factories.PriorityFactory(code="financing", number=2, name="Partner financing")
    agreed = factories.ProjectFactory(
        reference="UOP-2026-002",
        title="Licensed shells",
        description="Co-production of 155 mm rounds",
        priority=other_priority,
        status=Status.AGREED,
        health=Health.AT_RISK,
        health_reason="Export licence late",
    )
    agreed.candidate_countries.add(country_de)
    archived = factories.ProjectFactory(reference="UOP-2026-003", title="Archived one", is_archived=True)
    return {"hub": project, "shells": agreed, "archived": archived}


def references(response) -> list[str]:
    return [p.reference for p in response.context["page"].object_list]


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "industry_user"])
def test_every_role_sees_the_list_without_archived_projects(request, client, projects, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert references(response) == ["UOP-2026-001", "UOP-2026-002"]
    assert 'aria-current="page"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=agreed", ["UOP-2026-002"]),
        ("health=on_track", ["UOP-2026-001"]),
        ("country=PL", ["UOP-2026-001"]),
        ("country=DE", ["UOP-2026-002"]),
        ("q=155+mm", ["UOP-2026-002"]),
        ("q=repair+HUB", ["UOP-2026-001"]),
        ("q=uop-2026-002", ["UOP-2026-002"]),
        ("status=agreed&health=on_track", []),
    ],
)
def test_filters_narrow_the_list(client, coordinator, projects, query, expected):
    client.force_login(coordinator)
    assert references(client.get(f"{URL}?{query}")) == expected


def test_filter_by_ids(client, coordinator, projects, enterprise):
    client.force_login(coordinator)
    hub = projects["hub"]
    owner = factories.coordinator(username="owner")
    hub.owner = owner
    hub.save()
    for query in (
        f"priority={hub.priority_id}",
        f"enterprise={enterprise.pk}",
        f"capability={hub.capability_id}",
        f"owner={owner.pk}",
    ):
        assert references(client.get(f"{URL}?{query}")) == ["UOP-2026-001"], query


@pytest.mark.parametrize(
    "query",
    [
        "priority=abc",
        "priority=999999",
        "priority=99999999999999999999999",
        "status=bogus",
        "health=%00",
        "country=XX",
        "country=" + "Z" * 300,
        "owner=-1",
        "sort=password",
        "q=" + "x" * 201,
        "page=abc",
        "page=99999",
        "page=-1",
    ],
)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_bad_filter_values_are_ignored_with_a_note(client, coordinator, projects, query, headers):
    client.force_login(coordinator)
    response = client.get(f"{URL}?{query}", headers=headers)
    assert response.status_code == 200
    assert len(references(response)) == 2 or query.startswith("page")
    if not query.startswith("page"):
        assert "was ignored" in response.content.decode()


def test_bad_value_in_one_filter_keeps_the_others(client, coordinator, projects):
    client.force_login(coordinator)
    response = client.get(f"{URL}?priority=abc&status=agreed")
    assert references(response) == ["UOP-2026-002"]
    assert "The filter “Priority” was ignored" in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("reference", ["UOP-2026-001", "UOP-2026-002"]),
        ("-reference", ["UOP-2026-002", "UOP-2026-001"]),
        ("title", ["UOP-2026-002", "UOP-2026-001"]),
        ("-status", ["UOP-2026-001", "UOP-2026-002"]),
    ],
)
def test_sorting(client, coordinator, projects, sort, expected):
    client.force_login(coordinator)
    response = client.get(f"{URL}?sort={sort}")
    assert references(response) == expected
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html or 'aria-sort="descending"' in html


def test_sort_link_reverses_the_current_order_and_keeps_filters(client, coordinator, projects):
    client.force_login(coordinator)
    html = client.get(f"{URL}?status=agreed&sort=title").content.decode()
    assert 'href="?status=agreed&amp;sort=-title"' in html
    assert 'hx-get="?status=agreed&amp;sort=-title"' in html


def test_pages_of_25_with_links_that_keep_the_filters(client, coordinator, priority):
    factories.ProjectFactory.create_batch(30, priority=priority)
    client.force_login(coordinator)
    first = client.get(f"{URL}?priority={priority.pk}")
    assert len(references(first)) == 25
    html = first.content.decode()
    assert f'href="?priority={priority.pk}&amp;page=2"' in html
    assert f'hx-get="?priority={priority.pk}&amp;page=2"' in html
    assert '<div id="results" class="results" hx-target="#results" hx-swap="outerHTML"' in html
    second = client.get(f"{URL}?priority={priority.pk}&page=2")
    assert len(references(second)) == 5


def test_htmx_gets_only_the_results(client, coordinator, projects):
    client.force_login(coordinator)
    response = client.get(f"{URL}?status=agreed", headers=HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and 'role="search"' not in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, coordinator, projects):
    client.force_login(coordinator)
    response = client.get(f"{URL}?status=agreed", headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_filter_form_works_without_javascript_and_with_htmx(client, coordinator, projects):
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert '<form method="get" action="/projects/"' in html
    assert 'hx-get="/projects/"' in html
    assert 'hx-trigger="submit, change, keyup changed delay:300ms from:input[type=search]"' in html
    assert 'hx-push-url="true"' in html


def test_only_editors_see_the_new_project_button(client, viewer, coordinator, projects):
    client.force_login(viewer)
    assert reverse("projects:create") not in client.get(URL).content.decode()
    client.force_login(coordinator)
    assert reverse("projects:create") in client.get(URL).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "embassy_pl"])
def test_query_count_does_not_grow_with_data(
    request, client, role, priority, enterprise, country_pl, coordinator
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    world = {"priorities": [priority], "enterprise": enterprise, "countries": [country_pl]}
    populate(2, owner=coordinator, actor=coordinator, **world)
    url = f"{URL}?q=test&sort=-updated&country=PL&priority={priority.pk}"
    grow = partial(populate, 30, owner=coordinator, actor=coordinator, **world)
    small, small_htmx = fixed_query_counts(client, [(url, {}), (url, HX)], grow)
    # session, user, two filter look-ups, count, rows, funding gaps, six filter menus, saved
    # views (+ embassy scope of the commitments); htmx skips the menus and the views
    assert small <= 15
    assert small_htmx <= 8
