"""Every change of a commitment's stage (and of a project's status, a follow-up's state)
goes through its move table: take a move out of the table and each path that makes it is
refused, with nothing written. The tables are the only source the tests read."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tracker.commitments import services
from tracker.commitments.models import DELIVERY_MOVES, STAGE_MOVES, Stage
from tracker.core.conflicts import StaleEdit
from tracker.followups import services as followup_services
from tracker.followups.models import STATE_MOVES, State
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.imports.checks import check_commitment_rows
from tracker.projects import services as project_services
from tracker.projects.models import STATUS_MOVES, Status

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def deliver(commitment, quantity: int, by):
    return services.record_delivery(
        commitment, delivered_on=TODAY, quantity=quantity, by=by, expected_version=ANY_VERSION
    )


@pytest.mark.parametrize("stage", [s for s in Stage.values if s not in DELIVERY_MOVES])
def test_no_delivery_in_a_stage_the_delivery_table_does_not_leave_from(stage, coordinator):
    commitment = factories.CommitmentFactory(quantity=10, stage=stage)
    with pytest.raises(ValidationError) as refused:
        deliver(commitment, 1, coordinator)
    assert refused.value.code == "stage"
    assert "No arrival or payment can be recorded while the commitment is" in refused.value.messages[0]
    assert not commitment.deliveries.exists()


@pytest.mark.parametrize("stage", list(DELIVERY_MOVES))
@pytest.mark.parametrize("quantity, after", [(4, Stage.IN_DELIVERY), (10, Stage.FULFILLED)])
def test_a_delivery_makes_the_move_the_delivery_table_allows(stage, quantity, after, coordinator):
    commitment = factories.CommitmentFactory(quantity=10, stage=stage)
    deliver(commitment, quantity, coordinator)
    assert commitment.stage == after
    assert after == stage or after in DELIVERY_MOVES[stage]
    change = Change.objects.get(commitment=commitment, action="delivery")
    assert change.fields["delivered_quantity"] == [0, quantity]
    assert change.fields.get("stage", [stage, after]) == [stage, after]


def fulfilled(by):
    commitment = factories.CommitmentFactory(quantity=10, stage=Stage.COMMITTED)
    deliver(commitment, 10, by)
    return commitment


# Each path that changes a stage, status or state: (table, stage the move leaves, the move
# taken out of the table, how to arrange the object, how to make the move).
PATHS = {
    "stage move": (
        STAGE_MOVES,
        Stage.COMMITTED,
        lambda by: factories.CommitmentFactory(stage=Stage.COMMITTED),
        lambda c, by: services.change_stage(c, stage=Stage.CONTRACTED, by=by, expected_version=ANY_VERSION),
    ),
    "delivery": (
        DELIVERY_MOVES,
        Stage.COMMITTED,
        lambda by: factories.CommitmentFactory(quantity=10, stage=Stage.COMMITTED),
        lambda c, by: deliver(c, 4, by),
    ),
    "amendment reopening a fulfilled commitment": (
        STAGE_MOVES,
        Stage.FULFILLED,
        fulfilled,
        lambda c, by: services.amend_commitment(
            c, reason="increase", new_quantity=12, note="More", by=by, expected_version=ANY_VERSION
        ),
    ),
    "withdrawal": (
        STAGE_MOVES,
        Stage.COMMITTED,
        lambda by: factories.CommitmentFactory(stage=Stage.COMMITTED),
        lambda c, by: services.amend_commitment(
            c, reason="withdrawal", note="Partner withdrew", by=by, expected_version=ANY_VERSION
        ),
    ),
    "project status": (
        STATUS_MOVES,
        Status.IDENTIFIED,
        lambda by: factories.ProjectFactory(),
        lambda p, by: project_services.change_status(
            p, status=Status.SEEKING_PARTNERS, health="on_track", by=by, expected_version=ANY_VERSION
        ),
    ),
    "follow-up done": (
        STATE_MOVES,
        State.OPEN,
        lambda by: factories.FollowUpFactory(),
        lambda f, by: followup_services.set_state(f, state=State.DONE, by=by, expected_version=ANY_VERSION),
    ),
}


@pytest.mark.parametrize("path", list(PATHS))
def test_each_path_is_refused_when_its_table_drops_the_move(path, coordinator, monkeypatch):
    table, leaves, arrange, move = PATHS[path]
    subject = arrange(coordinator)
    move(type(subject).objects.get(pk=subject.pk), coordinator)  # allowed by the table as it is
    subject = arrange(coordinator)
    saved = type(subject).objects.get(pk=subject.pk)
    changes = saved.changes.count()
    monkeypatch.setitem(table, leaves, set())
    with pytest.raises(ValidationError) as refused:
        move(saved, coordinator)
    assert refused.value.code == "invalid_transition"
    saved.refresh_from_db()
    assert (saved.version, saved.changes.count()) == (subject.version, changes)


@pytest.fixture
def import_reference(country_pl):
    factories.PriorityFactory(code="supply")
    factories.CapabilityFactory(code="ammunition")


def import_row(stage: str, delivered: str) -> dict:
    values = {
        "partner": "PL",
        "priority": "supply",
        "kind": "supply",
        "capability": "ammunition",
        "item": "155 mm shells",
        "quantity": "1000",
        "unit": "rounds",
        "stage": stage,
        "announced_on": "2026-01-15",
        "delivered_quantity": delivered,
        "last_delivered_on": "2026-02-01",
    }
    return {"line": 2, "values": values}


@pytest.mark.parametrize("stage", Stage.values)
def test_an_import_plans_the_stage_moves_the_tables_allow(stage, coordinator, import_reference):
    """With part delivered, the row's stage must be reachable from "in delivery" by the
    moves of STAGE_MOVES that avoid "fulfilled"; the plan is that route."""
    (check,) = check_commitment_rows([import_row(stage, "400")], coordinator)
    reachable = _reachable(Stage.IN_DELIVERY, avoid={Stage.FULFILLED})
    if stage in reachable:
        assert check.ok, check.errors
        previous = Stage.IN_DELIVERY
        for step in check.plan["stages"]:
            assert step in STAGE_MOVES[previous]
            previous = step
        assert previous == stage
    else:
        assert check.errors == [
            f"Stage (code): A commitment with arrivals or payments cannot be “{Stage(stage).label}”."
        ]


def test_an_import_to_a_stage_the_table_no_longer_reaches_is_refused(
    coordinator, import_reference, monkeypatch
):
    (check,) = check_commitment_rows([import_row(Stage.CONTRACTED, "400")], coordinator)
    assert check.plan["stages"] == [Stage.SUSPENDED, Stage.CONTRACTED]
    monkeypatch.setitem(STAGE_MOVES, Stage.SUSPENDED, {Stage.WITHDRAWN})
    (check,) = check_commitment_rows([import_row(Stage.CONTRACTED, "400")], coordinator)
    assert check.errors == ["Stage (code): A commitment with arrivals or payments cannot be “Contracted”."]


def _reachable(start: str, avoid: set[str]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in STAGE_MOVES[todo.pop()] - avoid - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_stale_delivery_and_amendment_are_refused_with_nothing_written(coordinator):
    commitment = factories.CommitmentFactory(quantity=10, amount=Decimal("100"), currency="EUR")
    opened = commitment.version
    services.change_stage(commitment, stage=Stage.CONTRACTED, by=coordinator, expected_version=opened)
    with pytest.raises(StaleEdit):
        services.record_delivery(
            commitment, delivered_on=TODAY, quantity=1, by=coordinator, expected_version=opened
        )
    with pytest.raises(StaleEdit) as stale:
        services.amend_commitment(
            commitment,
            reason="increase",
            new_quantity=12,
            new_amount=Decimal("100.00"),
            note="More",
            by=coordinator,
            expected_version=opened,
        )
    assert stale.value.differences == [("quantity", "10", "12")]
    commitment.refresh_from_db()
    assert (commitment.version, commitment.quantity) == (opened + 1, 10)
    assert not commitment.deliveries.exists() and not commitment.amendments.exists()
    services.record_delivery(
        commitment, delivered_on=TODAY, quantity=1, by=coordinator, expected_version=opened + 1
    )
    commitment.refresh_from_db()
    assert (commitment.version, commitment.delivered_quantity) == (opened + 2, 1)


def test_an_edit_never_moves_a_stage_or_a_status(coordinator):
    """Only the moves record when a change took effect: edits refuse to make one."""
    commitment = factories.CommitmentFactory(stage=Stage.COMMITTED)
    with pytest.raises(ValidationError):
        services.update_commitment(
            commitment, {"stage": Stage.CONTRACTED}, by=coordinator, expected_version=ANY_VERSION
        )
    project = factories.ProjectFactory()
    with pytest.raises(ValidationError):
        project_services.update_project(
            project, {"status": Status.SEEKING_PARTNERS}, by=coordinator, expected_version=ANY_VERSION
        )
    commitment.refresh_from_db()
    project.refresh_from_db()
    assert (commitment.stage, project.status) == (Stage.COMMITTED, Status.IDENTIFIED)
