"""Every list has the same filter words (Apply, Clear, Any), sorts on the columns it offers
(arrow and aria-sort on the sorted one; bad ?sort= values ignored, never a 500), and a page
number past the end says so with a link to the last page."""

import datetime
import re

import pytest

from tests import factories
from tests.page_checks import HX, client_for
from tests.queries import assert_fixed_queries

pytestmark = pytest.mark.django_db

LISTS = ["/projects/", "/commitments/", "/contacts/"]
WORDS = {"en": ("Apply", "Clear", "Any"), "uk": ("Застосувати", "Скинути", "Будь-який")}


@pytest.fixture
def rows(coordinator, country_pl, country_de):
    """Rows of every list, in an order that differs by each sort key."""
    factories.CommitmentFactory(
        country=country_pl, item="Alpha rounds", announced_on=datetime.date(2026, 1, 5)
    )
    factories.CommitmentFactory(
        country=country_de, item="Zulu radars", announced_on=datetime.date(2026, 3, 1)
    )
    factories.ContactFactory(
        country=country_pl, counterpart_organisation="Bravo MoD", held_on=datetime.date(2026, 2, 1)
    )
    factories.ContactFactory(
        country=country_de, counterpart_organisation="Yankee office", held_on=datetime.date(2026, 4, 1)
    )
    factories.ProjectFactory(title="Able plant", reference="UOP-1")
    factories.ProjectFactory(title="Zebra line", reference="UOP-2")
    other = factories.coordinator(username="zoe", first_name="Zoe")
    factories.FollowUpFactory(title="Call Warsaw", owner=coordinator, due_on=datetime.date(2030, 1, 2))
    factories.FollowUpFactory(title="Answer Berlin", owner=coordinator, due_on=datetime.date(2030, 1, 9))
    factories.FollowUpFactory(title="Zoe's task", owner=other, due_on=datetime.date(2030, 1, 5))


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_the_same_filter_words(coordinator, rows, url, language):
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    text = client.get(url).content.decode()
    apply, clear, any_ = WORDS[language]
    assert f">{apply}</button>" in text
    assert f">{clear}</a>" in text
    assert f">{any_}</option>" in text
    for other in ("Clear filters", ">Filter<", ">All</option>"):
        assert other not in text


def order_of(text: str, *names: str) -> list[str]:
    return sorted(names, key=text.index)


@pytest.mark.parametrize(
    ("url", "key", "first", "last"),
    [
        ("/commitments/", "item", "Alpha rounds", "Zulu radars"),
        ("/commitments/", "announced", "Alpha rounds", "Zulu radars"),
        ("/contacts/", "counterpart", "Bravo MoD", "Yankee office"),
        ("/contacts/", "held", "Bravo MoD", "Yankee office"),
        ("/projects/", "title", "Able plant", "Zebra line"),
        ("/follow-ups/?scope=all&", "title", "Answer Berlin", "Zoe&#x27;s task"),
        ("/follow-ups/?scope=all&", "owner", "Call Warsaw", "Zoe&#x27;s task"),
    ],
)
def test_lists_sort_both_ways_and_say_which_way(coordinator, rows, url, key, first, last):
    client = client_for(coordinator)
    join = "" if url.endswith("&") else "?"
    up = client.get(f"{url}{join}sort={key}").content.decode()
    down = client.get(f"{url}{join}sort=-{key}").content.decode()
    assert order_of(up, first, last) == [first, last]
    assert order_of(down, first, last) == [last, first]
    if "follow-ups" in url or "contacts" in url:  # cards: sort links instead of headers
        assert re.search(rf'id="sort-{key}"[^>]*aria-current="true"', up)
        assert "(ascending)" in up and "(descending)" in down
    else:
        assert re.search(rf'aria-sort="ascending"><a class="sort-link" id="sort-{key}"', up)
        assert re.search(rf'aria-sort="descending"><a class="sort-link" id="sort-{key}"', down)
    assert "▲" in up and "▼" in down


@pytest.mark.parametrize("url", [*LISTS, "/follow-ups/"])
@pytest.mark.parametrize("bad", ["nonsense", "--item", "-", "pk", "partner__secret", "x" * 500, "item;drop"])
def test_a_bad_sort_is_ignored(coordinator, rows, url, bad):
    response = client_for(coordinator).get(url, {"sort": bad})
    assert response.status_code == 200


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("url", [*LISTS, "/follow-ups/?scope=all"])
def test_a_page_past_the_end_says_so_and_links_to_the_last_page(coordinator, rows, url, language):
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    join = "&" if "?" in url else "?"
    response = client.get(f"{url}{join}page=9")
    assert response.status_code == 200
    text = response.content.decode()
    says = {"en": "There is no page 9: this list has 1 page", "uk": "Сторінки 9 немає"}[language]
    assert says in text
    assert re.search(r'href="[^"]*page=1"', text)
    for fine in ("", "page=1", "page=abc"):
        assert "There is no page" not in client_for(coordinator).get(f"{url}{join}{fine}").content.decode()


def test_the_page_notice_comes_with_htmx_too(coordinator, rows):
    text = client_for(coordinator).get("/commitments/?page=4", **HX).content.decode()
    assert "There is no page 4" in text


@pytest.mark.parametrize(
    "url", ["/commitments/?sort=-partner", "/contacts/?sort=country", "/follow-ups/?sort=owner"]
)
def test_sorting_keeps_the_query_count_fixed(coordinator, rows, country_pl, url):
    def grow():
        for i in range(3):
            factories.CommitmentFactory(country=country_pl, item=f"Item {i}")
            factories.ContactFactory(country=country_pl)
            factories.FollowUpFactory(owner=coordinator, due_on=datetime.date(2030, 1, 1 + i))

    assert assert_fixed_queries(client_for(coordinator), url, grow) <= 13
