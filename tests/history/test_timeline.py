"""Readable history rows: field labels, choice labels, dates; links that tolerate missing pages."""

from django.urls import NoReverseMatch
from django.utils import translation

from tests import factories
from tracker.history.lines import change_rows
from tracker.history.models import Change
from tracker.history.templatetags.history import subject_url


def test_rows_use_field_labels_and_choice_labels(db):
    project = factories.ProjectFactory()
    change = Change(
        project=project, fields={"status": ["identified", "agreed"], "health": ["on_track", "at_risk"]}
    )
    assert change_rows(change) == [
        ("Status", "Identified", "Agreed"),
        ("Health", "On track", "At risk"),
    ]


def test_rows_show_dates_lists_and_empty_values_readably(db):
    commitment = factories.CommitmentFactory()
    change = Change(
        commitment=commitment,
        fields={
            "expected_by": [None, "2027-03-01"],
            "unit": ["pieces", "rounds"],
            "item": ["", "Rheinmetall"],
        },
    )
    with translation.override("en"):
        rows = change_rows(change)
    assert rows[0] == ("Expected completion", "—", "1 Mar 2027")
    assert rows[1] == ("Unit", "pieces", "rounds")
    assert rows[2] == ("Item", "—", "Rheinmetall")


def test_unknown_fields_and_odd_values_do_not_break_the_timeline(db):
    project = factories.ProjectFactory()
    change = Change(
        project=project,
        fields={
            "gone_field": ["a", "b"],
            "target_date": ["not-a-date", "2027-01-01"],
            "candidate_countries": [[], ["Poland"]],
        },
    )
    rows = change_rows(change)
    assert rows[0] == ("gone_field", "a", "b")
    assert rows[1][1] == "not-a-date"
    assert rows[2] == ("Candidate partner countries", "—", "Poland")


def test_subject_url_links_to_the_subject_or_gives_nothing(db):
    project = factories.ProjectFactory()
    assert subject_url(Change(project=project)) == project.get_absolute_url()
    contact = factories.ContactFactory()
    try:
        expected = contact.get_absolute_url()
    except NoReverseMatch:  # the contact page belongs to another part of the app
        expected = ""
    assert subject_url(Change(contact=contact)) == expected
