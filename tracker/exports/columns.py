"""The columns of each export, written once per kind, and how each kind's rows are read.

Commitment columns are also the import format: codes rather than translated labels, so a
file exported in either language imports again unchanged (`tracker/imports/`).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from tracker.commitments.models import Commitment, Delivery
from tracker.projects.models import Project

# Rows are read in chunks: memory stays flat, and each chunk costs one query per prefetch.
CHUNK_SIZE = 2000
# Several values in one cell (countries, sources, linked projects) are joined with this.
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Column:
    """One column: a stable key (import reads it), a header in the reader's language, a value."""

    key: str
    label: Any
    value: Callable[[Any], Any]


def _joined(values: Iterable) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def _name(obj) -> str:
    return str(obj) if obj is not None else ""


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
    Column("estimated_value", _("Estimated value"), lambda p: p.estimated_value),
    Column("currency", _("Currency"), lambda p: p.currency),
    Column("owner", _("Owner"), lambda p: _name(p.owner)),
    Column("target_date", _("Target date"), lambda p: p.target_date),
    Column(
        "candidate_countries",
        _("Candidate partner countries"),
        lambda p: _joined(c.code for c in p.candidate_countries.all()),
    ),
    Column("updated_at", _("Updated"), lambda p: p.updated_at),
]

COMMITMENT_COLUMNS = [
    Column("id", _("ID"), lambda c: c.pk),
    Column("country", _("Partner country (ISO code)"), lambda c: str(c.country.code)),
    Column("country_name", _("Partner country"), lambda c: c.country.display_name),
    Column("priority", _("Priority (code)"), lambda c: c.priority.code),
    Column("project", _("Project (reference)"), lambda c: c.project.reference if c.project else ""),
    Column("kind", _("Kind (code)"), lambda c: c.kind),
    Column("capability", _("Capability (code)"), lambda c: c.capability.code),
    Column("item", _("Item"), lambda c: c.item),
    Column("quantity", _("Quantity"), lambda c: c.quantity),
    Column("unit", _("Unit (code)"), lambda c: c.unit),
    Column("amount", _("Amount"), lambda c: c.amount),
    Column("currency", _("Currency"), lambda c: c.currency),
    Column(
        "supplier_country",
        _("Supplier country (ISO code)"),
        lambda c: str(c.supplier_country.code) if c.supplier_country else "",
    ),
    Column("supplier_company", _("Supplier company"), lambda c: c.supplier_company),
    Column("stage", _("Stage (code)"), lambda c: c.stage),
    Column("announced_on", _("Announced"), lambda c: c.announced_on),
    Column("expected_by", _("Expected completion"), lambda c: c.expected_by),
    Column("marking", _("Marking (code)"), lambda c: c.marking),
    Column("delivered_quantity", _("Delivered quantity"), lambda c: c.delivered_quantity),
    Column("delivered_amount", _("Delivered amount"), lambda c: c.delivered_amount),
    Column("last_delivered_on", _("Last delivery"), lambda c: c.last_delivered_on),
    Column("sources", _("Sources"), lambda c: _joined(s.url or s.document for s in c.sources.all())),
]

DELIVERY_COLUMNS = [
    Column("commitment", _("Commitment ID"), lambda d: d.commitment_id),
    Column("item", _("Item"), lambda d: d.commitment.item),
    Column("delivered_on", _("Date"), lambda d: d.delivered_on),
    Column("quantity", _("Quantity"), lambda d: d.quantity),
    Column("amount", _("Amount"), lambda d: d.amount),
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
    Column("projects", _("Projects discussed"), lambda c: _joined(p.reference for p in c.projects.all())),
    Column(
        "commitments", _("Commitments discussed (IDs)"), lambda c: _joined(x.pk for x in c.commitments.all())
    ),
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


def project_rows(queryset: QuerySet, user) -> Iterator:
    """Projects with what their columns read, in chunks."""
    return (
        queryset.select_related("enterprise", "priority", "capability", "owner")
        .prefetch_related("candidate_countries")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def with_commitment_columns(queryset: QuerySet) -> QuerySet:
    """Commitments with everything COMMITMENT_COLUMNS read, including the last delivery's date."""
    last_delivery = Delivery.objects.filter(commitment=OuterRef("pk")).order_by("-delivered_on")
    return (
        queryset.select_related("country", "priority", "project", "capability", "supplier_country")
        .annotate(last_delivered_on=Subquery(last_delivery.values("delivered_on")[:1]))
        .prefetch_related("sources")
    )


def commitment_rows(queryset: QuerySet, user) -> Iterator:
    """Commitments with their sources and the date of their last delivery, in chunks."""
    return with_commitment_columns(queryset).iterator(chunk_size=CHUNK_SIZE)


def contact_links(user) -> list[Prefetch]:
    """The projects and commitments a contact discussed, only those the user may see."""
    return [
        Prefetch("projects", queryset=Project.objects.visible_to(user).only("id", "reference")),
        Prefetch("commitments", queryset=Commitment.objects.visible_to(user).only("id", "item")),
    ]


def contact_rows(queryset: QuerySet, user) -> Iterator:
    """Contacts with the projects and commitments they discussed that the user may see."""
    return (
        queryset.select_related("country", "author")
        .prefetch_related(*contact_links(user))
        .iterator(chunk_size=CHUNK_SIZE)
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
