"""Deliveries and amendments: totals are derived, promises change only with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tracker.commitments import services
from tracker.commitments.models import STAGE_MOVES, Stage
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def test_deliveries_add_up_and_move_the_stage(coordinator):
    commitment = factories.CommitmentFactory(quantity=100, stage=Stage.COMMITTED)
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=30, by=coordinator, expected_version=ANY_VERSION
    )
    services.record_delivery(
        commitment,
        delivered_on=TODAY,
        quantity=20,
        note="second",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    commitment.refresh_from_db()
    assert commitment.delivered_quantity == 50 == sum(d.quantity for d in commitment.deliveries.all())
    assert commitment.progress == 50
    assert commitment.stage == Stage.IN_DELIVERY
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=50, by=coordinator, expected_version=ANY_VERSION
    )
    commitment.refresh_from_db()
    assert commitment.stage == Stage.FULFILLED
    assert Change.objects.filter(commitment=commitment, action="delivery").count() == 3


def test_delivering_more_than_promised_is_refused_until_amended(coordinator):
    commitment = factories.CommitmentFactory(quantity=10, stage=Stage.COMMITTED)
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=8, by=coordinator, expected_version=ANY_VERSION
    )
    with pytest.raises(ValidationError) as error:
        services.record_delivery(
            commitment, delivered_on=TODAY, quantity=5, by=coordinator, expected_version=ANY_VERSION
        )
    assert "Only 2" in error.value.message_dict["quantity"][0]
    services.amend_commitment(
        commitment,
        reason="increase",
        new_quantity=13,
        note="Partner adds 3",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=5, by=coordinator, expected_version=ANY_VERSION
    )
    commitment.refresh_from_db()
    assert (commitment.quantity, commitment.delivered_quantity) == (13, 13)


def test_payments_are_summed_per_commitment(coordinator):
    commitment = factories.CommitmentFactory(
        quantity=None, unit="", amount=Decimal("1000000"), currency="EUR", stage=Stage.PLEDGED
    )
    services.record_payment(
        commitment,
        paid_on=TODAY,
        amount=Decimal("250000.50"),
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    commitment.refresh_from_db()
    assert commitment.paid_amount == Decimal("250000.50")
    assert commitment.progress == 25
    with pytest.raises(ValidationError) as error:
        services.record_delivery(
            commitment, delivered_on=TODAY, quantity=3, by=coordinator, expected_version=ANY_VERSION
        )
    assert "quantity" in error.value.message_dict


@pytest.mark.parametrize("stage", [Stage.DISCUSSED, Stage.WITHDRAWN, Stage.SUSPENDED])
def test_no_delivery_in_a_stage_that_cannot_receive_one(stage, coordinator):
    commitment = factories.CommitmentFactory(stage=stage)
    with pytest.raises(ValidationError):
        services.record_delivery(
            commitment, delivered_on=TODAY, quantity=1, by=coordinator, expected_version=ANY_VERSION
        )
    assert not commitment.deliveries.exists()


def test_an_amendment_keeps_the_old_values_and_reason(coordinator):
    commitment = factories.CommitmentFactory(quantity=40)
    amendment = services.amend_commitment(
        commitment,
        reason="reduction",
        new_quantity=30,
        note="Budget cut",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    assert (amendment.old_quantity, amendment.new_quantity, amendment.reason) == (40, 30, "reduction")
    change = Change.objects.get(commitment=commitment, action="amendment")
    assert change.fields["quantity"] == [40, 30]
    assert change.comment == "Budget cut"


@pytest.mark.parametrize(
    ("reason", "new_quantity"),
    [("increase", 30), ("increase", 40), ("reduction", 50), ("correction", 40)],
)
def test_an_amendment_must_match_its_reason(reason, new_quantity, coordinator):
    commitment = factories.CommitmentFactory(quantity=40)
    with pytest.raises(ValidationError):
        services.amend_commitment(
            commitment,
            reason=reason,
            new_quantity=new_quantity,
            note="Partner's letter",
            by=coordinator,
            expected_version=ANY_VERSION,
        )
    commitment.refresh_from_db()
    assert commitment.quantity == 40
    assert not commitment.amendments.exists()


def test_the_promise_cannot_drop_below_what_was_delivered(coordinator):
    commitment = factories.CommitmentFactory(quantity=40)
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=25, by=coordinator, expected_version=ANY_VERSION
    )
    with pytest.raises(ValidationError) as error:
        services.amend_commitment(
            commitment,
            reason="reduction",
            new_quantity=20,
            note="Cut",
            by=coordinator,
            expected_version=ANY_VERSION,
        )
    assert "new_quantity" in error.value.message_dict


def test_withdrawal_keeps_what_arrived_and_ends_the_commitment(coordinator):
    commitment = factories.CommitmentFactory(quantity=40)
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=15, by=coordinator, expected_version=ANY_VERSION
    )
    services.amend_commitment(
        commitment, reason="withdrawal", note="Partner withdrew", by=coordinator, expected_version=ANY_VERSION
    )
    commitment.refresh_from_db()
    assert (commitment.stage, commitment.quantity, commitment.delivered_quantity) == (Stage.WITHDRAWN, 15, 15)
    assert commitment.amendments.get().old_quantity == 40


def test_the_promise_cannot_be_edited_without_an_amendment(coordinator):
    commitment = factories.CommitmentFactory(quantity=40)
    with pytest.raises(ValidationError) as error:
        services.update_commitment(commitment, {"quantity": 50}, by=coordinator, expected_version=1)
    assert "amendment" in error.value.message_dict["quantity"][0]
    services.update_commitment(commitment, {"item": "Renamed item"}, by=coordinator, expected_version=1)
    commitment.refresh_from_db()
    assert (commitment.item, commitment.version) == ("Renamed item", 2)


@pytest.mark.parametrize(("old", "new"), [(o, n) for o, moves in STAGE_MOVES.items() for n in sorted(moves)])
def test_allowed_stage_moves(old, new, coordinator):
    commitment = factories.CommitmentFactory(stage=old, quantity=5, delivered_quantity=5)
    services.change_stage(commitment, stage=new, by=coordinator, comment="move", expected_version=ANY_VERSION)
    commitment.refresh_from_db()
    assert commitment.stage == new


def test_fulfilled_needs_everything_delivered(coordinator):
    commitment = factories.CommitmentFactory(stage=Stage.IN_DELIVERY, quantity=5)
    with pytest.raises(ValidationError):
        services.change_stage(commitment, stage=Stage.FULFILLED, by=coordinator, expected_version=ANY_VERSION)


def test_a_withdrawn_commitment_cannot_come_back(coordinator):
    commitment = factories.CommitmentFactory(stage=Stage.WITHDRAWN)
    with pytest.raises(ValidationError) as error:
        services.change_stage(commitment, stage=Stage.PLEDGED, by=coordinator, expected_version=ANY_VERSION)
    assert "cannot move" in str(error.value)
