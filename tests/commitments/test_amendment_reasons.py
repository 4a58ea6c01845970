"""An amendment says why (a note) and its new values follow its reason: an increase raises,
a reduction lowers, a correction changes something; the message names the wrong value.
A withdrawal, by amendment or by a stage move, says why too; the database holds the rules."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories
from tests.page_checks import HX, client_for
from tracker.commitments import services
from tracker.commitments.models import Amendment, Stage
from tracker.history.editing import ANY_VERSION

pytestmark = pytest.mark.django_db


def amend(commitment, by, **values):
    values.setdefault("note", "The partner's letter of 3 May")
    return services.amend_commitment(commitment, by=by, expected_version=ANY_VERSION, **values)


def refusal(commitment, by, **values) -> dict:
    with pytest.raises(ValidationError) as error:
        amend(commitment, by, **values)
    commitment.refresh_from_db()
    assert not commitment.amendments.exists()
    return error.value.message_dict


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"reason": "increase", "new_quantity": 120},
            "new_quantity",
            "An increase must raise the promise: 120 is less than the 150 promised now.",
        ),
        (
            {"reason": "increase", "new_quantity": 150},
            "new_quantity",
            "An increase must raise the promise: 150 is what is promised now.",
        ),
        (
            {"reason": "reduction", "new_quantity": 180},
            "new_quantity",
            "A reduction must lower the promise: 180 is more than the 150 promised now.",
        ),
        (
            {"reason": "reduction", "new_quantity": 150},
            "new_quantity",
            "A reduction must lower the promise: 150 is what is promised now.",
        ),
        (
            {"reason": "correction", "new_quantity": 150},
            "new_quantity",
            "A correction must change the promise: 150 is what is promised now.",
        ),
        (
            {"reason": "increase", "new_quantity": 150, "note": "   "},
            "note",
            "Say why the promise changes: the partner's decision and its source, or what was wrong.",
        ),
    ],
)
def test_a_wrong_amendment_is_refused_naming_what_is_wrong(coordinator, values, field, message):
    commitment = factories.CommitmentFactory(quantity=150)
    assert refusal(commitment, coordinator, **values)[field] == [message]


def test_money_is_judged_with_its_currency_and_each_measure_on_its_own(coordinator):
    commitment = factories.CommitmentFactory(quantity=10, amount=Decimal("2000000"), currency="EUR")
    errors = refusal(
        commitment, coordinator, reason="increase", new_quantity=12, new_amount=Decimal("1500000")
    )
    assert errors == {
        "new_amount": [
            "An increase must raise the promise: 1,500,000.00 EUR is less than the 2,000,000.00 EUR "
            "promised now."
        ]
    }
    errors = refusal(
        commitment, coordinator, reason="increase", new_quantity=None, new_amount=Decimal("2500000")
    )
    assert errors["new_quantity"] == [
        "An increase must raise the promise: it cannot remove the 10 promised now."
    ]


def test_a_reduction_cannot_add_a_measure_that_was_not_promised(coordinator):
    commitment = factories.CommitmentFactory(quantity=10, amount=None, currency="EUR")
    errors = refusal(commitment, coordinator, reason="reduction", new_quantity=8, new_amount=Decimal("5"))
    assert errors["new_amount"] == [
        "A reduction must lower the promise: it cannot add 5.00 EUR where nothing is promised now."
    ]


@pytest.mark.parametrize(
    ("reason", "new_quantity"),
    [("increase", 160), ("reduction", 140), ("correction", 140), ("correction", 160)],
)
def test_an_amendment_in_its_direction_is_saved_with_its_note(coordinator, reason, new_quantity):
    commitment = factories.CommitmentFactory(quantity=150)
    amendment = amend(commitment, coordinator, reason=reason, new_quantity=new_quantity, note="  Letter 12  ")
    assert (amendment.new_quantity, amendment.note) == (new_quantity, "Letter 12")


def test_a_withdrawal_needs_a_note_by_amendment_or_by_a_stage_move(coordinator):
    commitment = factories.CommitmentFactory(quantity=150, stage=Stage.COMMITTED)
    assert "note" in refusal(commitment, coordinator, reason="withdrawal", note="")
    with pytest.raises(ValidationError) as error:
        services.change_stage(
            commitment, stage=Stage.WITHDRAWN, comment=" ", by=coordinator, expected_version=ANY_VERSION
        )
    assert error.value.message_dict == {"comment": ["Say why the partner withdraws the commitment."]}
    services.change_stage(
        commitment, stage=Stage.WITHDRAWN, comment="Election", by=coordinator, expected_version=ANY_VERSION
    )
    commitment.refresh_from_db()
    assert commitment.stage == Stage.WITHDRAWN


def test_the_form_explains_a_wrong_direction_and_a_missing_note_in_place(coordinator):
    commitment = factories.CommitmentFactory(quantity=150)
    response = client_for(coordinator).post(
        f"/commitments/{commitment.pk}/amendments/",
        {
            "amend-reason": "increase",
            "amend-new_quantity": "120",
            "amend-note": "",
            "amend-version": str(commitment.version),
        },
        headers=HX,
    )
    assert response.status_code == 200
    assert "An increase must raise the promise: 120 is less than the 150 promised now." in response.text
    assert "Say why the promise changes" in response.text
    assert re.search(r'<input[^>]*name="amend-note"[^>]*required', response.text)
    assert not Amendment.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"reason": "increase", "note": ""},
        {"reason": "increase", "note": " \t"},
        {"reason": "increase", "old_quantity": 10, "new_quantity": 9},
        {"reason": "increase", "old_quantity": 10, "new_quantity": None},
        {"reason": "reduction", "old_quantity": 10, "new_quantity": 11},
        {"reason": "reduction", "old_quantity": None, "new_quantity": 1},
        {"reason": "withdrawal", "old_amount": Decimal(5), "new_amount": Decimal(6)},
    ],
)
def test_the_database_refuses_an_amendment_without_a_note_or_against_its_reason(coordinator, values):
    commitment = factories.CommitmentFactory(quantity=10)
    row = {"old_quantity": 10, "new_quantity": 12, "note": "Letter", **values}
    with pytest.raises(IntegrityError), transaction.atomic():
        Amendment.objects.create(commitment=commitment, **row)
