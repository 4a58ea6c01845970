"""Saved views: save a list's filters and sort under a name, open the list with a default,
share (coordinators only), and nobody touches another's private view."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.page_checks import HX
from tests.queries import assert_fixed_queries
from tracker.savedviews.models import DefaultView, SavedView

pytestmark = pytest.mark.django_db
SAVE = reverse("savedviews:save")
LISTS = {
    "projects": reverse("projects:list"),
    "commitments": reverse("commitments:list"),
    "contacts": reverse("contacts:list"),
    "followups": reverse("followups:mine"),
}


def save(client, list_name="projects", name="At risk", query="health=at_risk&sort=-target_date", **extra):
    data = {"list_name": list_name, "name": name, "query": query, "next": LISTS[list_name], **extra}
    return client.post(SAVE, data)


@pytest.mark.parametrize("list_name", list(LISTS))
def test_save_the_current_filters_of_any_list_then_open_it(client, embassy_pl, list_name):
    client.force_login(embassy_pl)
    response = save(client, list_name, query="q=repair")
    view = SavedView.objects.get()
    assert (view.owner, view.list_name, view.query, view.shared) == (embassy_pl, list_name, "q=repair", False)
    assert response["Location"] == f"{LISTS[list_name]}?q=repair"
    page = client.get(f"{LISTS[list_name]}?q=repair").content.decode()
    assert 'aria-current="true">At risk</a>' in page
    assert f'action="{SAVE}"' in page


def test_the_bar_offers_the_current_query_to_save(client, coordinator):
    client.force_login(coordinator)
    page = client.get(f"{LISTS['projects']}?health=at_risk&page=2&status=").content.decode()
    assert 'name="query" value="health=at_risk"' in page  # no page, no empty values


def test_saving_the_same_name_again_replaces_the_query(client, coordinator):
    client.force_login(coordinator)
    save(client)
    save(client, query="health=off_track")
    assert list(SavedView.objects.values_list("query", flat=True)) == ["health=off_track"]


def test_a_view_needs_a_name(client, coordinator):
    client.force_login(coordinator)
    response = save(client, name="   ")
    assert response.status_code == 302
    assert not SavedView.objects.exists()
    assert SavedView.objects.model._meta.constraints  # and the database refuses an empty one
    with pytest.raises(IntegrityError):
        SavedView.objects.create(owner=coordinator, list_name="projects", name="")


def test_a_default_view_opens_the_list_without_parameters(client, embassy_pl):
    client.force_login(embassy_pl)
    save(client, default="on")
    assert DefaultView.objects.get().view.name == "At risk"
    response = client.get(LISTS["projects"])
    assert response.status_code == 302
    assert response["Location"] == f"{LISTS['projects']}?health=at_risk&sort=-target_date"
    # With parameters, ?view=none, or from htmx (a filter form emptied), the list is as asked.
    assert client.get(f"{LISTS['projects']}?view=none").status_code == 200
    assert client.get(f"{LISTS['projects']}?status=agreed").status_code == 200
    assert client.get(LISTS["projects"], headers=HX).status_code == 200
    # Another list is not affected.
    assert client.get(LISTS["contacts"]).status_code == 200


def test_make_and_clear_a_default_from_the_views_page(client, embassy_pl):
    client.force_login(embassy_pl)
    save(client)
    view = SavedView.objects.get()
    page = client.get(reverse("savedviews:list")).content.decode()
    assert "At risk" in page and "Make default" in page
    client.post(reverse("savedviews:default", args=[view.pk]))
    assert client.get(LISTS["projects"]).status_code == 302
    client.post(reverse("savedviews:clear_default", args=["projects"]))
    assert client.get(LISTS["projects"]).status_code == 200


def test_only_coordinators_share_and_shared_views_reach_everyone(client, coordinator, embassy_pl, viewer):
    client.force_login(embassy_pl)
    assert save(client, name="Mine shared", shared="on").status_code == 403
    assert not SavedView.objects.exists()
    client.force_login(coordinator)
    save(client, name="Team view", shared="on")
    save(client, name="Private view")
    client = Client()  # a fresh browser: no messages left from the coordinator's saves
    client.force_login(viewer)
    page = client.get(f"{LISTS['projects']}?view=none").content.decode()
    assert "Team view" in page and "Private view" not in page
    shared = SavedView.objects.get(name="Team view")
    # Anyone may open it with their default; only the owner deletes it.
    client.post(reverse("savedviews:default", args=[shared.pk]))
    assert client.get(LISTS["projects"]).status_code == 302
    assert client.post(reverse("savedviews:delete", args=[shared.pk])).status_code == 403
    assert SavedView.objects.filter(pk=shared.pk).exists()


def test_private_views_are_invisible_to_others(client, coordinator, embassy_pl):
    client.force_login(coordinator)
    save(client, name="Private view")
    private = SavedView.objects.get()
    client.force_login(embassy_pl)
    assert client.post(reverse("savedviews:default", args=[private.pk])).status_code == 404
    assert client.post(reverse("savedviews:delete", args=[private.pk])).status_code == 404
    assert "Private view" not in client.get(reverse("savedviews:list")).content.decode()


def test_the_owner_deletes_a_view_and_it_stops_being_a_default(client, embassy_pl):
    client.force_login(embassy_pl)
    save(client, default="on")
    view = SavedView.objects.get()
    client.post(reverse("savedviews:delete", args=[view.pk]))
    assert not SavedView.objects.exists() and not DefaultView.objects.exists()
    assert client.get(LISTS["projects"]).status_code == 200


def test_writes_need_post_and_a_sign_in(client, embassy_pl):
    assert client.get(reverse("savedviews:list")).status_code == 302  # to sign in
    client.force_login(embassy_pl)
    assert client.get(SAVE).status_code == 405
    assert client.post(reverse("savedviews:clear_default", args=["nonsense"])).status_code == 403


def test_nav_links_to_the_views(client, viewer):
    client.force_login(viewer)
    assert f'href="{reverse("savedviews:list")}"' in client.get("/").content.decode()


def test_bad_input_is_refused_without_an_error_page(client, coordinator):
    client.force_login(coordinator)
    for data in (
        {"list_name": "nonsense", "name": "x"},
        {"list_name": "projects", "name": "x" * 200},
        {"list_name": "projects", "name": "x", "query": "q=" + "x" * 2000},
    ):
        assert client.post(SAVE, data).status_code == 302
    assert not SavedView.objects.exists()


def test_views_page_and_lists_cost_the_same_whatever_the_number_of_views(client, coordinator):
    client.force_login(coordinator)

    def grow():
        for n in range(10):
            factories.coordinator(username=f"c{n}")
            SavedView.objects.create(owner=coordinator, list_name="projects", name=f"v{n}", query=f"q={n}")
            SavedView.objects.create(owner=coordinator, list_name="contacts", name=f"v{n}", shared=True)

    assert_fixed_queries(client, reverse("savedviews:list"), grow)
    assert_fixed_queries(client, f"{LISTS['projects']}?view=none", lambda: None)
