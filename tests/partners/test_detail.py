"""GET /partners/<code>/: a partner's embassy, figures, commitments, contacts and follow-ups."""

import pytest

from tests import factories
from tests.page_checks import client_for
from tests.queries import assert_fixed_queries
from tests.world import user_with_role
from tracker.commitments.models import Marking, Package
from tracker.commitments.services import record_package, update_package
from tracker.reference.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def poland(country_pl):
    country_pl.embassy_city = "Warsaw"
    country_pl.head_of_mission = "Iryna Kovalchuk"
    country_pl.save()
    factories.ContactFactory(country=country_pl, counterpart_organisation="Polish MoD")
    return country_pl


def test_page_shows_the_embassy_and_what_the_user_may_see(coordinator, poland, pl_commitment, pl_restricted):
    response = client_for(coordinator).get("/partners/pl/")
    assert response.status_code == 200
    text = response.text
    assert "Warsaw" in text and "Iryna Kovalchuk" in text
    # Committed and arrived per capability, the restricted one included for a coordinator.
    assert text.count("0 arrived") == 2 and '">100</a></td>' in text
    assert "155 mm rounds" in text and "Secret PL item" in text
    assert "Polish MoD" in text
    assert "/commitments/new/?partner=PL" in text
    assert "/contacts/new/?country=PL" in text


def test_code_is_case_insensitive_and_unknown_codes_are_not_found(coordinator, poland):
    client = client_for(coordinator)
    assert client.get("/partners/PL/").status_code == 200
    assert client.get("/partners/Pl/").status_code == 200
    for code in ("ZZ", "xx", "POL", "p", "%20"):
        assert client.get(f"/partners/{code}/").status_code == 404


def test_an_organisation_with_a_two_letter_code_has_a_page(coordinator):
    # The European Union's code is "eu": two letters, like a country's, but in small letters.
    union = factories.PartnerFactory(code="eu", kind=Partner.Kind.EU, name="European Union")
    client = client_for(coordinator)
    assert client.get(union.get_absolute_url()).status_code == 200
    assert client.get("/partners/EU/").status_code == 200


def test_viewer_reads_without_restricted_commitments_or_write_links(
    viewer, poland, pl_commitment, pl_restricted
):
    text = client_for(viewer).get("/partners/pl/").text
    assert "155 mm rounds" in text
    assert "Secret PL item" not in text
    assert "/commitments/new/" not in text and "/contacts/new/" not in text


def test_embassy_user_of_another_country_sees_no_contacts_and_no_write_links(embassy_de, poland):
    text = client_for(embassy_de).get("/partners/pl/").text
    assert "Polish MoD" not in text
    assert "No contacts you may see." in text
    assert "/contacts/new/" not in text and "/commitments/new/" not in text


def test_embassy_user_of_the_country_may_create_and_log(embassy_pl, poland):
    text = client_for(embassy_pl).get("/partners/pl/").text
    assert "/commitments/new/?partner=PL" in text and "/contacts/new/?country=PL" in text
    assert "Polish MoD" in text


def test_industry_user_sees_contacts_about_their_projects_only(industry_user, own_project, poland):
    linked = factories.ContactFactory(country=poland, counterpart_organisation="Linked ministry")
    linked.projects.add(own_project)
    text = client_for(industry_user).get("/partners/pl/").text
    assert "Linked ministry" in text
    assert "Polish MoD" not in text


def test_open_followups_of_the_partner_are_listed(coordinator, embassy_pl, poland):
    contact = factories.ContactFactory(country=poland)
    factories.FollowUpFactory(
        title="Send the list of vehicles", contact=contact, project=None, owner=embassy_pl, country=poland
    )
    text = client_for(coordinator).get("/partners/pl/").text
    assert "Send the list of vehicles" in text


