"""The briefing as a workbook for people: one sheet per section of the briefing page, labels in
the reader's language rather than codes, numbers, money and dates as typed cells.

Unlike the list exports (`columns.py`), nothing here is read back by the import, so every
value is written as a reader wants to see it: the partner's and priority's names, the
stage's label, "Yes" rather than "yes".
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tracker.commitments.models import Commitment
from tracker.exports.briefing import Briefing, LedgerRow
from tracker.exports.columns import (
    CONTACT_COLUMNS,
    COUNT_FORMAT,
    FOLLOWUP_COLUMNS,
    LIST_SEPARATOR,
    MONEY_FORMAT,
    Column,
)
from tracker.exports.writers import Sheet
from tracker.figures.totals import Measure


def _yes(value: bool) -> str:
    return str(_("Yes")) if value else ""


def _name(obj) -> str:
    return obj.display_name if obj is not None else ""


def _seller(c: Commitment) -> str:
    if c.seller_undisclosed:
        return str(_("Undisclosed"))
    parts = [_name(c.seller_company), c.seller_country.name if c.seller_country else ""]
    return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class TotalRow:
    """One line of the briefing's totals (tracker/figures): money in one currency, or goods
    of one capability in one unit."""

    measure: str
    unit: str
    figures: Measure
    money: bool

    def value(self, level: str):
        return getattr(self.figures, level)


def _total_rows(briefing: Briefing) -> list[TotalRow]:
    totals = briefing.totals
    rows = [TotalRow(str(_("Money")), currency, m, True) for currency, m in totals.money_rows()]
    rows += [TotalRow(cap, unit, m, False) for cap, unit, m in totals.goods_rows(briefing.capabilities)]
    return rows


TOTAL_COLUMNS = [
    Column("measure", _("Currency or kind of goods"), lambda t: t.measure),
    Column("unit", _("Currency or unit"), lambda t: t.unit),
    Column("announced", _("Announced (non-binding)"), lambda t: t.value("announced"), MONEY_FORMAT),
    Column("committed", _("Committed (firm)"), lambda t: t.value("committed"), MONEY_FORMAT),
    Column("suspended", _("Suspended"), lambda t: t.value("suspended"), MONEY_FORMAT),
    Column("done", _("Paid or arrived"), lambda t: t.value("done"), MONEY_FORMAT),
    Column("remaining", _("Still to come"), lambda t: t.value("remaining"), MONEY_FORMAT),
]

PACKAGE_COLUMNS = [
    Column("title", _("Title"), lambda p: p.title),
    Column("partner", _("Announced by"), lambda p: p.partner.display_name),
    Column("announced_on", _("Announced"), lambda p: p.announced_on),
    Column("items", _("Commitments in this briefing"), lambda p: p.briefing_items, COUNT_FORMAT),
    Column("source_url", _("Source link"), lambda p: p.source_url),
    Column("source_document", _("Source document"), lambda p: p.source_document),
    Column("marking", _("Marking"), lambda p: p.get_marking_display()),
]

COMMITMENT_COLUMNS = [
    Column("id", _("ID"), lambda c: c.pk),
    Column("partner", _("Partner"), lambda c: c.partner.display_name),
    Column("priority", _("Priority"), lambda c: f"{c.priority.number}. {c.priority.display_name}"),
    Column("kind", _("Kind"), lambda c: c.get_kind_display()),
    Column("capability", _("Capability"), lambda c: c.capability.display_name),
    Column("item", _("Item"), lambda c: c.item),
    Column("package", _("Package"), lambda c: c.package.title if c.package else ""),
    Column("project", _("Project"), lambda c: str(c.project) if c.project else ""),
    Column("stage", _("Stage"), lambda c: c.get_stage_display()),
    Column("quantity", _("Quantity"), lambda c: c.quantity, COUNT_FORMAT),
    Column(
        "arrived",
        _("Arrived quantity"),
        lambda c: c.delivered_quantity if c.quantity is not None else None,
        COUNT_FORMAT,
    ),
    Column("unit", _("Unit"), lambda c: c.get_unit_display()),
    Column("amount", _("Amount"), lambda c: c.amount, MONEY_FORMAT),
    Column("paid", _("Paid amount"), lambda c: c.paid_amount if c.amount is not None else None, MONEY_FORMAT),
    Column("currency", _("Currency"), lambda c: c.currency),
    Column("paid_undisclosed", _("A payment of undisclosed amount"), lambda c: _yes(c.paid_undisclosed)),
    Column("instrument", _("Instrument"), lambda c: c.get_instrument_display()),
    Column("channel", _("Through"), lambda c: _name(c.channel)),
    Column("seller", _("Seller"), _seller),
    Column("announced_on", _("Announced"), lambda c: c.announced_on),
    Column("expected_by", _("Expected completion"), lambda c: c.expected_by),
    Column("last_arrival", _("Last arrival"), lambda c: c.last_delivered_on),
    Column("last_payment", _("Last payment"), lambda c: c.last_paid_on),
    Column("marking", _("Marking"), lambda c: c.get_marking_display()),
    Column("sources", _("Sources"), lambda c: LIST_SEPARATOR.join(c.source_texts)),
]


def _paid(row: LedgerRow):
    return str(_("amount undisclosed")) if row.undisclosed else row.amount


LEDGER_COLUMNS = [
    Column("on", _("Date"), lambda r: r.on),
    Column("commitment", _("Commitment ID"), lambda r: r.commitment_id),
    Column("item", _("Item"), lambda r: r.commitment.item),
    Column("quantity", _("Quantity arrived"), lambda r: r.quantity, COUNT_FORMAT),
    Column("unit", _("Unit"), lambda r: r.commitment.get_unit_display() if r.quantity else ""),
    Column("amount", _("Amount paid"), _paid, MONEY_FORMAT),
    Column("currency", _("Currency"), lambda r: r.commitment.currency if r.quantity is None else ""),
    Column("note", _("Note"), lambda r: r.note),
]

# The briefing is about one partner: its country's ISO code says nothing more to a reader.
BRIEFING_CONTACT_COLUMNS = [column for column in CONTACT_COLUMNS if column.key != "country"]


def briefing_sheets(briefing: Briefing) -> list[Sheet]:
    """The sheets of the briefing's workbook, in the page's order."""
    return [
        Sheet(_("Promised, paid and arrived"), TOTAL_COLUMNS, _total_rows(briefing)),
        Sheet(_("Packages"), PACKAGE_COLUMNS, briefing.packages),
        Sheet(_("Commitments"), COMMITMENT_COLUMNS, briefing.commitments),
        Sheet(_("Arrivals and payments"), LEDGER_COLUMNS, briefing.ledger),
        Sheet(_("Contacts"), BRIEFING_CONTACT_COLUMNS, briefing.contacts),
        Sheet(_("Open follow-ups"), FOLLOWUP_COLUMNS, briefing.followups),
    ]
