"""The search page: one box over projects, commitments, contacts and partner countries."""

import pytest
from django.db import connection
from django.urls import reverse

from tests import factories
from tracker.commitments.models import Marking
from tracker.contacts.models import Contact
from tracker.search.queries import GROUP_SIZE, MAX_QUERY_LENGTH, matching_contacts

pytestmark = pytest.mark.django_db

URL = "/search/"


def search(client, user, q, **headers):
    client.force_login(user)
    return client.get(URL, {"q": q}, **headers)


def group(response, kind):
    return next(g for g in response.context["groups"] if g.kind == kind)


def test_url_name_is_search_results():
    assert reverse("search:results") == URL


def test_coordinator_finds_every_kind_grouped(client, coordinator, country_pl):
    project = factories.ProjectFactory(title="Howitzer barrel plant", reference="UOP-H-1")
    commitment = factories.CommitmentFactory(item="155 mm howitzer shells", country=country_pl)
    contact = factories.ContactFactory(country=country_pl, summary="Talked about howitzer repairs.")
    response = search(client, coordinator, "howitzer")
    assert response.status_code == 200
    assert [g.kind for g in response.context["groups"]] == ["projects", "commitments", "contacts", "partners"]
    body = response.content.decode()
    for obj in (project, commitment, contact):
        assert obj.get_absolute_url() in body
    assert group(response, "contacts").count == 1


def test_partner_countries_match_english_and_ukrainian_names(client, coordinator, country_pl):
    country_pl.embassy_city = "Warsaw"
    country_pl.save()
    for q in ("Poland", "польща", "warsaw", "pol"):
        response = search(client, coordinator, q)
        hits = group(response, "partners").hits
        assert hits and hits[0].url == country_pl.get_absolute_url(), q


def test_ukrainian_text_is_found_and_the_last_word_may_be_unfinished(client, coordinator, country_pl):
    contact = factories.ContactFactory(country=country_pl, summary="Обговорили ремонт бронетехніки у Польщі.")
    for q in ("ремонт", "Обговорили ремо", "бронетехніки"):
        response = search(client, coordinator, q)
        assert [h.url for h in group(response, "contacts").hits] == [contact.get_absolute_url()], q
    assert group(search(client, coordinator, "ремо бронетехніки"), "contacts").count == 0


def test_websearch_syntax_phrases_and_excluded_words(client, coordinator, country_pl):
    red = factories.ContactFactory(country=country_pl, summary="red tanks arrived")
    factories.ContactFactory(country=country_pl, summary="tanks red arrived")
    response = search(client, coordinator, '"red tanks"')
    assert [h.url for h in group(response, "contacts").hits] == [red.get_absolute_url()]
    response = search(client, coordinator, "tanks -arrived")
    assert group(response, "contacts").count == 0


def test_embassy_user_never_sees_other_country_contacts_not_even_in_counts(client, country_pl, country_de):
    user = factories.embassy(country_pl)
    own = factories.ContactFactory(country=country_pl, summary="Drone components meeting")
    other = factories.ContactFactory(country=country_de, summary="Drone components secret meeting")
    response = search(client, user, "drone components")
    contacts = group(response, "contacts")
    assert contacts.count == 1
    assert [h.url for h in contacts.hits] == [own.get_absolute_url()]
    assert other.get_absolute_url() not in response.content.decode()
    assert "secret" not in response.content.decode()


def test_viewer_never_sees_restricted_commitments(client, viewer, country_pl):
    public = factories.CommitmentFactory(
        country=country_pl, item="Mortar rounds lot A", marking=Marking.PUBLIC
    )
    factories.CommitmentFactory(country=country_pl, item="Mortar rounds lot B", marking=Marking.RESTRICTED)
    response = search(client, viewer, "mortar rounds")
    commitments = group(response, "commitments")
    assert commitments.count == 1
    assert [h.url for h in commitments.hits] == [public.get_absolute_url()]
    assert "lot B" not in response.content.decode()


def test_industry_user_sees_contacts_on_their_projects_only(client, country_pl):
    plant = factories.OrganisationFactory(code="plant-x")
    user = factories.industry(plant)
    own = factories.ContactFactory(country=country_pl, summary="Gearbox supply talk")
    own.projects.add(factories.ProjectFactory(enterprise=plant))
    factories.ContactFactory(country=country_pl, summary="Gearbox supply other talk")
    contacts = group(search(client, user, "gearbox"), "contacts")
    assert [h.url for h in contacts.hits] == [own.get_absolute_url()]