@pytest.mark.parametrize("role", ["coordinator", "embassy", "viewer"])
def test_query_count_does_not_grow_with_records(role, poland, own_project):
    user = user_with_role(role, poland, None)
    factories.CommitmentFactory(country=poland, project=own_project)

    def grow():
        factories.CommitmentFactory.create_batch(30, country=poland, project=own_project)
        factories.CommitmentFactory.create_batch(3, country=poland, marking=Marking.RESTRICTED)
        for _ in range(12):
            contact = factories.ContactFactory(country=poland)
            factories.FollowUpFactory(contact=contact, project=None, country=poland)

    queries = assert_fixed_queries(client_for(user), "/partners/PL/", grow)
    assert queries <= 16  # 12 at most today; the session layer adds 3 per request


def test_a_package_is_recorded_from_the_partner_page_and_lists_its_items(coordinator, country_pl):
    client = client_for(coordinator)
    page = client.get("/partners/PL/").text
    assert "/partners/packages/new/?partner=PL" in page
    form = client.get("/partners/packages/new/?partner=PL").text
    assert f'<option value="{country_pl.partner.pk}" selected>' in form
    response = client.post(
        "/partners/packages/new/",
        {"partner": country_pl.partner.pk, "title": "Spring package", "marking": "public"},
    )
    assert response.status_code == 302
    package = Package.objects.get()
    item = factories.CommitmentFactory(country=country_pl, item="Rounds in the package", package=package)
    detail = client.get(response["Location"]).text
    assert "Spring package" in detail and item.item in detail
    assert "Spring package" in client.get("/partners/PL/").text
    assert client.post("/partners/packages/new/", {"title": ""}).status_code == 422


def test_a_package_is_corrected_with_its_history_and_a_stale_edit_is_refused(
    coordinator, embassy_pl, country_pl
):
    client = client_for(embassy_pl)
    client.post(
        "/partners/packages/new/",
        {"partner": country_pl.partner.pk, "title": "Spring package", "marking": "public"},
    )
    package = Package.objects.get()
    form = client.get(f"/partners/packages/{package.pk}/edit/")
    assert form.status_code == 200 and 'name="version" value="1"' in form.text
    values = {
        "partner": country_pl.partner.pk,
        "title": "Spring package 2026",
        "marking": "public",
        "version": 1,
    }
    assert client.post(f"/partners/packages/{package.pk}/edit/", values).status_code == 302
    # A second edit made from the first version is shown the saved one instead of overwriting it.
    stale = client_for(coordinator).post(f"/partners/packages/{package.pk}/edit/", values | {"title": "Old"})
    assert stale.status_code == 200 and "Spring package 2026" in stale.text
    package.refresh_from_db()
    assert (package.title, package.version) == ("Spring package 2026", 2)
    page = client.get(f"/partners/packages/{package.pk}/").text
    assert (
        '<span class="old">Spring package</span>' in page
        and '<span class="new">Spring package 2026</span>' in page
    )
    assert [c.action for c in package.changes.order_by("at", "id")] == ["created", "changed"]
    assert package.changes.filter(fields__title=["Spring package", "Spring package 2026"]).exists()
    refused = client.post(f"/partners/packages/{package.pk}/edit/", values | {"title": "", "version": 2})
    assert refused.status_code == 422
    package.refresh_from_db()
    assert package.title == "Spring package 2026"


@pytest.mark.parametrize("role", ["coordinator", "embassy", "viewer"])
def test_package_page_query_count_does_not_grow_with_items_or_history(role, poland, coordinator):
    user = user_with_role(role, poland, None)
    package = Package(partner=poland.partner, title="Spring package")
    record_package(package, by=coordinator)
    factories.CommitmentFactory(country=poland, package=package, item="First item")  # payers shown

    def grow():
        for n in range(3):
            factories.CommitmentFactory(country=poland, package=package, item=f"Item {n}")
            update_package(
                package, {"title": f"Spring package {n}"}, by=coordinator, expected_version=package.version
            )
            package.refresh_from_db()

    queries = assert_fixed_queries(client_for(user), f"/partners/packages/{package.pk}/", grow)
    assert queries <= 12  # embassy staff today: their countries are one more query
