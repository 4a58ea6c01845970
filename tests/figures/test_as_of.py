"""Figures as of any date: a commitment through dated events, and a project's status,
read back as of every day in between (PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from tracker.commitments import services
from tracker.commitments.models import AmendmentReason, Commitment, Stage
from tracker.core.rough_dates import Precision, RoughDate
from tracker.figures.totals import total
from tracker.history.editing import ANY_VERSION
from tracker.projects import services as project_services
from tracker.projects.models import Project, Status

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(n: int) -> datetime.date:
    """The n-th day of the story, which ends a week ago."""
    return TODAY - datetime.timedelta(days=60 - n)


def figures(as_of):
    """(announced, committed, suspended, arrived) of the one capability, as of a date."""
    found = total(Commitment.objects.all(), as_of=as_of)
    if not found.goods:
        return None
    (measure,) = found.goods.values()
    return (measure.announced, measure.committed, measure.suspended, measure.done)


def test_a_commitment_read_as_of_every_day_of_its_life(coordinator):
    commitment = factories.CommitmentFactory(
        quantity=100, unit="rounds", stage=Stage.PLEDGED, announced_on=day(10)
    )
    events = [
        (
            20,
            lambda: services.change_stage(
                commitment,
                stage=Stage.COMMITTED,
                by=coordinator,
                expected_version=ANY_VERSION,
                effective=day(20),
            ),
        ),
        (
            30,
            lambda: services.amend_commitment(
                commitment,
                reason=AmendmentReason.INCREASE,
                new_quantity=150,
                note="More",
                by=coordinator,
                expected_version=ANY_VERSION,
                effective=day(30),
            ),
        ),
        (
            35,
            lambda: services.record_delivery(
                commitment, delivered_on=day(35), quantity=40, by=coordinator, expected_version=ANY_VERSION
            ),
        ),
        (
            40,
            lambda: services.change_stage(
                commitment,
                stage=Stage.SUSPENDED,
                by=coordinator,
                expected_version=ANY_VERSION,
                effective=day(40),
            ),
        ),
        (
            45,
            lambda: services.change_stage(
                commitment,
                stage=Stage.IN_DELIVERY,
                by=coordinator,
                expected_version=ANY_VERSION,
                effective=day(45),
            ),
        ),
        (
            50,
            lambda: services.amend_commitment(
                commitment,
                reason=AmendmentReason.WITHDRAWAL,
                note="Stopped",
                by=coordinator,
                expected_version=ANY_VERSION,
                effective=day(50),
            ),
        ),
    ]
    for _n, event in events:
        event()
    expected = {
        9: None,  # not announced yet
        10: (100, 0, 0, 0),
        19: (100, 0, 0, 0),
        20: (0, 100, 0, 0),
        30: (0, 150, 0, 0),
        35: (0, 150, 0, 40),
        40: (0, 0, 150, 40),
        45: (0, 150, 0, 40),
        50: (0, 0, 0, 40),  # withdrawn: nothing promised any more, what arrived stays arrived
        60: (0, 0, 0, 40),
    }
    for n in range(8, 61):
        want = expected[max(k for k in expected if k <= n)] if n >= 9 else None
        assert figures(day(n)) == want, (n, figures(day(n)), want)
    assert figures(None) == expected[60]


def test_a_date_known_roughly_counts_from_the_end_of_its_period(coordinator):
    commitment = factories.CommitmentFactory(quantity=10, unit="rounds", stage=Stage.COMMITTED)
    month = RoughDate(day(31), Precision.MONTH) if day(31).day == 31 else None
    quarter_end = day(55)
    rough = RoughDate(quarter_end, Precision.PERIOD, day(40))
    services.record_delivery(
        commitment, delivered_on=rough, quantity=4, by=coordinator, expected_version=ANY_VERSION
    )
    assert figures(day(54))[3] == 0  # the period is not over yet
    assert figures(day(55))[3] == 4
    assert month is None or month.first.day == 1


def test_a_projects_status_as_of_every_day(coordinator):
    project = factories.ProjectFactory()
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    moves = [
        (15, Status.SEEKING_PARTNERS),
        (25, Status.IN_NEGOTIATION),
        (35, Status.ON_HOLD),
        (45, Status.IN_NEGOTIATION),
    ]
    for n, status in moves:
        project.refresh_from_db()
        project_services.change_status(
            project,
            status=status,
            health="on_track",
            by=coordinator,
            expected_version=ANY_VERSION,
            effective=day(n),
        )

    def status(n):
        row = Project.objects.filter(pk=project.pk).with_status(day(n)).first()
        return row.f_status if row else None

    assert status(-1) is None  # not created yet
    assert [status(n) for n in (0, 14, 15, 24, 25, 35, 44, 45, 60)] == [
        Status.IDENTIFIED,
        Status.IDENTIFIED,
        Status.SEEKING_PARTNERS,
        Status.SEEKING_PARTNERS,
        Status.IN_NEGOTIATION,
        Status.ON_HOLD,
        Status.ON_HOLD,
        Status.IN_NEGOTIATION,
        Status.IN_NEGOTIATION,
    ]


def test_an_effective_date_in_the_future_is_refused(coordinator):
    commitment = factories.CommitmentFactory(stage=Stage.PLEDGED)
    with pytest.raises(ValidationError):
        services.change_stage(
            commitment,
            stage=Stage.COMMITTED,
            by=coordinator,
            expected_version=ANY_VERSION,
            effective=TODAY + datetime.timedelta(days=1),
        )
