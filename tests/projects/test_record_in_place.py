"""The project page's commitments panel: arrivals and payments recorded from it answer with the
panel again, its figures (from tracker/figures) and rows recomputed; plain forms still work."""

import pytest
from django.urls import reverse

from tests import factories
from tests.queries import count_queries
from tracker.commitments.models import Stage

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def linked(project, pl_commitment):
    pl_commitment.project = project
    pl_commitment.save()
    return pl_commitment


def arrival(quantity: int = 4, **extra) -> dict:
    return {
        "answer": "project",
        "delivery-delivered_on": "2026-03-01",
        "delivery-quantity": quantity,
        **extra,
    }


def test_project_page_offers_new_commitment_for_the_project(client, coordinator, viewer, project):
    client.force_login(coordinator)
    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert f'href="/commitments/new/?project={project.pk}"' in html
    client.force_login(viewer)
    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "/commitments/new/" not in html


def test_new_commitment_from_the_project_page_starts_with_the_project(client, coordinator, project):
    client.force_login(coordinator)
    form = client.get(f"/commitments/new/?project={project.pk}").context["form"]
    assert form.initial["project"] == project
    assert form.initial["priority"] == project.priority_id


def test_project_page_shows_record_forms_only_to_those_who_may_change(
    client, coordinator, viewer, linked, project
):
    url = reverse("projects:detail", args=[project.pk])
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert f'action="{reverse("commitments:delivery", args=[linked.pk])}"' in html
    assert f'id="id_c{linked.pk}_delivery-quantity"' in html
    client.force_login(viewer)
    assert "commitments:delivery" not in client.get(url).content.decode()
    assert (
        f'action="{reverse("commitments:delivery", args=[linked.pk])}"'
        not in client.get(url).content.decode()
    )


def test_an_arrival_from_the_project_page_answers_with_the_panel_recomputed(
    client, coordinator, linked, project
):
    client.force_login(coordinator)
    before = linked.delivered_quantity
    response = client.post(reverse("commitments:delivery", args=[linked.pk]), arrival(), headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "Promised, arrived and paid" in html
    linked.refresh_from_db()
    assert linked.delivered_quantity == before + 4
    assert f"{linked.delivered_quantity} arrived" in html  # the totals, from the figures module
    totals = response.context["commitments"]
    assert [c.pk for c in totals] == [linked.pk]
    assert "data-focus-after-swap" in html


def test_a_refused_arrival_comes_back_with_the_reason_on_the_panel(client, coordinator, linked):
    client.force_login(coordinator)
    response = client.post(reverse("commitments:delivery", args=[linked.pk]), arrival(quantity=0), headers=HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert '<details class="action" open>' in html
    assert 'aria-invalid="true"' in html


def test_without_javascript_an_arrival_goes_back_to_the_project_page(client, coordinator, linked, project):
    client.force_login(coordinator)
    response = client.post(reverse("commitments:delivery", args=[linked.pk]), arrival())
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])


def test_readers_may_not_record_from_the_project_page(client, viewer, linked):
    client.force_login(viewer)
    response = client.post(reverse("commitments:delivery", args=[linked.pk]), arrival(), headers=HX)
    assert response.status_code in (403, 404)


def test_the_panel_answer_costs_the_same_whatever_the_number_of_commitments(
    client, coordinator, linked, project
):
    client.force_login(coordinator)
    url = reverse("commitments:delivery", args=[linked.pk])

    def post() -> int:
        response = []
        count = count_queries(lambda: response.append(client.post(url, arrival(quantity=1), headers=HX)))
        assert response[0].status_code == 200
        return count

    post()
    small = post()
    for _ in range(10):
        factories.CommitmentFactory(project=project, partner=linked.partner, stage=Stage.COMMITTED)
    assert post() == small
