"""Demo data from seeds/demo.json, created through the same services as the app.

Idempotent: every object has a natural key and is created only when missing, so a
second run changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tracker.accounts.models import User
from tracker.commitments import services as commitment_services
from tracker.commitments.models import Commitment, Package
from tracker.contacts import services as contact_services
from tracker.contacts.models import Contact
from tracker.followups import services as followup_services
from tracker.followups.models import FollowUp, State
from tracker.history.editing import ANY_VERSION
from tracker.projects import services as project_services
from tracker.projects.models import Project
from tracker.reference.models import CapabilityCategory, Organisation, Partner, PartnerCountry, Priority
from tracker.reference.seeding import read_seed, upsert_organisation, upsert_partner


@transaction.atomic
def load_demo(today: datetime.date | None = None) -> list[tuple[str, str, str]]:
    """Create the demo people and records; return (username, role, password) of the logins."""
    today = today or timezone.localdate()
    data = read_seed("demo.json")
    for row in data["countries"]:
        PartnerCountry.objects.filter(code=row["code"]).update(
            is_active_partner=True, embassy_city=row["embassy_city"], head_of_mission=row["head_of_mission"]
        )
    for row in data["organisations"]:
        upsert_organisation(row)
    for row in data["partners"]:
        upsert_partner(row)
    users = {row["username"]: _user(row, data["password"]) for row in data["users"]}
    coordinator = next(u for u in users.values() if u.is_coordinator)
    packages = {row["key"]: _package(row, coordinator, today) for row in data["packages"]}
    projects = {row["reference"]: _project(row, users, today) for row in data["projects"]}
    commitments = {
        row["key"]: _commitment(row, projects, packages, coordinator, today) for row in data["commitments"]
    }
    for row in data["contacts"]:
        _contact(row, users, projects, commitments, today)
    for row in data["followups"]:
        if not FollowUp.objects.filter(title=row["title"]).exists():
            followup_services.create_followup(
                FollowUp(
                    title=row["title"],
                    owner=users[row["owner"]],
                    due_on=_day(today, row["due_days"]),
                    project=projects.get(row.get("project")),
                    commitment=commitments.get(row.get("commitment")),
                ),
                by=coordinator,
            )
    return [
        (row["username"], users[row["username"]].get_role_display(), data["password"])
        for row in data["users"]
    ]


def _day(today: datetime.date, days: int | None) -> datetime.date | None:
    return today + datetime.timedelta(days=days) if days is not None else None


def _user(row: dict, password: str) -> User:
    row = dict(row)
    codes = row.pop("countries", [])
    org = row.pop("organisation", None)
    user, created = User.objects.get_or_create(
        username=row.pop("username"),
        defaults={**row, "organisation": Organisation.objects.get(code=org) if org else None},
    )
    if created:
        user.set_password(password)
        user.save()
        user.countries.set(PartnerCountry.objects.filter(code__in=codes))
    return user


def _project(row: dict, users: dict, today: datetime.date) -> Project:
    existing = Project.objects.filter(reference=row["reference"]).first()
    if existing:
        return existing
    project = Project(
        reference=row["reference"],
        title=row["title"],
        description=row["description"],
        enterprise=Organisation.objects.get(code=row["enterprise"]),
        priority=Priority.objects.get(code=row["priority"]),
        capability=CapabilityCategory.objects.get(code=row["capability"]),
        assistance=row["assistance"],
        estimated_value=Decimal(row["estimated_value"]),
        currency=row["currency"],
        owner=users[row["owner"]],
        target_date=_day(today, row["target_days"]),
        status=row["status"],
        health=row["health"],
        health_reason=row.get("health_reason", ""),
        **_joint_production(row),
    )
    return project_services.create_project(
        project,
        by=users[row["owner"]],
        candidate_countries=PartnerCountry.objects.filter(code__in=row["candidates"]),
        partner_companies=Organisation.objects.filter(code__in=row.get("partner_companies", [])),
        milestones={
            kind: (_day(today, days.get("planned_days")), _day(today, days.get("actual_days")))
            for kind, days in row.get("milestones", {}).items()
        },
    )


def _joint_production(row: dict) -> dict:
    """The priority-3 fields and the needed quantity of a project row; empty for others."""
    capacity = row.get("capacity", {})
    needed = row.get("needed", {})
    return {
        "arrangement": row.get("arrangement", ""),
        "location_country": row.get("location_country", ""),
        "location_city": row.get("location_city", ""),
        "capacity_quantity": capacity.get("quantity"),
        "capacity_unit": capacity.get("unit", ""),
        "capacity_period": capacity.get("period", ""),
        "localisation_share": row.get("localisation_share"),
        "needed_quantity": needed.get("quantity"),
        "needed_unit": needed.get("unit", ""),
    }


def _package(row: dict, by: User, today: datetime.date) -> Package:
    partner = Partner.objects.get(code=row["partner"])
    package = Package.objects.filter(partner=partner, title=row["title"]).first()
    if package is None:
        package = Package(
            partner=partner,
            title=row["title"],
            announced_on=_day(today, row.get("announced_days")),
            source_url=row.get("source_url", ""),
            marking=row.get("marking", "public"),
        )
        commitment_services.record_package(package, by=by)
    return package


def _commitment(row: dict, projects: dict, packages: dict, by: User, today: datetime.date) -> Commitment:
    partner = Partner.objects.get(code=row["partner"])
    existing = Commitment.objects.filter(partner=partner, item=row["item"]).first()
    if existing:
        return existing
    final_stage = row["stage"]
    recorded = row.get("deliveries") or row.get("payments")
    commitment = Commitment(
        partner=partner,
        priority=Priority.objects.get(code=row["priority"]),
        project=projects.get(row.get("project")),
        package=packages.get(row.get("package")),
        kind=row["kind"],
        capability=CapabilityCategory.objects.get(code=row["capability"]),
        item=row["item"],
        quantity=row.get("quantity"),
        unit=row.get("unit", ""),
        amount=Decimal(row["amount"]) if "amount" in row else None,
        currency=row.get("currency", ""),
        reported_amount=Decimal(row["reported_amount"]) if "reported_amount" in row else None,
        reported_currency=row.get("reported_currency", ""),
        instrument=row.get("instrument", ""),
        channel=Partner.objects.filter(code=row["channel"]).first() if "channel" in row else None,
        funding=row.get("funding", "own"),
        seller_company=Organisation.objects.filter(code=row["seller_company"]).first()
        if "seller_company" in row
        else None,
        seller_country=row.get("seller_country", ""),
        seller_undisclosed=row.get("seller_undisclosed", False),
        # Arrivals and payments need a stage that receives them; the final stage follows.
        stage="committed" if recorded else final_stage,
        announced_on=_day(today, row["announced_days"]),
        expected_by=_day(today, row.get("expected_days")),
        marking=row["marking"],
    )
    commitment.full_clean()  # the demo shows every rule kept
    commitment_services.create_commitment(commitment, by=by, sources=row["sources"])
    for delivery in row.get("deliveries", []):
        commitment_services.record_delivery(
            commitment,
            delivered_on=_day(today, delivery["days"]),
            quantity=delivery["quantity"],
            note=delivery.get("note", ""),
            by=by,
            expected_version=ANY_VERSION,
        )
    for payment in row.get("payments", []):
        commitment_services.record_payment(
            commitment,
            paid_on=_day(today, payment["days"]),
            amount=Decimal(payment["amount"]) if "amount" in payment else None,
            amount_undisclosed=payment.get("undisclosed", False),
            note=payment.get("note", ""),
            by=by,
            expected_version=ANY_VERSION,
        )
    commitment.refresh_from_db()
    if commitment.stage != final_stage:
        commitment_services.change_stage(
            commitment, stage=final_stage, by=by, comment="demo", expected_version=ANY_VERSION
        )
    if "increase_to" in row:
        commitment_services.amend_commitment(
            commitment,
            reason="increase",
            new_quantity=row["increase_to"],
            by=by,
            note="Partner added vehicles after the summit.",
            expected_version=ANY_VERSION,
        )
    if "withdraw" in row:
        commitment_services.amend_commitment(
            commitment, reason="withdrawal", note=row["withdraw"], by=by, expected_version=ANY_VERSION
        )
    commitment.refresh_from_db()
    return commitment


def _contact(row: dict, users: dict, projects: dict, commitments: dict, today: datetime.date) -> None:
    country = PartnerCountry.objects.get(code=row["country"])
    if Contact.objects.filter(country=country, summary=row["summary"]).exists():
        return
    author = users[row["author"]]
    contact = Contact(
        country=country,
        held_on=_day(today, row["days"]),
        channel=row["channel"],
        counterpart_organisation=row["counterpart_organisation"],
        counterpart_person=row.get("counterpart_person", ""),
        counterpart_position=row.get("counterpart_position", ""),
        participants=row.get("participants", ""),
        summary=row["summary"],
        outcome=row.get("outcome", ""),
    )
    followups = [
        FollowUp(title=f["title"], owner=users[f["owner"]], due_on=_day(today, f["due_days"]))
        for f in row.get("followups", [])
    ]
    contact_services.log_contact(
        contact,
        by=author,
        projects=[projects[r] for r in row.get("projects", [])],
        commitments=[commitments[k] for k in row.get("commitments", [])],
        followups=followups,
    )
    for followup, spec in zip(followups, row.get("followups", []), strict=True):
        if spec.get("state", State.OPEN) != State.OPEN:
            followup_services.set_state(
                followup, state=spec["state"], by=users[spec["owner"]], expected_version=ANY_VERSION
            )
