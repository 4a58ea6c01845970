"""`manage.py seed` loads the seeds folder idempotently; `--demo` only with DEBUG on."""

import json

import pytest
from django.core.management import CommandError, call_command

from tracker.accounts.models import User
from tracker.commitments.models import Commitment, Stage
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.history.models import Change
from tracker.projects.models import Project
from tracker.reference import seeding
from tracker.reference.models import CapabilityCategory, Organisation, PartnerCountry, Priority

pytestmark = pytest.mark.django_db


def counts() -> dict:
    models = [
        Priority,
        CapabilityCategory,
        Organisation,
        PartnerCountry,
        User,
        Project,
        Commitment,
        Contact,
        FollowUp,
        Change,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_reference_seed_loads_priorities_concern_and_every_country():
    call_command("seed")
    assert list(Priority.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert Priority.objects.get(number=1).name_uk
    assert Organisation.objects.get(code="mfa").kind == "ministry"
    assert Organisation.objects.get(code="ukroboronprom").kind == "concern"
    assert PartnerCountry.objects.count() >= 240
    assert PartnerCountry.objects.get(code="UA").name == "Ukraine"
    assert not PartnerCountry.objects.filter(is_active_partner=True).exists()


def test_second_run_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed", demo=True)
    before = counts()
    assert seeding.load_reference() == {
        "priorities": 0,
        "capabilities": 0,
        "organisations": 0,
        "countries": 0,
        "partners": 0,
    }
    call_command("seed", demo=True)
    assert counts() == before


def test_edited_seed_text_updates_the_rows(tmp_path, monkeypatch):
    call_command("seed")
    data = json.loads((seeding.SEEDS_DIR / "reference.json").read_text())
    data["priorities"][0]["name"] = "Supply, reworded"
    (tmp_path / "reference.json").write_text(json.dumps(data))
    monkeypatch.setattr(seeding, "SEEDS_DIR", tmp_path)
    assert seeding.load_reference()["priorities"] == 1
    assert Priority.objects.get(number=1).name == "Supply, reworded"


def test_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed", demo=True)
    assert not User.objects.exists()


def test_demo_data_is_realistic(settings, capsys):
    settings.DEBUG = True
    call_command("seed", demo=True)
    out = capsys.readouterr().out
    assert "embassy-pl" in out and "tracker-demo-2026" in out
    assert set(User.objects.values_list("role", flat=True)) == {
        "coordinator",
        "industry",
        "embassy",
        "viewer",
    }
    embassy_countries = {
        str(code)
        for code in PartnerCountry.objects.filter(users__role="embassy").values_list("code", flat=True)
    }
    assert len(embassy_countries) >= 2
    assert Commitment.objects.filter(stage=Stage.WITHDRAWN).count() == 1
    partly = [c for c in Commitment.objects.all() if 0 < c.progress < 100]
    assert len(partly) >= 3
    assert FollowUp.objects.filter(state="open", due_on__lt=seeding_today()).exists()
    assert Contact.objects.filter(summary__regex=r"[А-Яа-яІіЇїЄє]").exists()


def seeding_today():
    from django.utils import timezone

    return timezone.localdate()
