"""Scope-true statements: what a page or email states as fact holds for what its reader may
see, signed in as each role. "No contact in 30 days" lists exactly the partners with no
contact the reader can see; totals say how many rows they leave out; a briefing's totals
never contradict its own table."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from tracker.commitments.models import Commitment, Marking, Stage
from tracker.contacts.models import Contact
from tracker.notifications.digests import build_digest
from tracker.projects.models import Project
from tracker.reference.models import PartnerCountry

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "viewer", "embassy_pl", "embassy_de", "industry_user"]
TODAY = timezone.localdate()


@pytest.fixture
def contacts(country_pl, country_de, project, industry_user):
    """Poland: a recent contact about the enterprise's project; Germany: a recent one about
    nothing industry may see; the Netherlands: an old one; Italy: none."""
    recent = TODAY - datetime.timedelta(days=5)
    factories.ContactFactory(country=country_pl, held_on=recent).projects.add(project)
    factories.ContactFactory(country=country_de, held_on=recent)
    factories.ContactFactory(
        country=factories.CountryFactory(code="NL"), held_on=TODAY - datetime.timedelta(days=90)
    )
    factories.CountryFactory(code="IT")
    project.candidate_countries.add(country_de)  # industry follows Poland and Germany


@pytest.fixture
def commitments(country_pl, country_de, priority):
    for country in (country_pl, country_de):
        for marking in (Marking.OFFICIAL, Marking.RESTRICTED):
            factories.CommitmentFactory(country=country, priority=priority, marking=marking)


def with_visible_contact(user) -> set[int]:
    cutoff = TODAY - datetime.timedelta(days=30)
    seen = Contact.objects.visible_to(user).filter(held_on__gte=cutoff)
    return set(seen.values_list("country_id", flat=True))


@pytest.mark.parametrize("role", ROLES)
def test_quiet_partners_are_exactly_those_with_no_contact_the_reader_can_see(
    request, role, contacts, commitments
):
    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    quiet = {country.pk for country in client.get("/").context["quiet_partners"]}
    seen = with_visible_contact(user)
    assert not quiet & seen, "a partner the reader saw a contact with is called quiet"
    followed = user.scope.partner_countries(PartnerCountry.objects.active())
    if user.scope.enterprise_bound:  # the partners their projects look at
        followed = followed.filter(pk__in=Project.objects.editable_by(user).values("candidate_countries"))
    assert followed.exists()
    for country in followed:
        assert (country.pk in quiet) == (country.pk not in seen), (role, country.code)
    # The digest says the same of the same partners.
    digest = build_digest(user, timezone.now())
    (section,) = [s for s in digest.sections if s.key == "partners"]
    named = {item.title for item in section.items}
    assert named == {c.display_name for c in PartnerCountry.objects.filter(pk__in=quiet)}
    assert "visible to you" in section.title


@pytest.mark.parametrize("role", ROLES)
def test_partner_list_says_none_only_when_the_reader_sees_none(request, role, contacts):
    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    visible = set(Contact.objects.visible_to(user).values_list("country_id", flat=True))
    for partner, figures in client.get("/partners/").context["rows"]:
        if partner.is_country:
            assert (figures.last_contact is None) == (partner.country_id not in visible), partner.code


@pytest.mark.parametrize("role", ROLES)
def test_totals_say_how_many_rows_they_leave_out(request, role, priority, commitments):
    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    response = client.get("/")
    (panel,) = [p for p in response.context["panels"] if p.priority == priority]
    in_scope = Commitment.objects.filter(priority=priority)
    if user.scope.country_bound:
        in_scope = in_scope.filter(partner__country__in=user.scope.country_ids())
    hidden = in_scope.count() - in_scope.filter(pk__in=Commitment.objects.visible_to(user)).count()
    assert panel.hidden == hidden
    said = "left out of these totals" in response.content.decode()
    assert said == bool(hidden), role
    for code in ("pl", "de"):
        page = client.get(f"/partners/{code}/").context["figures"]
        rows = Commitment.objects.filter(partner__code=code.upper())
        assert page.hidden == rows.count() - rows.filter(pk__in=Commitment.objects.visible_to(user)).count()


@pytest.mark.parametrize("role", ROLES)
def test_a_briefing_never_contradicts_its_own_table(request, role, country_pl, priority):
    user = request.getfixturevalue(role)
    factories.CommitmentFactory(
        country=country_pl,
        priority=priority,
        quantity=None,
        unit="",
        amount=Decimal(500),
        currency="EUR",
        stage=Stage.PLEDGED,
    )
    factories.CommitmentFactory(country=country_pl, priority=priority, marking=Marking.RESTRICTED)
    factories.CommitmentFactory(country=country_pl, priority=priority, stage=Stage.DISCUSSED)
    client = Client()
    client.force_login(user)
    for as_of in ("", (TODAY - datetime.timedelta(days=400)).isoformat()):
        response = client.get("/exports/briefing/PL/", {"as_of": as_of} if as_of else {})
        briefing = response.context["briefing"]
        promising = [c for c in briefing.commitments if c.stage not in (Stage.DISCUSSED, Stage.WITHDRAWN)]
        html = response.content.decode()
        # Totals are empty exactly when the table holds no promise; a promise is never "nothing".
        assert briefing.totals.is_empty == (not promising), (role, as_of)
        assert ("Nothing promised that you may see." in html) == (not promising)
        money = sum((c.amount for c in promising if c.amount is not None), Decimal(0))
        shown = sum(
            (m.announced + m.committed + m.suspended for m in briefing.totals.money.values()), Decimal(0)
        )
        assert shown == money


@pytest.mark.parametrize("role", ["viewer", "embassy_pl", "industry_user"])
def test_as_of_a_date_rows_announced_later_are_not_said_to_be_left_out(request, role, priority, commitments):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    before = (TODAY - datetime.timedelta(days=60)).isoformat()  # the commitments were announced 30 days ago
    response = client.get(f"/?as_of={before}")
    (panel,) = [p for p in response.context["panels"] if p.priority == priority]
    assert panel.hidden == 0 and "left out of these totals" not in response.content.decode()
    for code in ("pl", "de"):
        assert client.get(f"/partners/{code}/?as_of={before}").context["figures"].hidden == 0
