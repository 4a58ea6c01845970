"""Two people edit the same commitment; the second is told, and nothing is overwritten."""

import pytest

from tests import factories
from tests.browser.conftest import sign_in
from tracker.commitments.models import Commitment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_editor_gets_the_conflict_message(new_page):
    poland = factories.CountryFactory(code="PL")
    commitment = factories.CommitmentFactory(country=poland, item="155 mm rounds")
    factories.coordinator(username="olena")
    factories.embassy(poland, username="dmytro")
    first, second = new_page(), new_page()
    sign_in(first, "olena")
    sign_in(second, "dmytro")
    edit = f"/commitments/{commitment.pk}/edit/"
    first.goto(edit)
    second.goto(edit)

    first.get_by_label("Item").fill("155 mm rounds, first batch")
    first.get_by_role("button", name="Save").click()
    first.wait_for_url(f"**/commitments/{commitment.pk}/")

    second.get_by_label("Item").fill("155 mm rounds, NATO standard")
    second.get_by_role("button", name="Save").click()
    conflict = second.get_by_role("alert")
    assert "Someone else saved this record after you opened it." in conflict.inner_text()
    assert "155 mm rounds, first batch" in conflict.inner_text()
    assert second.get_by_label("Item").input_value() == "155 mm rounds, NATO standard"
    assert Commitment.objects.get().item == "155 mm rounds, first batch"

    second.get_by_role("button", name="Save").click()  # re-apply knowingly
    second.wait_for_url(f"**/commitments/{commitment.pk}/")
    assert Commitment.objects.get().item == "155 mm rounds, NATO standard"
