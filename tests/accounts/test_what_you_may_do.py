"""Refusals say what the user may do instead: industry staff see one line on why
commitments are read-only for them, and the 403 page names what each role does."""

import pytest

from tests.page_checks import client_for

pytestmark = pytest.mark.django_db

READ_ONLY = {
    "en": "Commitments are read-only for industry staff",
    "uk": "Зобов'язання для працівників промисловості доступні лише для читання",
}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_industry_staff_see_why_commitments_are_read_only(industry_user, pl_commitment, language):
    client = client_for(industry_user)
    client.cookies["django_language"] = language
    for url in ("/commitments/", pl_commitment.get_absolute_url()):
        text = client.get(url).content.decode().replace("&#x27;", "'")
        assert text.count(READ_ONLY[language]) == 1, url


def test_people_who_may_record_commitments_see_no_read_only_line(coordinator, embassy_pl, pl_commitment):
    for user in (coordinator, embassy_pl):
        text = client_for(user).get(pl_commitment.get_absolute_url()).content.decode()
        assert "read-only" not in text


@pytest.mark.parametrize(
    ("language", "says", "link"),
    [
        ("en", "As industry staff you change your enterprise's projects", "/projects/"),
        ("uk", "Як працівник промисловості ви змінюєте проєкти свого підприємства", "/follow-ups/"),
    ],
)
def test_the_403_page_tells_industry_staff_what_they_may_do(
    industry_user, pl_commitment, language, says, link
):
    client = client_for(industry_user)
    client.cookies["django_language"] = language
    response = client.get(f"{pl_commitment.get_absolute_url()}edit/")
    assert response.status_code == 403
    text = response.content.decode().replace("&#x27;", "'")
    assert says in text
    assert f'href="{link}"' in text


@pytest.mark.parametrize(
    ("role", "says"),
    [
        ("viewer", "ask a ministry coordinator to make a change"),
        ("embassy_pl", "record the commitments and contacts of your own countries"),
    ],
)
def test_the_403_page_is_role_aware(request, role, says, project):
    user = request.getfixturevalue(role)
    response = client_for(user).get(f"/projects/{project.pk}/edit/")
    assert response.status_code == 403
    assert says in response.content.decode()
