"""Scope is defined once (tracker/accounts/scope.py): the shared cache key is derived from
it, and every "may I change this" agrees with the queryset of what the user may change."""

import itertools

import pytest

from tests import factories
from tracker.commitments.models import Commitment, Marking
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db

SHARED_KINDS = [Project, Commitment, Contact]  # what the scope key promises the same rows of


@pytest.fixture
def world(country_pl, country_de):
    concern = factories.OrganisationFactory(code="concern", kind="concern")
    plant = factories.OrganisationFactory(code="plant", parent=concern)
    other_plant = factories.OrganisationFactory(code="other-plant")
    projects = [
        factories.ProjectFactory(enterprise=plant),
        factories.ProjectFactory(enterprise=concern),
        factories.ProjectFactory(enterprise=other_plant),
        factories.ProjectFactory(enterprise=plant, is_archived=True),
    ]
    for country, project, marking in itertools.product(
        (country_pl, country_de), (None, *projects[:3]), Marking.values
    ):
        factories.CommitmentFactory(country=country, project=project, marking=marking)
    for country, project in itertools.product((country_pl, country_de), (None, *projects[:3])):
        contact = factories.ContactFactory(country=country)
        if project:
            contact.projects.add(project)
        factories.FollowUpFactory(project=project or projects[0], contact=contact, country=country)
    return {"pl": country_pl, "de": country_de, "concern": concern, "plant": plant, "other": other_plant}


@pytest.fixture
def users(world, coordinator, viewer):
    """Pairs of users with the same scope, and users whose scopes differ."""
    pl, de = world["pl"], world["de"]
    return {
        "coordinator": [coordinator, factories.coordinator()],
        "viewer": [viewer, factories.viewer()],
        "embassy PL": [factories.embassy(pl), factories.embassy(pl)],
        "embassy DE": [factories.embassy(de)],
        "embassy PL+DE": [factories.embassy(pl, de), factories.embassy(de, pl)],
        "plant": [factories.industry(world["plant"]), factories.industry(world["plant"])],
        "concern": [factories.industry(world["concern"])],
        "other plant": [factories.industry(world["other"])],
    }


def visible(user, model) -> set[int]:
    return set(model.objects.visible_to(user).values_list("pk", flat=True))


def test_users_with_the_same_scope_key_see_the_same_rows(users):
    for name, group in users.items():
        keys = {Commitment.objects.scope_key(user) for user in group}
        assert len(keys) == 1, name
        for model in SHARED_KINDS:
            assert len({frozenset(visible(user, model)) for user in group}) == 1, (name, model)


def test_users_of_different_scopes_get_different_keys(users):
    keys = {name: Commitment.objects.scope_key(group[0]) for name, group in users.items()}
    assert len(set(keys.values())) == len(keys)


def test_equal_keys_mean_equal_rows_across_every_pair_of_users(users):
    everyone = [user for group in users.values() for user in group]
    for first, second in itertools.combinations(everyone, 2):
        if first.scope.key == second.scope.key:
            for model in SHARED_KINDS:
                assert visible(first, model) == visible(second, model)


@pytest.mark.parametrize("model", [Project, Commitment, Contact, FollowUp])
def test_can_edit_agrees_with_the_editable_queryset_without_a_query_per_row(
    users, model, django_assert_max_num_queries
):
    # A project's rule reads its enterprise's parent, a commitment's its partner's country:
    # pages load them with the row.
    related = {Project: ["enterprise"], Commitment: ["partner"]}.get(model)
    rows = list(model.objects.select_related(*related) if related else model.objects.all())
    for name, group in users.items():
        user = group[0]
        editable = set(model.objects.editable_by(user).values_list("pk", flat=True))
        with django_assert_max_num_queries(1):  # at most the embassy user's countries, once
            allowed = {row.pk for row in rows if row.can_edit(user) and _listed(row)}
        assert allowed == editable, (name, model)


def _listed(row) -> bool:
    """editable_by lists only visible projects: archived ones are changed through the admin."""
    return not getattr(row, "is_archived", False)
