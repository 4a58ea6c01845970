"""Realistic synthetic data at a chosen scale, written with COPY, reproducible from a seed.

Scale 1: every country of the library (190 of them active partners), 30 enterprises,
100 users, 500 projects, 5,000 commitments, 20,000 contacts, 10,000 follow-ups, about a
year of history. Scale N multiplies everything but the countries by N. Rows are built
the way the services would leave them (history rows, versions, delivered totals equal to
the deliveries), without calling the services row by row.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from bench.benchdata import vocabulary as words
from bench.benchdata.bulk import (
    DOMAIN_MODELS,
    PREFIX,
    copy_dicts,
    real_data_counts,
    remove_generated,
    reserve_ids,
)
from bench.benchdata.records import write_commitments, write_contacts, write_followups
from bench.benchdata.timeline import Timeline, pick
from tracker.accounts.models import Role, User
from tracker.core.transitions import route
from tracker.history.models import Action, Change
from tracker.projects.models import STATUS_MOVES, AssistanceKind, Health, Project, Status
from tracker.reference.models import CapabilityCategory, Organisation, Partner, PartnerCountry, Priority
from tracker.reference.seeding import load_reference

BASE_COUNTS = {
    "enterprises": 30,
    "users": 100,
    "projects": 500,
    "commitments": 5_000,
    "contacts": 20_000,
    "followups": 10_000,
}
ACTIVE_PARTNERS = 190
# Countries never marked as partners, whatever the seed.
NEVER_PARTNERS = {"UA", "RU", "BY", "KP", "IR"}
ROLE_SHARES = {Role.COORDINATOR: 0.15, Role.INDUSTRY: 0.25, Role.EMBASSY: 0.45, Role.VIEWER: 0.15}
# Generated users cannot sign in with a password (a leading "!" marks it unusable);
# the benchmark makes their sessions directly.
UNUSABLE_PASSWORD = "!generated"  # noqa: S105 (not a password: the unusable marker)
PROJECT_PRIORITIES = {"supply": 40, "financing": 15, "joint-production": 45}
PROJECT_STATUSES = {
    Status.IDENTIFIED: 15,
    Status.SEEKING_PARTNERS: 25,
    Status.IN_NEGOTIATION: 20,
    Status.AGREED: 10,
    Status.IN_IMPLEMENTATION: 14,
    Status.COMPLETED: 6,
    Status.ON_HOLD: 6,
    Status.CANCELLED: 4,
}
PROJECT_HEALTH = {Health.ON_TRACK: 65, Health.AT_RISK: 25, Health.OFF_TRACK: 10}
UKRAINIAN_SHARE = 0.25


class RealDataPresent(Exception):
    """The database holds records people entered; generating beside them needs --force."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        found = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        super().__init__(f"The database holds real (not generated) data: {found}.")


def planned_counts(scale: float) -> dict[str, int]:
    """How many rows of each kind a scale asks for (fractions are for tests)."""
    counts = {kind: max(1, round(n * scale)) for kind, n in BASE_COUNTS.items()}
    # Every role needs someone, and industry users need more than one enterprise to differ.
    counts["users"] = max(counts["users"], 2 * len(ROLE_SHARES))
    counts["enterprises"] = max(counts["enterprises"], 2)
    return counts


def current_scale() -> float:
    """The scale of the generated data in the database, 0 when there is none."""
    return Project.objects.filter(reference__startswith=PREFIX).count() / BASE_COUNTS["projects"]


def generate(
    scale: float, *, seed: int = 1, today: datetime.date | None = None, force: bool = False
) -> dict[str, int]:
    """Replace earlier generated data with data at `scale`; return the rows written per kind."""
    real = real_data_counts()
    if any(real.values()) and not force:
        raise RealDataPresent(real)
    with transaction.atomic():
        load_reference()
        remove_generated(has_real_data=any(real.values()))
        written = Generator(scale, seed, today or timezone.localdate()).run()
    # Fresh statistics, so the first queries after a load get the plans they will have later;
    # on PostgreSQL outside a transaction also the visibility map a database in use has from
    # autovacuum (without it no index-only scan: a count of 15,000 contacts reads them all).
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for model in DOMAIN_MODELS:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"VACUUM (ANALYZE) {table}" if vacuum else f"ANALYZE {table}")
    return written


