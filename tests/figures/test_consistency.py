"""Every output tells the same figures: a generated world read through the dashboard, the
charts, the partners list, each partner's page and briefing, each package's page and the
weekly digest, for readers of each scope, against sums worked out here row by row.

The reference below is written apart from tracker/figures on purpose: levels per stage,
money per currency from the partners' own funds only (a pooled purchase is paid by its
contributors, whose contributions count), goods per capability and unit.
"""

import datetime
import random
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from tracker.commitments.models import Commitment, Funding, Kind, Marking, Package, Stage
from tracker.notifications.digests import build_digest
from tracker.reference.models import Partner

pytestmark = pytest.mark.django_db

LEVEL = {
    Stage.PLEDGED: "announced",
    Stage.COMMITTED: "committed",
    Stage.CONTRACTED: "committed",
    Stage.IN_DELIVERY: "committed",
    Stage.FULFILLED: "committed",
    Stage.SUSPENDED: "suspended",
}
ZERO = Decimal(0)


@pytest.fixture
def world(country_pl, country_de):
    """Forty commitments of every stage, marking and shape, seeded: country partners, an
    initiative with contributions and pooled purchases, packages, money in two currencies,
    goods of two capabilities."""
    rng = random.Random(13)
    country_nl = factories.CountryFactory(code="NL")
    coalition = factories.PartnerFactory(code="air-coalition", name="Air coalition")
    coalition.members.set([country_pl, country_de, country_nl])
    countries = [country_pl.partner, country_de.partner, country_nl.partner]
    priorities = [factories.PriorityFactory(code=f"p{n}", number=n) for n in (1, 2, 3)]
    capabilities = [factories.CapabilityFactory(code="air"), factories.CapabilityFactory(code="shells")]
    packages = {
        p.pk: [Package.objects.create(partner=p, title=f"{p.code} package {n}") for n in (1, 2)]
        for p in [*countries, coalition]
    }
    for n in range(40):
        shape = rng.choice(["goods", "money", "both", "contribution", "pooled"])
        partner = coalition if shape == "pooled" else rng.choice(countries)
        values = {
            "partner": partner,
            "priority": rng.choice(priorities),
            "capability": rng.choice(capabilities),
            "stage": rng.choice(Stage.values),
            "marking": rng.choice([Marking.PUBLIC, Marking.OFFICIAL, Marking.RESTRICTED]),
            "item": f"Item {n}",
            "quantity": None,
            "unit": "",
            "package": rng.choice([None, *packages[partner.pk]]),
        }
        if shape in ("goods", "both", "pooled"):
            quantity = rng.randint(1, 500)
            unit = "systems" if values["capability"] == capabilities[0] else "rounds"
            values |= {"quantity": quantity, "unit": unit, "delivered_quantity": rng.randint(0, quantity)}
        if shape != "goods":
            amount = Decimal(rng.randint(1, 900) * 10_000)
            paid = rng.choice([ZERO, amount, Decimal(rng.randint(0, int(amount)))])
            values |= {"amount": amount, "currency": rng.choice(["EUR", "USD"]), "paid_amount": paid}
        if shape in ("contribution", "pooled"):
            values |= {"kind": Kind.FINANCING, "channel": coalition if shape == "contribution" else None}
        if shape == "pooled":
            values |= {"funding": Funding.POOLED}
        if values["stage"] in (Stage.DISCUSSED,):
            values |= {"delivered_quantity": 0, "paid_amount": ZERO}
        factories.CommitmentFactory(**values)
    return {"coalition": coalition, "countries": countries, "capabilities": capabilities}


def reference(rows) -> dict:
    """{("money", currency) | ("goods", capability id, unit): {level: sum, "done": sum}}."""
    found: dict = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        level = LEVEL.get(row.stage)
        if level is None and row.stage != Stage.WITHDRAWN:
            continue  # talk counts nowhere
        if row.amount is not None and row.funding == Funding.OWN:
            found[("money", row.currency)][level] += row.amount
            found[("money", row.currency)]["done"] += row.paid_amount
        if row.quantity is not None:
            found[("goods", row.capability_id, row.unit)][level] += row.quantity
            found[("goods", row.capability_id, row.unit)]["done"] += row.delivered_quantity
    return {key: {k: v for k, v in sums.items() if k and v} for key, sums in found.items()}


def read(totals) -> dict:
    """The same shape, read from a figures-module Totals."""
    found = {}
    for currency, m in totals.money.items():
        found[("money", currency)] = _measure(m)
    for (capability, unit), m in totals.goods.items():
        found[("goods", capability, unit)] = _measure(m)
    return found


