"""GET /commitments/<pk>/: the promise, progress, deliveries, amendments, sources, history."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.page_checks import HX, client_for
from tests.queries import assert_fixed_queries
from tracker.commitments import services
from tracker.commitments.models import AmendmentReason, Commitment, SourceReference
from tracker.history.editing import ANY_VERSION

pytestmark = pytest.mark.django_db


def url(commitment: Commitment) -> str:
    return f"/commitments/{commitment.pk}/"


def test_page_shows_progress_deliveries_amendments_sources_and_history(coordinator, pl_commitment):
    SourceReference.objects.create(commitment=pl_commitment, url="https://example.org/pledge")
    SourceReference.objects.create(commitment=pl_commitment, document="Memorandum ref. 17")
    today = timezone.localdate()
    services.record_delivery(
        pl_commitment,
        delivered_on=today,
        quantity=30,
        note="first batch",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.amend_commitment(
        pl_commitment,
        reason=AmendmentReason.INCREASE,
        new_quantity=150,
        note="more rounds",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    response = client_for(coordinator).get(url(pl_commitment))
    assert response.status_code == 200
    text = response.text
    assert "30 of 150 pieces arrived" in text
    assert '<progress max="100" value="20"' in text
    assert "20%" in text
    assert "first batch" in text
    assert "100 → 150" in text and "more rounds" in text
    assert "https://example.org/pledge" in text and "Memorandum ref. 17" in text
    assert "Official use" in text
    assert "Arrival recorded" in text and "Promise amended" in text


def test_deliveries_are_listed_by_date(coordinator, pl_commitment):
    today = timezone.localdate()
    services.record_delivery(
        pl_commitment,
        delivered_on=today,
        quantity=5,
        note="later one",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.record_delivery(
        pl_commitment,
        delivered_on=today - datetime.timedelta(days=9),
        quantity=5,
        note="earlier one",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    text = client_for(coordinator).get(url(pl_commitment)).text
    assert text.index("earlier one") < text.index("later one")


def test_editors_get_the_forms_readers_do_not(coordinator, viewer, embassy_pl, embassy_de, pl_commitment):
    for user in (coordinator, embassy_pl):
        text = client_for(user).get(url(pl_commitment)).text
        assert "Record goods arrived" in text and "Amend the promise" in text and "Edit details" in text
    for user in (viewer, embassy_de):
        response = client_for(user).get(url(pl_commitment))
        assert response.status_code == 200
        assert "Record goods arrived" not in response.text and "Edit details" not in response.text


def test_restricted_commitment_outside_the_scope_is_not_found(
    viewer, embassy_de, industry_user, pl_restricted
):
    for user in (viewer, embassy_de, industry_user):
        assert client_for(user).get(url(pl_restricted)).status_code == 404
        assert client_for(user).get(url(pl_restricted), headers=HX).status_code == 404


def test_unknown_commitment_is_not_found(coordinator):
    assert client_for(coordinator).get("/commitments/987654/").status_code == 404
    assert client_for(coordinator).get("/commitments/abc/").status_code == 404


def test_htmx_request_gets_the_ledger_fragment(coordinator, pl_commitment):
    response = client_for(coordinator).get(url(pl_commitment), headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Progress" in response.text


def test_query_count_does_not_grow_with_deliveries_amendments_and_history(embassy_pl, pl_commitment):
    pl_commitment.quantity = 10_000
    pl_commitment.save()
    SourceReference.objects.create(commitment=pl_commitment, document="Ref 1")
    user = factories.coordinator()

    def grow():
        today = timezone.localdate()
        for number in range(12):
            services.record_delivery(
                pl_commitment, delivered_on=today, quantity=1 + number, by=user, expected_version=ANY_VERSION
            )
        for number in range(4):
            services.amend_commitment(
                pl_commitment,
                reason=AmendmentReason.INCREASE,
                new_quantity=20_000 + number,
                note="Partner adds more",
                by=user,
                expected_version=ANY_VERSION,
            )
        SourceReference.objects.create(commitment=pl_commitment, url="https://example.org/a")

    queries = assert_fixed_queries(client_for(embassy_pl), url(pl_commitment), grow)
    assert queries <= 12  # 8 today; the session layer adds 3 per request
