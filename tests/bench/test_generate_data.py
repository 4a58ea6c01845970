"""`manage.py generate_data`: synthetic data in proportion, consistent, reproducible, never over real data."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_countries import countries

from bench.benchdata.generate import current_scale
from tests import factories
from tracker.accounts.models import Role, User
from tracker.commitments.models import (
    DELIVERY_MOVES,
    STAGE_MOVES,
    Amendment,
    Commitment,
    Delivery,
    Payment,
    Stage,
)
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp, State
from tracker.history.models import Action, Change
from tracker.projects.models import STATUS_MOVES, Project
from tracker.reference.models import Organisation, PartnerCountry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bench_settings")]

# A fixed moment, so two runs in one test cannot fall on different days.
NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=True):
        yield


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_data", *args, stdout=out)
    return out.getvalue()


def test_small_scale_creates_every_kind_in_proportion():
    output = generate("--scale", "0.05")

    assert "Generated scale 0.05" in output
    assert Project.objects.count() == 25
    assert Commitment.objects.count() == 250
    assert Contact.objects.count() == 1000
    assert FollowUp.objects.count() == 500
    assert PartnerCountry.objects.count() == len(countries)
    assert PartnerCountry.objects.filter(is_active_partner=True).count() == 190
    assert not PartnerCountry.objects.filter(code__in=["UA", "RU"], is_active_partner=True).exists()
    assert current_scale() == 0.05
    roles = dict(User.objects.values_list("role").annotate(n=Count("id")))
    assert set(roles) == set(Role.values)
    for user in User.objects.filter(role=Role.EMBASSY):
        assert 1 <= user.countries.count() <= 3
    industry = User.objects.filter(role=Role.INDUSTRY)
    assert all(u.organisation.kind in ("enterprise", "concern") for u in industry)
    assert Delivery.objects.exists() and Amendment.objects.exists()
    assert Contact.projects.through.objects.exists() and Contact.commitments.through.objects.exists()


def test_generated_records_are_visible_within_each_users_scope():
    generate("--scale", "0.05")
    embassy = User.objects.filter(role=Role.EMBASSY).first()

    mine = Contact.objects.visible_to(embassy)

    assert mine.exists()
    assert set(mine.values_list("country_id", flat=True)) <= embassy.scope.country_ids()
    assert FollowUp.objects.filter(owner=embassy).exists()


def test_delivered_totals_equal_the_deliveries_and_stay_within_the_promise():
    generate("--scale", "0.05")
    arrived = (
        Delivery.objects.filter(commitment=OuterRef("pk")).values("commitment").annotate(s=Sum("quantity"))
    )
    paid = Payment.objects.filter(commitment=OuterRef("pk")).values("commitment").annotate(s=Sum("amount"))
    commitments = Commitment.objects.annotate(
        q=Coalesce(Subquery(arrived.values("s")), 0), a=Coalesce(Subquery(paid.values("s")), Decimal(0))
    )

    for c in commitments:
        assert (c.delivered_quantity, c.paid_amount) == (c.q, c.a), c.pk
        assert c.quantity is None or c.delivered_quantity <= c.quantity
        assert c.amount is None or c.paid_amount <= c.amount
        if c.stage == Stage.FULFILLED:
            assert c.is_fully_delivered
        if c.stage == Stage.IN_DELIVERY:
            assert not c.is_fully_delivered
    stages = set(commitments.values_list("stage", flat=True))
    assert {Stage.PLEDGED, Stage.IN_DELIVERY, Stage.FULFILLED, Stage.WITHDRAWN} <= stages
    for c in Commitment.objects.filter(stage=Stage.WITHDRAWN):
        assert c.amendments.filter(reason="withdrawal").exists()


def test_history_covers_a_year_and_explains_every_version():
    generate("--scale", "0.05")
    now = timezone.now()

    span = Change.objects.aggregate(first=Min("at"), last=Max("at"))
    first, last = span["first"], span["last"]
    assert now - datetime.timedelta(days=440) < first < now - datetime.timedelta(days=300)
    assert now - datetime.timedelta(days=3) < last <= now
    for model, key in [(Project, "project"), (Commitment, "commitment"), (FollowUp, "followup")]:
        rows = model.objects.annotate(
            created=Count("changes", filter=Q(changes__action=Action.CREATED)),
            later=Count("changes", filter=~Q(changes__action=Action.CREATED)),
        )
        for row in rows:
            assert row.created == 1, (key, row.pk)
            assert row.version == 1 + row.later, (key, row.pk)
            assert row.created_at <= row.updated_at <= now


def test_every_generated_move_is_one_the_tables_allow():
    """The generated history moves stages and statuses as the product would: deliveries by
    DELIVERY_MOVES, everything else by STAGE_MOVES and STATUS_MOVES."""
    generate("--scale", "0.05")
    changes = Change.objects.filter(Q(fields__has_key="stage") | Q(fields__has_key="status"))
    assert changes.exists()
    for change in changes:
        if "status" in change.fields:
            old, new = change.fields["status"]
            assert new in STATUS_MOVES[old], (old, new, change.pk)
        if "stage" in change.fields:
            moves = DELIVERY_MOVES if change.action in (Action.DELIVERY, Action.PAYMENT) else STAGE_MOVES
            old, new = change.fields["stage"]
            assert new in moves.get(old, ()), (change.action, old, new, change.pk)


def test_follow_ups_are_overdue_due_this_week_later_and_closed():
    generate("--scale", "0.05")
    today = timezone.localdate()
    open_ = FollowUp.objects.filter(state=State.OPEN)

    assert open_.filter(due_on__lt=today).exists()
    assert open_.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=6)).exists()
    assert open_.filter(due_on__gt=today + datetime.timedelta(days=6)).exists()
    closed = FollowUp.objects.exclude(state=State.OPEN)
    assert closed.exists()
    assert not closed.filter(completed_at__isnull=True).exists()


def fingerprint() -> dict:
    """What the data says, by natural keys (user ids differ between runs, names do not)."""
    return {
        "projects": list(
            Project.objects.order_by("reference").values_list(
                "reference", "title", "owner__username", "enterprise__code", "status", "health", "created_at"
            )
        ),
        "commitments": list(
            Commitment.objects.order_by("id").values_list(
                "id",
                "partner__code",
                "item",
                "quantity",
                "amount",
                "stage",
                "delivered_quantity",
                "created_by__username",
                "created_at",
            )
        ),
        "contacts": list(Contact.objects.order_by("id").values_list("id", "summary", "author__username")),
        "followups": list(FollowUp.objects.order_by("id").values_list("id", "title", "due_on", "state")),
        "changes": Change.objects.count(),
        "embassy": list(User.objects.filter(role=Role.EMBASSY).values_list("username", "countries__code")),
    }


def test_the_same_seed_gives_the_same_data():
    generate("--scale", "0.02", "--seed", "7")
    first = fingerprint()

    generate("--scale", "0.02", "--seed", "7")
    assert fingerprint() == first

    generate("--scale", "0.02", "--seed", "8")
    assert fingerprint()["commitments"] != first["commitments"]


def test_a_new_run_replaces_the_earlier_generated_data():
    generate("--scale", "0.02")
    generate("--scale", "0.04")

    assert Project.objects.count() == 20
    assert Commitment.objects.count() == 200
    assert Organisation.objects.filter(code__startswith="gen-").count() == 2
    assert User.objects.filter(username__startswith="gen-").count() == 8


def test_refuses_to_run_over_real_data_unless_forced():
    real = factories.ProjectFactory(reference="UOP-2026-001")

    with pytest.raises(CommandError, match="--force"):
        generate("--scale", "0.02")
    assert not User.objects.filter(username__startswith="gen-").exists()

    generate("--scale", "0.02", "--force")
    generate("--scale", "0.02", "--force")  # the second run removes the first run's rows only

    assert Project.objects.count() == 11
    assert Project.objects.filter(pk=real.pk).exists()
    assert current_scale() == 0.02