def _measure(m) -> dict:
    sums = {"announced": m.announced, "committed": m.committed, "suspended": m.suspended, "done": m.done}
    return {k: v for k, v in sums.items() if v}


def cleaned(figures: dict) -> dict:
    return {key: sums for key, sums in figures.items() if sums}


def added(parts: list[dict]) -> dict:
    """The sum of several readings (the dashboard's priorities, the list's partners)."""
    found: dict = defaultdict(lambda: defaultdict(Decimal))
    for part in parts:
        for key, sums in part.items():
            for level, value in sums.items():
                found[key][level] += value
    return cleaned({key: dict(sums) for key, sums in found.items()})


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl"])
def test_every_output_tells_the_same_figures(request, role, world):
    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    visible = list(Commitment.objects.visible_to(user))
    in_scope = visible
    if user.scope.country_bound:  # an embassy's overview is about its countries
        in_scope = [c for c in visible if c.partner.country_id in set(user.scope.country_ids())]
    expected = cleaned(reference(in_scope))
    assert expected, "the generated world must promise something"

    dashboard = client.get("/").context["panels"]
    assert added([read(panel.totals) for panel in dashboard]) == expected

    digest = build_digest(user, timezone.now())
    (figures,) = [s for s in digest.sections if s.key == "figures"]
    for currency in ("EUR", "USD"):
        key = ("money", currency)
        if key not in expected:
            continue
        (line,) = [item.detail for item in figures.items if item.title == currency]
        assert number(line, "committed (firm)") == expected[key].get("committed", ZERO), line
        assert number(line, "paid") == expected[key].get("done", ZERO), line

    everything = cleaned(reference(visible))
    for currency in ("EUR", "USD"):
        charts = client.get("/charts/", {"currency": currency}).context["figures"]
        want = everything.get(("money", currency), {})
        if charts.currency == currency:
            row = charts.totals
            assert (row.announced, row.committed, row.paid) == (
                want.get("announced", ZERO),
                want.get("committed", ZERO),
                want.get("done", ZERO),
            )

    rows = client.get("/partners/", {"show": "all"}).context["rows"]
    assert added([read(figures.totals) for _, figures in rows]) == everything

    for partner in Partner.objects.filter(pk__in={c.partner_id for c in visible}):
        own = cleaned(reference([c for c in visible if c.partner_id == partner.pk]))
        page = client.get(partner.get_absolute_url()).context
        assert read(page["figures"].totals) == own, partner
        listed = next(figures for p, figures in rows if p == partner)
        assert read(listed.totals) == own, partner
        briefing = client.get(f"/exports/briefing/{partner.code}/").context["briefing"]
        assert read(briefing.totals) == own, partner
        for package in page["packages"]:
            items = cleaned(reference([c for c in visible if c.package_id == package.pk]))
            assert read(package.totals) == items
            shown = client.get(package.get_absolute_url()).context
            assert read(shown["totals"]) == items
            assert added([read(t) for _, t, _ in shown["payers"]]) == items


def number(line: str, label: str) -> Decimal:
    """The figure written before `label` in a digest line ("1,200 committed (firm) · …")."""
    found = re.search(rf"([\d,.]+) {re.escape(label)}", line)
    return Decimal(found.group(1).replace(",", "")) if found else ZERO


def test_pooled_money_is_counted_once_everywhere(client, coordinator, world):
    """A pooled purchase's money is its contributors': never in the grand total, the
    initiative's page or the dashboard a second time; its goods count where they arrive."""
    client.force_login(coordinator)
    coalition = world["coalition"]
    pooled = Commitment.objects.filter(funding=Funding.POOLED).exclude(stage=Stage.DISCUSSED)
    assert pooled.exists()
    own_money = cleaned(reference(Commitment.objects.filter(funding=Funding.OWN)))
    page = client.get(coalition.get_absolute_url()).context
    assert read(page["figures"].totals) == cleaned(reference(Commitment.objects.filter(partner=coalition)))
    assert all(key[0] == "goods" for key in read(page["figures"].totals))
    contributions = cleaned(reference(Commitment.objects.filter(channel=coalition)))
    assert read(page["contributions"]) == contributions
    dashboard = added([read(panel.totals) for panel in client.get("/").context["panels"]])
    money = {key: sums for key, sums in dashboard.items() if key[0] == "money"}
    assert money == {key: sums for key, sums in own_money.items() if key[0] == "money"}


def test_as_of_a_day_before_any_data_nothing_is_promised(client, coordinator, world):
    client.force_login(coordinator)
    before = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    response = client.get("/", {"as_of": before})
    assert all(panel.totals.is_empty for panel in response.context["panels"])
    html = response.content.decode()
    assert "As of" in html and "Back to today" in html
    assert html.count("Nothing promised that you may see.") == 3
