"""axe-core finds no serious or critical problem on the commitment, partner, contact and follow-up pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories
from tests.browser.conftest import sign_in
from tracker.commitments.models import SourceReference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records():
    poland = factories.CountryFactory(code="PL", embassy_city="Warsaw")
    user = factories.embassy(poland, username="dmytro")
    commitment = factories.CommitmentFactory(country=poland, item="155 mm rounds")
    SourceReference.objects.create(commitment=commitment, url="https://example.org/pledge")
    contact = factories.ContactFactory(country=poland)
    contact.commitments.add(commitment)
    factories.FollowUpFactory(owner=user, contact=contact, project=None, country=poland)
    factories.FollowUpFactory(owner=user, commitment=commitment, project=None, due_on="2020-01-01")
    return {"commitment": commitment}


def serious(results) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_have_no_serious_accessibility_violations(new_page, records, width):
    page = new_page(width=width)
    sign_in(page, "dmytro")
    axe = Axe()
    pages = [
        "/commitments/",
        f"/commitments/{records['commitment'].pk}/",
        "/partners/",
        "/partners/pl/",
        "/contacts/",
        "/contacts/new/",
        "/follow-ups/",
    ]
    problems = {}
    for path in pages:
        page.goto(path)
        page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
        found = serious(axe.run(page))
        if found:
            problems[path] = found
    assert problems == {}