class Generator:
    """Builds one world of generated data; each step keeps what the later steps refer to."""

    def __init__(self, scale: float, seed: int, today: datetime.date):
        self.rng = random.Random(seed)  # noqa: S311 (reproducible data, not secrets)
        self.counts = planned_counts(scale)
        self.time = Timeline(self.rng, today, ZoneInfo(settings.TIME_ZONE))
        self.today = today
        self.changes: list[dict] = []
        self.written: dict[str, int] = {}

    def run(self) -> dict[str, int]:
        """Write every kind of row, history included, and return how many of each."""
        self.priorities = {p.code: p.pk for p in Priority.objects.all()}
        self.capabilities = {c.code: c.pk for c in CapabilityCategory.objects.all()}
        self.write_countries()
        self.write_enterprises()
        self.write_users()
        self.write_projects()
        write_commitments(self)
        write_contacts(self)
        write_followups(self)
        self.written["changes"] = self.written.pop("changes")  # reported last
        return self.written

    # Shared helpers for every step.

    def record(self, subject: str, pk: int, action: str, at, actor: int | None, fields=None) -> None:
        """Queue one history row, as the services write it."""
        self.changes.append(
            {f"{subject}_id": pk, "action": action, "at": at, "actor_id": actor, "fields": fields or {}}
        )
        if len(self.changes) >= 50_000:  # bounded memory at large scales
            self.flush_changes()

    def flush_changes(self) -> None:
        written = copy_dicts(Change, self.changes, with_ids=False)
        self.written["changes"] = self.written.get("changes", 0) + written
        self.changes = []

    def ukrainian(self) -> bool:
        return self.rng.random() < UKRAINIAN_SHARE

    def person(self) -> str:
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def coordinator(self) -> int:
        return self.rng.choice(self.coordinators)

    def embassy_user(self, country_id: int) -> int:
        """Someone from the embassy in that country, or a coordinator when nobody works on it."""
        staff = self.embassy_by_country.get(country_id)
        return self.rng.choice(staff) if staff else self.coordinator()

    def partner_draws(self, count: int, steepness: float) -> list[int]:
        """Country ids drawn so the big partners get most rows (a Zipf-like share by rank)."""
        weights = [1 / (rank + 1) ** steepness for rank in range(len(self.partners))]
        return self.rng.choices(self.partners, weights=weights, k=count)

    # Steps.

    def write_countries(self) -> None:
        by_code = {str(c.code): c for c in PartnerCountry.objects.all()}
        majors = [code for code in words.MAJOR_PARTNERS if code in by_code]
        others = sorted(set(by_code) - set(majors) - NEVER_PARTNERS)
        self.rng.shuffle(others)
        chosen = [by_code[code] for code in majors + others[: ACTIVE_PARTNERS - len(majors)]]
        PartnerCountry.objects.filter(pk__in=[c.pk for c in chosen]).update(is_active_partner=True)
        self.partners = [c.pk for c in chosen]  # by rank: the big partners first
        self.country_code = {c.pk: str(c.code) for c in chosen}
        self.country_name = {c.pk: c.name for c in chosen}
        self.suppliers = [by_code[code].pk for code in words.SUPPLIER_COUNTRIES if code in by_code]
        # Every country that may be a partner has its Partner row (seeding made them).
        self.partner_of = dict(Partner.objects.filter(country__in=chosen).values_list("country_id", "pk"))
        self.country_of = {partner: country for country, partner in self.partner_of.items()}
        self.seller_code = {by_code[code].pk: code for code in words.SUPPLIER_COUNTRIES if code in by_code}
        self.written["active_partners"] = len(chosen)

    def write_enterprises(self) -> None:
        self.concern = Organisation.objects.get(code="ukroboronprom")
        names = [(city, facility) for city in words.CITIES for facility in words.FACILITIES]
        self.rng.shuffle(names)
        orgs = []
        for i in range(self.counts["enterprises"]):
            (city, city_uk), (facility, facility_uk) = names[i % len(names)]
            suffix = f" No. {i // len(names) + 1}" if i >= len(names) else ""
            orgs.append(
                Organisation(
                    code=f"{PREFIX}enterprise-{i + 1:04d}",
                    kind=Organisation.Kind.ENTERPRISE,
                    parent=self.concern,
                    name=f"{city} {facility}{suffix}",
                    name_uk=f"{city_uk} {facility_uk}{suffix}",
                    country="UA",
                )
            )
        self.enterprises = [org.pk for org in Organisation.objects.bulk_create(orgs)]
        self.written["enterprises"] = len(orgs)

    def write_users(self) -> None:
        total = self.counts["users"]
        sizes = {role: max(1, round(total * share)) for role, share in ROLE_SHARES.items()}
        sizes[Role.VIEWER] = max(1, total - sum(n for role, n in sizes.items() if role != Role.VIEWER))
        users = []
        for role, size in sizes.items():
            for i in range(size):
                organisation = None
                if role == Role.INDUSTRY:
                    # One in ten works for the concern itself and so covers every enterprise.
                    organisation = (
                        self.concern.pk if i % 10 == 9 else self.enterprises[i % len(self.enterprises)]
                    )
                first, last = self.rng.choice(words.FIRST_NAMES), self.rng.choice(words.LAST_NAMES)
                username = f"{PREFIX}{role}-{i + 1:04d}"
                users.append(
                    User(
                        username=username,
                        first_name=first,
                        last_name=last,
                        email=f"{username}@example.org",
                        password=UNUSABLE_PASSWORD,
                        role=role,
                        organisation_id=organisation,
                        language="uk" if self.rng.random() < 0.3 else "en",
                        digest_opt_in=self.rng.random() < 0.85,
                        is_staff=role == Role.COORDINATOR,
                        is_superuser=role == Role.COORDINATOR and i == 0,
                        date_joined=self.time.days_ago(730, 380),
                    )
                )
        User.objects.bulk_create(users)
        self.coordinators = [u.pk for u in users if u.role == Role.COORDINATOR]
        self.user_names = {u.pk: u.get_full_name() for u in users}
        self.industry_by_org = defaultdict(list)
        for user in users:
            if user.role == Role.INDUSTRY:
                self.industry_by_org[user.organisation_id].append(user.pk)
        # Embassy users: one country each in rank order (so the big partners are covered
        # first), and up to two more.
        self.embassy_by_country = defaultdict(list)
        links = []
        embassy = [u for u in users if u.role == Role.EMBASSY]
        for i, user in enumerate(embassy):
            countries = {self.partners[i % len(self.partners)]}
            countries.update(self.partner_draws(self.rng.randint(0, 2), 1.0))
            for country in sorted(countries):
                self.embassy_by_country[country].append(user.pk)
                links.append(User.countries.through(user_id=user.pk, partnercountry_id=country))
        User.countries.through.objects.bulk_create(links)
        self.written["users"] = len(users)

    def write_projects(self) -> None:
        count = self.counts["projects"]
        first_id = reserve_ids(Project, count)
        projects, candidates = [], []
        self.projects_by_priority = defaultdict(list)
        self.projects_by_country = defaultdict(list)
        # id -> (owner id, created, capability code, item, item in Ukrainian)
        self.project_facts: dict[int, tuple] = {}
        for pk in range(first_id, first_id + count):
            priority = pick(self.rng, PROJECT_PRIORITIES)
            capability = self.rng.choice(words.CAPABILITIES_BY_PRIORITY[priority])
            assistance = self.rng.choice(words.ASSISTANCE_BY_PRIORITY[priority])
            item, item_uk, *_ = self.rng.choice(words.ITEMS[capability])
            enterprise = self.rng.choice(self.enterprises)
            staff = self.industry_by_org.get(enterprise)
            owner = self.rng.choice(staff) if staff and self.rng.random() < 0.8 else self.coordinator()
            created = self.time.days_ago(400, 20)
            status = pick(self.rng, PROJECT_STATUSES)
            health = pick(self.rng, PROJECT_HEALTH)
            reason = "" if health == Health.ON_TRACK else self.rng.choice(words.HEALTH_REASONS)
            english, ukrainian = words.PROJECT_TITLES[assistance]
            title = ukrainian.format(thing=item_uk) if self.ukrainian() else english.format(thing=item)
            has_value = self.rng.random() < 0.85
            project = {
                "id": pk,
                "reference": f"{PREFIX}{pk:06d}",
                "title": title[:200],
                "description": f"{AssistanceKind(assistance).label}: {item}.",
                "enterprise_id": enterprise,
                "priority_id": self.priorities[priority],
                "capability_id": self.capabilities[capability],
                "assistance": assistance,
                "estimated_value": Decimal(round(self.rng.lognormvariate(16.5, 1.2), -3))
                if has_value
                else None,
                "currency": pick(self.rng, {"EUR": 6, "USD": 3, "GBP": 1}) if has_value else "",
                "owner_id": owner,
                "target_date": self.time.day(-60, 600) if self.rng.random() < 0.85 else None,
                "status": status,
                "health": health,
                "health_reason": reason,
                "is_archived": self.rng.random() < 0.02,
                "created_at": created,
            }
            self._project_history(project, owner)
            projects.append(project)
            self.projects_by_priority[priority].append(pk)
            self.project_facts[pk] = (owner, created, capability, item, item_uk)
            for country in set(self.partner_draws(self.rng.randint(1, 4), 0.8)):
                candidates.append({"project_id": pk, "partnercountry_id": country})
                self.projects_by_country[country].append(pk)
        self.written["projects"] = copy_dicts(Project, projects)
        copy_dicts(Project.candidate_countries.through, candidates, with_ids=False)
        self.flush_changes()

    def _project_history(self, project: dict, owner: int) -> None:
        """Creation, the status moves that led to the current status, health, an edit or two."""
        steps = []
        if project["status"] in (Status.ON_HOLD, Status.CANCELLED):
            via = self.rng.choice([Status.IDENTIFIED, Status.SEEKING_PARTNERS, Status.IN_NEGOTIATION])
            path = [*_status_route(Status.IDENTIFIED, via), project["status"]]
        else:
            path = _status_route(Status.IDENTIFIED, project["status"])
        previous = Status.IDENTIFIED
        for status in path:
            steps.append((Action.STATUS, {"status": [previous, status]}))
            previous = status
        if project["health"] != Health.ON_TRACK:
            health = {
                "health": [Health.ON_TRACK, project["health"]],
                "health_reason": ["", project["health_reason"]],
            }
            steps.append((Action.STATUS, health))
        target = project["target_date"]
        if target and self.rng.random() < 0.3:
            earlier = target - datetime.timedelta(days=self.rng.randint(30, 120))
            steps.append((Action.CHANGED, {"target_date": [str(earlier), str(target)]}))
        created = project["created_at"]
        self.record("project", project["id"], Action.CREATED, created, owner)
        moments = self.time.moments_after(created, len(steps))
        for (action, fields), at in zip(steps, moments, strict=True):
            actor = owner if self.rng.random() < 0.6 else self.coordinator()
            self.record("project", project["id"], action, at, actor, fields)
        project["version"] = 1 + len(steps)
        project["updated_at"] = moments[-1] if moments else created


def _status_route(start: str, goal: str) -> list[str]:
    """The statuses after `start` on a shortest allowed route to `goal` (the product's own
    route through its table, as imports plan with)."""
    path = route(STATUS_MOVES, start, goal)
    if path is None:
        raise ValueError(f"No allowed route from {start} to {goal}")
    return path
