"""The columns of each export, written once per kind, and how each kind's rows are read.

Commitment columns are also the import format: codes rather than translated labels, so a
file exported in either language imports again unchanged (`tracker/imports/`).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tracker.commitments.models import Commitment, Delivery, Payment, SourceReference
from tracker.contacts.models import Contact
from tracker.projects.models import Milestone, MilestoneKind, Project

# Rows are read in chunks: memory stays flat, and each chunk costs one query per related table.
CHUNK_SIZE = 2000
# Several values in one cell (countries, sources, linked projects) are joined with this.
LIST_SEPARATOR = " | "


# How a workbook shows numbers: money with two decimals, counts whole; both grouped.
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"


@dataclass(frozen=True)
class Column:
    """One column: a stable key (import reads it), a header in the reader's language, a value,
    and how a workbook shows it when it is a number (IDs and years stay ungrouped)."""

    key: str
    label: Any
    value: Callable[[Any], Any]
    number_format: str | None = None


def _joined(values: Iterable) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def _name(obj) -> str:
    return str(obj) if obj is not None else ""


def _milestone_columns() -> list[Column]:
    """A planned and an actual date column per kind of milestone, in their order."""
    headers = {"planned_on": _("{milestone} (planned)"), "actual_on": _("{milestone} (actual)")}
    return [
        Column(
            f"milestone_{kind}_{field.removesuffix('_on')}",
            format_lazy(header, milestone=label),
            lambda p, kind=kind, field=field: getattr(p.milestone_dates.get(kind), field, None),
        )
        for kind, label in MilestoneKind.choices
        for field, header in headers.items()
    ]


PROJECT_COLUMNS = [
    Column("reference", _("Reference"), lambda p: p.reference),
    Column("title", _("Title"), lambda p: p.title),
    Column("enterprise", _("Enterprise"), lambda p: p.enterprise.display_name),
    Column("priority", _("Priority"), lambda p: p.priority.display_name),
    Column("capability", _("Capability"), lambda p: p.capability.display_name),
    Column("assistance", _("Assistance needed"), lambda p: p.get_assistance_display()),
    Column("status", _("Status"), lambda p: p.get_status_display()),
    Column("health", _("Health"), lambda p: p.get_health_display()),
    Column("health_reason", _("Health reason"), lambda p: p.health_reason),
    Column("estimated_value", _("Estimated value"), lambda p: p.estimated_value, MONEY_FORMAT),
    Column("currency", _("Currency"), lambda p: p.currency),
    Column("owner", _("Owner"), lambda p: _name(p.owner)),
    Column("target_date", _("Target date"), lambda p: p.target_date),
    Column(
        "candidate_countries",
        _("Candidate partner countries"),
        lambda p: _joined(p.country_codes),
    ),
    Column("needed_quantity", _("Needed quantity"), lambda p: p.needed_quantity),
    Column("needed_unit", _("Needed unit"), lambda p: p.get_needed_unit_display()),
    Column("arrangement", _("Arrangement"), lambda p: p.get_arrangement_display()),
    Column("partner_companies", _("Partner companies"), lambda p: _joined(p.company_names)),
    Column("location_country", _("Location country"), lambda p: p.location_country.name),
    Column("location_city", _("Location city"), lambda p: p.location_city),
    Column("location", _("In Ukraine or abroad"), lambda p: p.get_location_display()),
    Column("capacity_quantity", _("Planned capacity"), lambda p: p.capacity_quantity),
    Column("capacity_unit", _("Capacity unit"), lambda p: p.get_capacity_unit_display()),
    Column("capacity_period", _("Capacity period"), lambda p: p.get_capacity_period_display()),
    Column("localisation_share", _("Localisation share (%)"), lambda p: p.localisation_share),
    *_milestone_columns(),
    Column("updated_at", _("Updated"), lambda p: p.updated_at),
]


def _yes(value: bool) -> str:
    return "yes" if value else ""


COMMITMENT_COLUMNS = [
    Column("id", _("ID"), lambda c: c.pk),
    Column("partner", _("Partner (ISO code or partner code)"), lambda c: c.partner.code),
    Column("partner_name", _("Partner"), lambda c: c.partner.display_name),
    Column("priority", _("Priority (code)"), lambda c: c.priority.code),
    Column("project", _("Project (reference)"), lambda c: c.project.reference if c.project else ""),
    Column("package", _("Package (title)"), lambda c: c.package.title if c.package else ""),
    Column("kind", _("Kind (code)"), lambda c: c.kind),
    Column("capability", _("Capability (code)"), lambda c: c.capability.code),
    Column("item", _("Item"), lambda c: c.item),
    Column("quantity", _("Quantity"), lambda c: c.quantity, COUNT_FORMAT),
    Column("unit", _("Unit (code)"), lambda c: c.unit),
    Column("amount", _("Amount"), lambda c: c.amount, MONEY_FORMAT),
    Column("currency", _("Currency"), lambda c: c.currency),
    Column("instrument", _("Instrument (code)"), lambda c: c.instrument),
    Column("channel", _("Through (partner code)"), lambda c: c.channel.code if c.channel else ""),
    Column("funding", _("Funding (code)"), lambda c: c.funding),
    Column(
        "seller_company", _("Seller company"), lambda c: c.seller_company.name if c.seller_company else ""
    ),
    Column("seller_country", _("Seller country (ISO code)"), lambda c: str(c.seller_country or "")),
    Column("seller_undisclosed", _("Seller undisclosed (yes/no)"), lambda c: _yes(c.seller_undisclosed)),
    Column("reported_amount", _("Reported equivalent"), lambda c: c.reported_amount, MONEY_FORMAT),
    Column("reported_currency", _("Currency of the reported equivalent"), lambda c: c.reported_currency),
    Column("stage", _("Stage (code)"), lambda c: c.stage),
    Column("announced_on", _("Announced"), lambda c: c.announced_on),
    Column("expected_by", _("Expected completion"), lambda c: c.expected_by),
    Column("marking", _("Marking (code)"), lambda c: c.marking),
    Column("delivered_quantity", _("Arrived quantity"), lambda c: c.delivered_quantity, COUNT_FORMAT),
    Column("last_delivered_on", _("Last arrival"), lambda c: c.last_delivered_on),
    Column("paid_amount", _("Paid amount"), lambda c: c.paid_amount, MONEY_FORMAT),
    Column(
        "paid_undisclosed", _("A payment of undisclosed amount (yes/no)"), lambda c: _yes(c.paid_undisclosed)
    ),
    Column("last_paid_on", _("Last payment"), lambda c: c.last_paid_on),
    Column("sources", _("Sources"), lambda c: _joined(c.source_texts)),
]

# Arrivals (quantity) and payments (amount): one row each, the same columns.
DELIVERY_COLUMNS = [
    Column("commitment", _("Commitment ID"), lambda d: d.commitment_id),
    Column("item", _("Item"), lambda d: d.commitment.item),
    Column("delivered_on", _("Date"), lambda d: d.on),
    Column("quantity", _("Quantity arrived"), lambda d: d.quantity, COUNT_FORMAT),
    Column("amount", _("Amount paid"), lambda d: d.amount, MONEY_FORMAT),
    Column("currency", _("Currency"), lambda d: d.commitment.currency if d.amount else ""),
    Column("note", _("Note"), lambda d: d.note),
]

CONTACT_COLUMNS = [
    Column("id", _("ID"), lambda c: c.pk),
    Column("held_on", _("Date"), lambda c: c.held_on),
    Column("country", _("Partner country (ISO code)"), lambda c: str(c.country.code)),
    Column("country_name", _("Partner country"), lambda c: c.country.display_name),
    Column("channel", _("Channel"), lambda c: c.get_channel_display()),
    Column("counterpart_organisation", _("Counterpart organisation"), lambda c: c.counterpart_organisation),
    Column("counterpart_person", _("Counterpart person"), lambda c: c.counterpart_person),
    Column("counterpart_position", _("Counterpart position"), lambda c: c.counterpart_position),
    Column("participants", _("Our participants"), lambda c: c.participants),
    Column("summary", _("Summary"), lambda c: c.summary),
    Column("outcome", _("Outcome"), lambda c: c.outcome),
    Column("projects", _("Projects discussed"), lambda c: _joined(c.project_references)),
    Column("commitments", _("Commitments discussed (IDs)"), lambda c: _joined(c.commitment_ids)),
    Column("author", _("Author"), lambda c: _name(c.author)),
]

FOLLOWUP_COLUMNS = [
    Column("id", _("ID"), lambda f: f.pk),
    Column("title", _("Action"), lambda f: f.title),
    Column("due_on", _("Due date"), lambda f: f.due_on),
    Column("state", _("State"), lambda f: f.get_state_display()),
    Column("owner", _("Owner"), lambda f: _name(f.owner)),
    Column("country", _("Partner country"), lambda f: f.country.display_name if f.country else ""),
    Column("project", _("Project (reference)"), lambda f: f.project.reference if f.project else ""),
    Column("about", _("About"), lambda f: _subject_kind(f)),
]


def _subject_kind(followup) -> str:
    # Only the kind: the contact or commitment itself may be outside the reader's scope.
    if followup.contact_id:
        return str(_("contact"))
    if followup.commitment_id:
        return str(_("commitment"))
    return str(_("project"))


def in_chunks(queryset: QuerySet, attach: Callable[[list], None]) -> Iterator:
    """Rows in chunks of CHUNK_SIZE; `attach(chunk)` adds what lies in other tables.

    One query per chunk and relation, with plain values instead of Django's
    prefetch_related, which builds a queryset per row and costs more than the row itself.
    """
    chunk = []
    for row in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) == CHUNK_SIZE:
            attach(chunk)
            yield from chunk
            chunk = []
    if chunk:
        attach(chunk)
        yield from chunk


def _grouped_values(pairs) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def project_rows(queryset: QuerySet, user) -> Iterator:
    """Projects with their owner, reference rows, candidate countries, partner companies and
    milestones, in chunks."""

    def attach(projects: list) -> None:
        countries = _grouped_values(
            Project.candidate_countries.through.objects.filter(project_id__in=[p.pk for p in projects])
            .order_by("partnercountry__code")
            .values_list("project_id", "partnercountry__code")
        )
        ids = [p.pk for p in projects]
        companies = _grouped_values(
            (link.project_id, link.organisation.display_name)
            for link in Project.partner_companies.through.objects.filter(project_id__in=ids)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        milestones = _grouped_values((m.project_id, m) for m in Milestone.objects.filter(project_id__in=ids))
        for project in projects:
            project.country_codes = countries.get(project.pk, [])
            project.company_names = companies.get(project.pk, [])
            project.milestone_dates = {m.kind: m for m in milestones.get(project.pk, [])}

    return in_chunks(queryset.select_related("enterprise", "priority", "capability", "owner"), attach)


def with_commitment_columns(queryset: QuerySet) -> QuerySet:
    """Commitments with the related rows the columns read and the dates of their last
    arrival and payment."""
    last_delivery = Delivery.objects.filter(commitment=OuterRef("pk")).order_by("-delivered_on")
    last_payment = Payment.objects.filter(commitment=OuterRef("pk")).order_by("-paid_on")
    return queryset.select_related(
        "partner", "priority", "project", "package", "capability", "channel", "seller_company"
    ).annotate(
        last_delivered_on=Subquery(last_delivery.values("delivered_on")[:1]),
        last_paid_on=Subquery(last_payment.values("paid_on")[:1]),
    )


def attach_sources(commitments: list) -> None:
    """Give each commitment `source_texts`: its links and document references."""
    sources = _grouped_values(
        (commitment_id, url or document)
        for commitment_id, url, document in SourceReference.objects.filter(
            commitment_id__in=[c.pk for c in commitments]
        )
        .order_by("id")
        .values_list("commitment_id", "url", "document")
    )
    for commitment in commitments:
        commitment.source_texts = sources.get(commitment.pk, [])


def commitment_rows(queryset: QuerySet, user) -> Iterator:
    """Commitments with their sources and the date of their last delivery, in chunks; a
    list read as of a date (with_state) exports each row as it was then."""
    rows = in_chunks(with_commitment_columns(queryset), attach_sources)
    if "f_stage" in queryset.query.annotations:
        return (row.as_it_was() for row in rows)
    return rows


def attach_contact_links(contacts: list, user) -> None:
    """Give each contact the references of the projects and the ids of the commitments it
    discussed, only those the user may see."""
    ids = [c.pk for c in contacts]
    links = Contact.projects.through.objects.filter(contact_id__in=ids)
    projects = _grouped_values(
        links.filter(project__in=Project.objects.visible_to(user))
        .order_by("project__reference")
        .values_list("contact_id", "project__reference")
    )
    links = Contact.commitments.through.objects.filter(contact_id__in=ids)
    commitments = _grouped_values(
        links.filter(commitment__in=Commitment.objects.visible_to(user))
        .order_by("commitment_id")
        .values_list("contact_id", "commitment_id")
    )
    for contact in contacts:
        contact.project_references = projects.get(contact.pk, [])
        contact.commitment_ids = commitments.get(contact.pk, [])


def contact_rows(queryset: QuerySet, user) -> Iterator:
    """Contacts with the projects and commitments they discussed that the user may see."""
    return in_chunks(
        queryset.select_related("country", "author"), lambda chunk: attach_contact_links(chunk, user)
    )


def followup_rows(queryset: QuerySet, user) -> Iterator:
    """Follow-ups with owner, country and project, in chunks."""
    return queryset.select_related("owner", "country", "project").iterator(chunk_size=CHUNK_SIZE)


@dataclass(frozen=True)
class ExportKind:
    """An exportable list: its sheet title, columns and how its rows are read."""

    title: Any
    columns: list[Column]
    rows: Callable[[QuerySet, Any], Iterator]


EXPORTS = {
    "projects": ExportKind(_("Projects"), PROJECT_COLUMNS, project_rows),
    "commitments": ExportKind(_("Commitments"), COMMITMENT_COLUMNS, commitment_rows),
    "contacts": ExportKind(_("Contacts"), CONTACT_COLUMNS, contact_rows),
    "followups": ExportKind(_("Follow-ups"), FOLLOWUP_COLUMNS, followup_rows),
}
