"""The board: columns by status, filters, moving a card through projects:move."""

from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.queries import fixed_query_counts
from tests.world import populate
from tracker.history.editing import ANY_VERSION
from tracker.projects import board
from tracker.projects.models import Status

HX = {"HX-Request": "true"}
URL = reverse("projects:board")


def column(response, status: str):
    return next(c for c in response.context["columns"] if c.status == status)


def move_url(project, query: str = "?health=on_track") -> str:
    """Where a card's form posts: the move, carrying the board's filters in its query."""
    return reverse("projects:move", args=[project.pk]) + query


def card_move(project, status=Status.SEEKING_PARTNERS, **extra) -> dict:
    return {"status": status, "comment": "From the board", "version": project.version, **extra}


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "industry_user"])
def test_every_role_sees_columns_by_status(request, client, project, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert [c.status for c in response.context["columns"]] == list(Status.values)
    assert [p.pk for p in column(response, Status.IDENTIFIED).cards] == [project.pk]
    assert column(response, Status.IDENTIFIED).total == 1


def test_editors_get_a_move_form_and_readers_do_not(
    client, project, coordinator, viewer, other_industry_user
):
    form = f'action="{reverse("projects:move", args=[project.pk])}"'
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert form in html
    menu = html[html.index(f'id="move-{project.pk}"') :].split("</select>")[0]
    assert '<option value="seeking_partners">Seeking partners</option>' in menu
    assert 'value="agreed"' not in menu  # not an allowed move from Identified
    for reader in (viewer, other_industry_user):
        client.force_login(reader)
        assert form not in client.get(URL).content.decode()


def test_board_uses_the_list_filters(client, coordinator, project):
    factories.ProjectFactory(reference="UOP-2026-009", status=Status.AGREED)
    client.force_login(coordinator)
    response = client.get(f"{URL}?status=agreed")
    assert column(response, Status.IDENTIFIED).cards == []
    assert [p.reference for p in column(response, Status.AGREED).cards] == ["UOP-2026-009"]
    bad = client.get(f"{URL}?status=nonsense&priority=x")
    assert bad.status_code == 200
    assert "was ignored" in bad.content.decode()


def test_htmx_gets_only_the_board(client, coordinator, project):
    client.force_login(coordinator)
    html = client.get(URL, headers=HX).content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html


def test_long_columns_show_the_newest_cards_and_link_to_the_rest(client, coordinator, priority, monkeypatch):
    monkeypatch.setattr(board, "CARDS_PER_COLUMN", 3)
    factories.ProjectFactory.create_batch(5, priority=priority)
    client.force_login(coordinator)
    response = client.get(f"{URL}?priority={priority.pk}")
    identified = column(response, Status.IDENTIFIED)
    assert identified.total == 5 and len(identified.cards) == 3
    assert f"/projects/?priority={priority.pk}&amp;status=identified" in response.content.decode()


def test_moving_a_card_with_htmx_redraws_the_board_with_the_card_in_its_new_column(
    client, coordinator, project
):
    client.force_login(coordinator)
    response = client.post(move_url(project), card_move(project), headers=HX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#board"
    assert response["HX-Reswap"] == "outerHTML"
    assert [p.pk for p in column(response, Status.SEEKING_PARTNERS).cards] == [project.pk]
    html = response.content.decode()
    card = html[html.index(f'id="card-{project.pk}"') :].split(">")[0]
    assert "data-focus-after-swap" in card
    assert f'<span class="count" id="count-{Status.SEEKING_PARTNERS}">1</span>' in html
    assert f'<span class="count" id="count-{Status.IDENTIFIED}">0</span>' in html
    assert "health=on_track" in html  # the board keeps its filters
    project.refresh_from_db()
    assert project.status == Status.SEEKING_PARTNERS
    assert project.changes.get(action="status").comment == "From the board"


def test_moving_a_card_without_javascript_returns_to_the_filtered_board(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(move_url(project), card_move(project))
    assert response.status_code == 302
    assert response["Location"] == URL + "?health=on_track"


def test_cards_post_their_move_with_the_boards_filters(client, coordinator, project):
    client.force_login(coordinator)
    html = client.get(f"{URL}?health=on_track&q=hub").content.decode()
    move = reverse("projects:move", args=[project.pk])
    assert f'action="{move}?health=on_track&amp;q=hub"' in html
    assert f'hx-post="{move}?health=on_track&amp;q=hub"' in html
    assert f'action="{move}"' in client.get(URL).content.decode()  # no filters, no query


def test_a_move_without_filters_returns_to_the_whole_board(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(move_url(project, query=""), card_move(project))
    assert response.status_code == 302
    assert response["Location"] == URL


def test_invalid_move_from_the_board_shows_on_the_card(client, coordinator, project):
    client.force_login(coordinator)
    data = card_move(project, status=Status.COMPLETED, comment="Kept comment")
    response = client.post(move_url(project), data, headers=HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="card-{project.pk}"')
    assert "cannot move from “Identified” to “Completed”" in html
    assert 'value="Kept comment"' in html


def test_invalid_move_without_javascript_comes_back_as_a_message(client, coordinator, project):
    client.force_login(coordinator)
    data = card_move(project, status=Status.COMPLETED)
    response = client.post(move_url(project), data, follow=True)
    assert response.status_code == 200
    assert "cannot move from" in response.content.decode()


def test_stale_card_shows_the_conflict(client, coordinator, project):
    from tracker.projects import services

    services.change_status(
        project, status=Status.ON_HOLD, health="on_track", by=coordinator, expected_version=ANY_VERSION
    )
    client.force_login(coordinator)
    data = card_move(project, version=1)
    response = client.post(move_url(project), data, headers=HX)
    assert response.status_code == 409
    assert "Someone else saved this record after you opened it." in response.content.decode()


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_readers_cannot_move_cards(client, viewer, project, headers):
    client.force_login(viewer)
    response = client.post(move_url(project), card_move(project), headers=headers)
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_moving_an_unknown_or_archived_project_answers_404(client, coordinator, project, headers):
    client.force_login(coordinator)
    missing = reverse("projects:move", args=[999999])
    assert client.post(missing, card_move(project), headers=headers).status_code == 404
    archived = factories.ProjectFactory(is_archived=True)
    assert client.post(move_url(archived), card_move(archived), headers=headers).status_code == 404


def test_a_move_is_a_post(client, coordinator, project):
    client.force_login(coordinator)
    assert client.get(move_url(project)).status_code == 405


def test_a_move_needs_the_csrf_token(coordinator, project):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(move_url(project), card_move(project), headers=HX).status_code == 403
    client.get(URL)
    token = client.cookies["csrftoken"].value
    response = client.post(move_url(project), card_move(project), headers={**HX, "X-CSRFToken": token})
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.status == Status.SEEKING_PARTNERS


@pytest.mark.parametrize("role", ["coordinator", "industry_user"])
def test_query_count_does_not_grow_with_data(
    request, client, role, priority, enterprise, country_pl, coordinator
):
    client.force_login(request.getfixturevalue(role))
    world = {"priorities": [priority], "enterprise": enterprise, "countries": [country_pl]}
    populate(2, owner=coordinator, actor=coordinator, **world)
    grow = partial(populate, 40, owner=coordinator, actor=coordinator, **world)
    small, small_htmx = fixed_query_counts(client, [(URL, {}), (URL, HX)], grow)
    # session, user, counts per status, ranked cards; the page adds six filter menus
    assert small_htmx <= 4
    assert small <= 10


def test_closed_statuses_fold_into_one_summary_column(client, coordinator, project):
    factories.ProjectFactory(reference="UOP-2026-020", status=Status.COMPLETED)
    factories.ProjectFactory(reference="UOP-2026-021", status=Status.CANCELLED)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    closed = html[html.index('id="closed-columns"') :]
    assert closed.split(">")[0] == 'id="closed-columns"'  # folded: no "open"
    assert '<span class="count">2</span>' in closed
    assert "UOP-2026-020" in closed and "UOP-2026-021" in closed
    open_part = html[: html.index('id="closed-columns"')]
    assert "UOP-2026-020" not in open_part


def test_a_card_moved_into_a_closed_status_keeps_the_closed_column_open(client, coordinator, project):
    project.status = Status.ON_HOLD
    project.save()
    client.force_login(coordinator)
    response = client.post(move_url(project, ""), card_move(project, Status.CANCELLED), headers=HX)
    html = response.content.decode()
    assert '<details id="closed-columns" open>' in html


def test_cards_say_where_they_may_be_dropped(client, coordinator, viewer, project):
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    card = html[html.index(f'id="card-{project.pk}"') :].split(">")[0]
    assert 'data-allowed="identified seeking_partners on_hold cancelled "' in card
    client.force_login(viewer)
    html = client.get(URL).content.decode()
    assert "data-allowed" not in html[html.index(f'id="card-{project.pk}"') :].split(">")[0]


def test_sortable_is_vendored_pinned_and_loaded_only_by_the_board(client, coordinator):
    import hashlib
    from pathlib import Path

    from django.conf import settings

    vendored = Path(settings.BASE_DIR) / "static/vendor/sortablejs-1.15.7/Sortable.min.js"
    assert vendored.read_bytes().startswith(b"/*! Sortable 1.15.7 - MIT")
    digest = hashlib.sha256(vendored.read_bytes()).hexdigest()
    assert digest == "bf4241bc73fef7f11c59a283a69fe8051cdd31c6d8ff5a2b9ba219e7831fcf76"
    client.force_login(coordinator)
    assert "sortablejs-1.15.7/Sortable.min.js" in client.get(URL).content.decode()
    assert "Sortable" not in client.get(reverse("projects:list")).content.decode()
