"""Who may see and change what, as querysets: the rules every view starts from."""

import pytest

from tests import factories
from tracker.commitments.models import Commitment, Marking
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.history import services as history
from tracker.history.models import Action, Change
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(country_pl, country_de):
    concern = factories.OrganisationFactory(code="concern", kind="concern")
    plant = factories.OrganisationFactory(code="plant", parent=concern)
    other_plant = factories.OrganisationFactory(code="other-plant")
    own_project = factories.ProjectFactory(enterprise=plant)
    other_project = factories.ProjectFactory(enterprise=other_plant)
    pl_public = factories.CommitmentFactory(country=country_pl, marking=Marking.PUBLIC)
    pl_restricted = factories.CommitmentFactory(country=country_pl, marking=Marking.RESTRICTED)
    de_restricted = factories.CommitmentFactory(
        country=country_de, marking=Marking.RESTRICTED, project=own_project
    )
    pl_contact = factories.ContactFactory(country=country_pl)
    de_contact = factories.ContactFactory(country=country_de)
    de_contact.projects.add(own_project)
    return locals()


def ids(queryset) -> set[int]:
    return set(queryset.values_list("id", flat=True))


def test_coordinator_sees_and_edits_everything(world, coordinator):
    assert ids(Commitment.objects.visible_to(coordinator)) == ids(Commitment.objects.all())
    assert ids(Contact.objects.visible_to(coordinator)) == ids(Contact.objects.all())
    assert ids(Project.objects.editable_by(coordinator)) == ids(Project.objects.all())


def test_embassy_user_sees_only_own_country_contacts_and_restricted_commitments(world):
    user = factories.embassy(world["country_pl"])
    assert ids(Contact.objects.visible_to(user)) == {world["pl_contact"].id}
    visible = ids(Commitment.objects.visible_to(user))
    assert world["pl_restricted"].id in visible
    assert world["de_restricted"].id not in visible
    assert ids(Commitment.objects.editable_by(user)) == {world["pl_public"].id, world["pl_restricted"].id}
    assert ids(Contact.objects.editable_by(user)) == {world["pl_contact"].id}
    assert not Project.objects.editable_by(user).exists()


def test_industry_user_edits_own_organisation_projects_and_sees_their_restricted_commitments(world):
    user = factories.industry(world["plant"])
    assert ids(Project.objects.editable_by(user)) == {world["own_project"].id}
    assert ids(Project.objects.visible_to(user)) == {world["own_project"].id, world["other_project"].id}
    visible = ids(Commitment.objects.visible_to(user))
    assert world["de_restricted"].id in visible
    assert world["pl_restricted"].id not in visible
    assert ids(Contact.objects.visible_to(user)) == {world["de_contact"].id}
    assert not Commitment.objects.editable_by(user).exists()


def test_concern_staff_edit_projects_of_member_enterprises(world):
    user = factories.industry(world["concern"])
    assert world["own_project"].id in ids(Project.objects.editable_by(user))
    assert world["other_project"].id not in ids(Project.objects.editable_by(user))


def test_viewer_reads_but_never_sees_restricted_commitments(world, viewer):
    visible = ids(Commitment.objects.visible_to(viewer))
    assert visible == {world["pl_public"].id}
    assert not Project.objects.editable_by(viewer).exists()
    assert not Commitment.objects.editable_by(viewer).exists()


def test_followups_follow_their_subject_scope(world, viewer):
    pl_user = factories.embassy(world["country_pl"])
    pl_followup = factories.FollowUpFactory(
        project=None, contact=world["pl_contact"], country=world["country_pl"]
    )
    de_followup = factories.FollowUpFactory(
        project=None, contact=world["de_contact"], country=world["country_de"]
    )
    own = factories.FollowUpFactory(owner=pl_user)
    assert ids(FollowUp.objects.visible_to(pl_user)) == {pl_followup.id, own.id}
    assert de_followup.id not in ids(FollowUp.objects.visible_to(viewer))


def test_history_is_scoped_like_its_subjects(world):
    user = factories.embassy(world["country_pl"])
    history.record(world["de_contact"], Action.CREATED, actor=None)
    history.record(world["pl_contact"], Action.CREATED, actor=None)
    history.record(world["de_restricted"], Action.CREATED, actor=None)
    subjects = {(c.contact_id, c.commitment_id) for c in Change.objects.visible_to(user)}
    assert subjects == {(world["pl_contact"].id, None)}
