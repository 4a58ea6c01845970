"""Test data of a chosen size, and query counting, for the pages' fixed-cost checks."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tracker.commitments.models import Marking, Stage
from tracker.history.editing import ANY_VERSION
from tracker.projects import services as project_services
from tracker.projects.models import Status


def populate(size: int, *, priorities, enterprise, countries, owner, actor) -> list:
    """`size` projects per priority, each with commitments, contacts, follow-ups and history."""
    today = timezone.localdate()
    capability = factories.CapabilityFactory(code="artillery")
    projects = []
    for priority in priorities:
        for n in range(size):
            project = factories.ProjectFactory(
                priority=priority, enterprise=enterprise, capability=capability, owner=owner
            )
            project.candidate_countries.set(countries)
            project_services.change_status(
                project,
                status=Status.SEEKING_PARTNERS,
                health="on_track",
                by=actor,
                comment=f"move {n}",
                expected_version=ANY_VERSION,
            )
            country = countries[n % len(countries)]
            factories.CommitmentFactory(
                project=project,
                priority=priority,
                capability=capability,
                country=country,
                quantity=100,
                delivered_quantity=n,
            )
            factories.CommitmentFactory(
                project=project,
                priority=priority,
                capability=capability,
                country=country,
                quantity=None,
                unit="",
                amount=Decimal("1000000"),
                currency=["EUR", "USD"][n % 2],
                delivered_amount=Decimal(n * 1000),
                marking=Marking.RESTRICTED if n % 3 == 0 else Marking.OFFICIAL,
                stage=[Stage.PLEDGED, Stage.IN_DELIVERY, Stage.DISCUSSED][n % 3],
            )
            contact = factories.ContactFactory(country=country, held_on=today - datetime.timedelta(days=n))
            contact.projects.add(project)
            factories.FollowUpFactory(
                project=project, owner=owner, due_on=today + datetime.timedelta(days=n % 10 - 3)
            )
            factories.FollowUpFactory(
                project=None,
                contact=contact,
                country=country,
                owner=actor,
                due_on=today - datetime.timedelta(days=1),
            )
            projects.append(project)
    return projects


def count_queries(client, url: str, **headers) -> int:
    """How many queries one GET of `url` costs, after checking it answered 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    return len(queries)


def fixed_query_counts(client, requests: list[tuple[str, dict]], grow) -> list[int]:
    """Query counts of each (url, headers), which must stay the same after `grow()` adds data."""
    before = [count_queries(client, url, **headers) for url, headers in requests]
    grow()
    assert [count_queries(client, url, **headers) for url, headers in requests] == before
    return before
