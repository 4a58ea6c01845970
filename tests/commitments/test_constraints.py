"""The database refuses invalid rows even when forms and services are bypassed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.database import refused
from tracker.commitments.models import Commitment, Delivery, SourceReference

pytestmark = pytest.mark.django_db


def test_commitment_needs_a_quantity_or_an_amount():
    c = factories.CommitmentFactory.build(quantity=None, amount=None, country=factories.CountryFactory())
    c.priority.save()
    c.capability.save()
    assert refused(lambda: Commitment.objects.bulk_create([c]))


def test_quantity_needs_a_unit_and_amount_needs_an_iso_currency():
    commitment = factories.CommitmentFactory()
    assert refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(unit=""))
    assert refused(
        lambda: Commitment.objects.filter(pk=commitment.pk).update(amount=Decimal(5), currency="eu")
    )
    Commitment.objects.filter(pk=commitment.pk).update(amount=Decimal(5), currency="EUR")


def test_delivered_totals_cannot_exceed_the_promise():
    commitment = factories.CommitmentFactory(quantity=10)
    assert refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(delivered_quantity=11))
    Commitment.objects.filter(pk=commitment.pk).update(delivered_quantity=10)


def test_unknown_stage_or_marking_is_refused():
    commitment = factories.CommitmentFactory()
    assert refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(stage="lost"))
    assert refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(marking="secret"))


def test_expected_completion_cannot_precede_announcement():
    commitment = factories.CommitmentFactory()
    assert refused(
        lambda: Commitment.objects.filter(pk=commitment.pk).update(
            expected_by=commitment.announced_on.replace(year=commitment.announced_on.year - 1)
        )
    )


def test_delivery_needs_a_positive_quantity_or_amount():
    commitment = factories.CommitmentFactory()
    assert refused(lambda: Delivery.objects.create(commitment=commitment, delivered_on="2026-01-01"))


def test_source_needs_a_link_or_a_document():
    commitment = factories.CommitmentFactory()
    assert refused(lambda: SourceReference.objects.create(commitment=commitment))


def test_delivered_quantity_needs_a_promised_quantity():
    commitment = factories.CommitmentFactory(quantity=None, unit="", amount=Decimal(100), currency="EUR")
    assert refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(delivered_quantity=1))


def test_a_contribution_through_an_initiative_is_not_linked_to_a_project():
    # The initiative's purchase secures the project; linking the contribution too would count
    # the same money twice in the project's funding.
    coalition = factories.PartnerFactory()
    contribution = factories.CommitmentFactory(
        kind="financing", channel=coalition, quantity=None, unit="", amount=Decimal(5), currency="EUR"
    )
    project = factories.ProjectFactory()
    contribution.project = project
    with pytest.raises(ValidationError) as error:
        contribution.full_clean()
    assert "link that purchase to the project, not the contribution" in error.value.message_dict["project"][0]
    assert refused(lambda: Commitment.objects.filter(pk=contribution.pk).update(project=project))
    Commitment.objects.filter(pk=contribution.pk).update(channel=None, project=project)
