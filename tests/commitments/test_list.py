"""GET /commitments/: what each role sees, filters, htmx, bad parameters, query count."""

import pytest

from tests import factories
from tests.page_checks import HX, client_for
from tests.queries import assert_fixed_queries
from tests.world import user_with_role
from tracker.commitments.models import Marking, Stage

pytestmark = pytest.mark.django_db
URL = "/commitments/"


def test_coordinator_sees_every_commitment(coordinator, pl_commitment, pl_restricted, de_restricted):
    response = client_for(coordinator).get(URL)
    assert response.status_code == 200
    for item in ("155 mm rounds", "Secret PL item", "Secret DE item"):
        assert item in response.text
    assert "3 commitments" in response.text


def test_viewer_never_sees_restricted_commitments(viewer, pl_commitment, pl_restricted, de_restricted):
    response = client_for(viewer).get(URL)
    assert "155 mm rounds" in response.text
    assert "Secret" not in response.text
    assert "1 commitment" in response.text
    assert "New commitment" not in response.text


def test_embassy_user_sees_restricted_commitments_of_their_country_only(
    embassy_pl, pl_commitment, pl_restricted, de_restricted
):
    response = client_for(embassy_pl).get(URL)
    assert "Secret PL item" in response.text
    assert "Secret DE item" not in response.text
    assert "New commitment" in response.text


def test_industry_user_sees_restricted_commitments_of_their_projects_only(
    industry_user, pl_restricted, de_restricted
):
    response = client_for(industry_user).get(URL)
    assert "Secret DE item" in response.text
    assert "Secret PL item" not in response.text


def test_filters_narrow_the_list(coordinator, country_pl, country_de, own_project):
    factories.CommitmentFactory(country=country_pl, item="Polish shells", stage=Stage.PLEDGED)
    factories.CommitmentFactory(country=country_de, item="German radars", project=own_project)
    client = client_for(coordinator)
    assert "German radars" not in client.get(URL, {"partner": "pl"}).text
    assert "Polish shells" in client.get(URL, {"partner": "PL"}).text
    assert "Polish shells" not in client.get(URL, {"stage": Stage.COMMITTED}).text
    assert "Polish shells" not in client.get(URL, {"project": own_project.pk}).text
    assert "German radars" in client.get(URL, {"q": "radar"}).text
    assert "German radars" not in client.get(URL, {"marking": Marking.RESTRICTED}).text
    by_priority = client.get(URL, {"priority": own_project.priority_id}).text
    assert "Polish shells" not in by_priority


def test_bad_filter_values_are_shown_and_ignored_never_a_500(coordinator, pl_commitment):
    bad = {
        "country": "ZZ",
        "priority": "abc",
        "stage": "nonsense",
        "project": "99999999999999999999",
        "capability": "-1",
        "marking": "<script>",
        "q": "x" * 500,
        "page": "last-but-one",
    }
    response = client_for(coordinator).get(URL, bad)
    assert response.status_code == 200
    assert "155 mm rounds" in response.text
    assert "Select a valid choice" in response.text
    assert "<script>" not in response.text


def test_htmx_filtering_answers_with_the_results_fragment_only(coordinator, pl_commitment):
    response = client_for(coordinator).get(URL, {"partner": "PL"}, headers=HX)
    assert response.status_code == 200
    assert "155 mm rounds" in response.text
    assert "<html" not in response.text
    assert 'role="search"' not in response.text
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(coordinator, pl_commitment):
    headers = {**HX, "HX-History-Restore-Request": "true"}
    response = client_for(coordinator).get(URL, headers=headers)
    assert "<html" in response.text


def test_pages_hold_25_rows_and_keep_the_filters(coordinator, country_pl):
    factories.CommitmentFactory.create_batch(30, country=country_pl)
    client = client_for(coordinator)
    first = client.get(URL, {"partner": "PL"})
    assert first.text.count("<tr>") == 25 + 1  # rows plus the header row
    assert "?partner=PL&amp;page=2" in first.text
    second = client.get(URL, {"partner": "PL", "page": 2})
    assert second.text.count("<tr>") == 5 + 1


def test_signed_out_visitors_go_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_out_htmx_request_redirects_the_whole_page(client):
    response = client.get(URL, headers=HX)
    assert response["HX-Redirect"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["coordinator", "embassy", "industry", "viewer"])
def test_query_count_does_not_grow_with_the_data(role, country_pl, own_project, enterprise):
    user = user_with_role(role, country_pl, enterprise)
    factories.CommitmentFactory(country=country_pl, project=own_project)

    def grow():
        factories.CommitmentFactory.create_batch(30, country=country_pl, project=own_project)
        factories.CommitmentFactory.create_batch(5, country=country_pl, marking=Marking.RESTRICTED)

    queries = assert_fixed_queries(client_for(user), URL, grow)
    assert queries <= 13  # 9 at most today; the session layer adds 3 per request


def test_country_filter_offers_active_partners_and_countries_with_visible_commitments(viewer, country_pl):
    factories.CountryFactory(code="JP", is_active_partner=False)
    korea = factories.CountryFactory(code="KR", is_active_partner=False)
    factories.CommitmentFactory(country=korea)
    brazil = factories.CountryFactory(code="BR", is_active_partner=False)
    factories.CommitmentFactory(country=brazil, marking=Marking.RESTRICTED)
    text = client_for(viewer).get(URL).text
    assert "Poland" in text and "South Korea" in text
    assert "Japan" not in text
    assert "Brazil" not in text  # its only commitment is restricted: not even its name leaks
