"""Applying a previewed import: every row through the services, or nothing at all."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.imports.conftest import COMMITMENT_HEADER, commitment_row, csv_bytes
from tracker.commitments.models import Commitment, Delivery, Stage
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Action, Change
from tracker.imports.models import PendingImport

pytestmark = pytest.mark.django_db


def uploaded(upload, user, rows, header=COMMITMENT_HEADER, kind="commitments") -> PendingImport:
    response = upload(user, csv_bytes(header, rows), kind=kind)
    assert response.status_code == 302
    return PendingImport.objects.get(uploader=user)


def apply(client, pending, **kwargs):
    return client.post(reverse("imports:apply", args=[pending.pk]), **kwargs)


def test_valid_file_creates_every_commitment_with_its_history(client, upload, coordinator, reference):
    project = factories.ProjectFactory(reference="UOP-7")
    pending = uploaded(upload, coordinator, [commitment_row(project="UOP-7"), commitment_row(item="Fuses")])
    response = apply(client, pending, follow=True)
    assert response.status_code == 200
    assert "Imported 2 rows." in response.content.decode()
    assert sorted(Commitment.objects.values_list("item", flat=True)) == ["155 mm shells", "Fuses"]
    first = Commitment.objects.get(item="155 mm shells")
    assert first.project == project
    assert first.created_by == coordinator
    change = Change.objects.get(commitment=first)
    assert change.action == Action.CREATED
    assert change.comment == "Imported from rows.csv"
    assert not PendingImport.objects.exists()


def test_nothing_is_imported_when_a_row_fails_on_apply(client, upload, coordinator, reference):
    project = factories.ProjectFactory(reference="UOP-7")
    pending = uploaded(upload, coordinator, [commitment_row(), commitment_row(project="UOP-7")])
    project.is_archived = True  # the project disappears between preview and apply
    project.save()
    response = apply(client, pending)
    assert response.status_code == 409
    assert "Nothing was imported" in response.content.decode()
    assert "Unknown project “UOP-7”" in response.content.decode()
    assert not Commitment.objects.exists()
    assert not Change.objects.exists()
    assert PendingImport.objects.filter(pk=pending.pk).exists()


def test_deliveries_are_recorded_through_the_service(client, upload, coordinator, country_pl):
    commitment = factories.CommitmentFactory(country=country_pl, quantity=10, stage=Stage.COMMITTED)
    today = timezone.localdate().isoformat()
    rows = [[commitment.pk, today, "4", "", "first"], [commitment.pk, today, "6", "", "rest"]]
    pending = uploaded(
        upload,
        coordinator,
        rows,
        header=["commitment", "delivered_on", "quantity", "amount", "note"],
        kind="deliveries",
    )
    assert apply(client, pending).status_code == 302
    commitment.refresh_from_db()
    assert commitment.delivered_quantity == 10
    assert commitment.stage == Stage.FULFILLED
    assert list(Delivery.objects.values_list("note", flat=True)) == ["first", "rest"]
    assert Change.objects.filter(commitment=commitment, action=Action.DELIVERY).count() == 2


def test_delivery_import_is_all_or_nothing_when_the_data_moved_on(client, upload, coordinator, country_pl):
    from tracker.commitments import services

    commitment = factories.CommitmentFactory(country=country_pl, quantity=10)
    today = timezone.localdate()
    header = ["commitment", "delivered_on", "quantity", "amount", "note"]
    pending = uploaded(
        upload,
        coordinator,
        [[commitment.pk, today, "3", "", ""], [commitment.pk, today, "5", "", ""]],
        header=header,
        kind="deliveries",
    )
    services.record_delivery(
        commitment, delivered_on=today, quantity=5, by=coordinator, expected_version=ANY_VERSION
    )  # someone else, meanwhile
    assert apply(client, pending).status_code == 409
    commitment.refresh_from_db()
    assert commitment.delivered_quantity == 5
    assert Delivery.objects.count() == 1


def test_earlier_deliveries_and_the_stage_in_the_file_are_kept(client, upload, coordinator, reference):
    header = [*COMMITMENT_HEADER, "delivered_quantity", "last_delivered_on", "sources"]
    row = [*commitment_row(stage="suspended"), "400", "2026-02-01", "https://example.org/x | Note 5"]
    pending = uploaded(upload, coordinator, [row], header=header)
    assert apply(client, pending).status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.stage, commitment.delivered_quantity) == (Stage.SUSPENDED, 400)
    assert str(commitment.deliveries.get().delivered_on) == "2026-02-01"
    assert sorted(s.url or s.document for s in commitment.sources.all()) == [
        "Note 5",
        "https://example.org/x",
    ]


def test_applying_twice_imports_once(client, upload, coordinator, reference):
    pending = uploaded(upload, coordinator, [commitment_row()])
    assert apply(client, pending).status_code == 302
    assert apply(client, pending).status_code == 404
    assert Commitment.objects.count() == 1


def test_only_the_uploader_may_apply(client, upload, coordinator, reference):
    pending = uploaded(upload, coordinator, [commitment_row()])
    client.force_login(factories.coordinator())
    assert apply(client, pending).status_code == 404
    assert not Commitment.objects.exists()


def test_embassy_user_who_lost_the_country_imports_nothing(client, upload, reference):
    user = factories.embassy(reference)
    pending = uploaded(upload, user, [commitment_row()])
    user.countries.clear()
    assert apply(client, pending).status_code == 409
    assert not Commitment.objects.exists()


def test_apply_needs_post(client, upload, coordinator, reference):
    pending = uploaded(upload, coordinator, [commitment_row()])
    assert client.get(reverse("imports:apply", args=[pending.pk])).status_code == 405