def test_archived_projects_are_not_found(client, coordinator):
    factories.ProjectFactory(title="Archived radar line", is_archived=True)
    assert group(search(client, coordinator, "radar"), "projects").count == 0


def test_groups_show_ten_with_the_total_and_a_link_to_the_filtered_list(client, coordinator, country_pl):
    factories.ContactFactory.create_batch(GROUP_SIZE + 3, country=country_pl, summary="Armour plates")
    response = search(client, coordinator, "armour")
    contacts = group(response, "contacts")
    assert len(contacts.hits) == GROUP_SIZE
    assert contacts.count == GROUP_SIZE + 3
    assert contacts.list_url == f"{reverse('contacts:list')}?q=armour"
    assert contacts.list_url.replace("&", "&amp;") in response.content.decode()
    assert f"({GROUP_SIZE + 3})" in response.content.decode()


def test_htmx_request_gets_only_the_results_partial(client, coordinator, country_pl):
    factories.ContactFactory(country=country_pl, summary="Artillery barrels")
    full = search(client, coordinator, "artillery")
    partial = search(client, coordinator, "artillery", headers={"HX-Request": "true"})
    assert b"<html" in full.content and b'id="search-q"' in full.content
    assert b"<html" not in partial.content and b'id="search-q"' not in partial.content
    assert b"Artillery barrels" in partial.content


def test_the_box_updates_results_with_htmx_and_pushes_the_url(client, coordinator):
    body = search(client, coordinator, "").content.decode()
    assert 'hx-get="/search/"' in body
    assert 'hx-push-url="true"' in body
    assert 'hx-target="#search-results"' in body


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "x" * 10_000,
        "a\x00b",
        '"',
        "'",
        "-",
        "!",
        "&|!:*()<->",
        "or",
        "a:* & b",
        "\\",
        "тест' OR 1=1 --",
        "\u202e\ufeff",
        "word " * 500,
    ],
)
def test_bad_empty_or_long_queries_never_fail(client, coordinator, q):
    factories.ContactFactory(summary="Anything")
    response = search(client, coordinator, q)
    assert response.status_code == 200
    assert len(response.context["q"]) <= MAX_QUERY_LENGTH


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("size", [GROUP_SIZE + 1, 4 * GROUP_SIZE])
def test_search_costs_a_fixed_number_of_queries(client, django_assert_num_queries, country_pl, size):
    user = factories.embassy(country_pl)
    factories.ContactFactory.create_batch(size, country=country_pl, summary="Engine parts")
    factories.CommitmentFactory.create_batch(size, country=country_pl, item="Engine parts kit")
    factories.ProjectFactory.create_batch(size, title="Engine parts line")
    client.force_login(user)
    # session, user, the user's countries, then per kind: rows and count; partners: one;
    # the planner settings of the search's transaction, and that transaction (inside the
    # test's own transaction: a savepoint, its release, and the settings put back).
    with django_assert_num_queries(14):
        response = client.get(URL, {"q": "engine"})
    assert response.status_code == 200


def test_contact_search_uses_the_gin_index(country_pl):
    factories.ContactFactory(country=country_pl, summary="Index check")
    query = matching_contacts(Contact.objects.all(), "index check")
    with connection.cursor() as cursor:
        # The table is tiny, so forbid the sequential scan to see whether the index can serve;
        # and the full scans of other indexes, which win once autovacuum has analysed the
        # table (as it may have in a database the whole suite has used): a GIN index can only
        # serve through a bitmap scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contact_search" in plan, plan


def test_search_plans_read_the_gin_indexes_and_leave_the_session_as_it_was(client, coordinator):
    """The planner settings are the search transaction's own (SET LOCAL): the next query of
    the same connection plans as before."""
    factories.ProjectFactory(title="Howitzer barrels line")
    client.force_login(coordinator)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        before = cursor.fetchone()[0]

    response = client.get(URL, {"q": "howitz"})

    assert "Howitzer barrels line" in response.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == before == "on"
