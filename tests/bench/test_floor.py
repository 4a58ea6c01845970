"""The benchmark's references: the floor `/bench/floor` (no database) and the bare list
`/bench/bare-list`, routed by the bench's settings only."""

import pytest


@pytest.mark.django_db
def test_floor_is_not_served_by_the_tracker(client):
    assert client.get("/bench/floor").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("bench_settings")
def test_floor_answers_without_sign_in_or_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/floor")

    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_bare_list_is_not_served_by_the_tracker(client):
    assert client.get("/bench/bare-list").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("bench_settings")
def test_bare_list_shows_the_projects_the_user_may_see_25_a_page(client, django_assert_num_queries):
    from io import StringIO

    from django.core.management import call_command

    from bench import endpoints
    from tracker.accounts.models import Role
    from tracker.projects.models import Project

    call_command("generate_data", "--scale", "0.1", stdout=StringIO())
    user = endpoints.bench_users()[Role.INDUSTRY]
    client.force_login(user)
    visible = Project.objects.visible_to(user).order_by("reference", "pk")
    assert visible.count() > 25

    client.get("/bench/bare-list")
    with django_assert_num_queries(4):  # session, user, count, page
        response = client.get("/bench/bare-list?page=2")

    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<tr>") == 26  # the header and 25 rows
    assert visible[25].reference in text and visible[24].reference not in text
    hidden = Project.objects.exclude(pk__in=visible.values("pk")).first()
    assert hidden is None or hidden.reference not in text
