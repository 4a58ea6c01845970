"""Checking each uploaded row: valid, or the reasons why not; and what applying it will do.

The same checks run for the preview and again, inside the apply transaction, on apply.
Reference rows are loaded once per file, so a check costs a fixed number of queries.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.accounts.scope import scope_of
from tracker.commitments.models import (
    DELIVERY_MOVES,
    STAGE_MOVES,
    Commitment,
    Funding,
    Instrument,
    Kind,
    Marking,
    Package,
    Stage,
)
from tracker.commitments.services import undeliverable
from tracker.core.forms import is_id
from tracker.core.money import Unit, validate_currency
from tracker.core.transitions import route
from tracker.exports.columns import COMMITMENT_COLUMNS, DELIVERY_COLUMNS, LIST_SEPARATOR
from tracker.imports.values import (
    CellError,
    References,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
)
from tracker.projects.models import Project

# A partner is named in "partner" (a code or a name) or in "partner_name" (a name).
COMMITMENT_REQUIRED = {"priority", "kind", "capability", "item"}
DELIVERY_REQUIRED = {"commitment", "delivered_on"}
# Fields read as references below; clean_fields() checks lengths and choices of the rest.
REFERENCE_FIELDS = [
    "partner",
    "priority",
    "project",
    "package",
    "capability",
    "channel",
    "seller_company",
    "created_by",
]
# The stage an imported commitment with arrivals or payments is created in, before they are recorded.
IMPORT_DELIVERY_STAGE = Stage.COMMITTED


@dataclass
class RowCheck:
    """One row of the upload: its text, its problems, and (when valid) what applying does."""

    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    plan: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Cells:
    """Reads a row's cells, collecting each problem with the column's name."""

    def __init__(self, check: RowCheck, labels: dict[str, str]):
        self.check, self.labels = check, labels
        self.failed: set[str] = set()  # columns with a problem already said

    def text(self, key: str) -> str:
        return self.check.values.get(key, "").strip()

    def read(self, key: str, parse, *args):
        try:
            return parse(self.text(key), *args)
        except CellError as error:
            self.error(key, str(error))
            return None

    def error(self, key: str, message: str) -> None:
        self.failed.add(key)
        self.check.errors.append(f"{self.labels.get(key, key)}: {message}")


def _labels(columns) -> dict[str, str]:
    return {column.key: str(column.label) for column in columns}


def may_import(user) -> bool:
    """Coordinators import for every country, embassy staff for their own (the rows then
    pass the commitments' own rule, Commitment.may_create and can_edit)."""
    scope = scope_of(user)
    return scope.sees_all or scope.country_bound


def check_commitment_rows(rows: list[dict], user) -> list[RowCheck]:
    """Check rows of the commitment format, every problem of every row in one pass; valid rows
    carry an unsaved Commitment to create."""
    refs = References()
    wanted_projects = {row["values"].get("project", "").strip() for row in rows} - {""}
    projects = {
        p.reference: p for p in Project.objects.visible_to(user).filter(reference__in=wanted_projects)
    }
    wanted_packages = {row["values"].get("package", "").strip() for row in rows} - {""}
    packages = {
        p.title.casefold(): p
        for p in Package.objects.visible_to(user).filter(title__in=wanted_packages).select_related("partner")
    }
    ids = [row["values"].get("id", "").strip() for row in rows]
    # Only what the user may see: an id outside their scope is as unknown as a free one.
    existing = set(
        Commitment.objects.visible_to(user)
        .filter(pk__in=[int(i) for i in ids if is_id(i)])
        .values_list("pk", flat=True)
    )
    labels = _labels(COMMITMENT_COLUMNS)
    checks = []
    for row in rows:
        check = RowCheck(row["line"], row["values"])
        _check_commitment(_Cells(check, labels), refs, projects, packages, existing, user)
        checks.append(check)
    return checks


def _partner(cells: _Cells, refs: References):
    """The partner of the row, named in its code column or its name column (or both, agreeing)."""
    by_code = cells.read("partner", refs.partner) if cells.text("partner") else None
    by_name = cells.read("partner_name", refs.partner) if cells.text("partner_name") else None
    if not cells.text("partner") and not cells.text("partner_name"):
        cells.error("partner", _("This value is required."))
    if by_code and by_name and by_code != by_name:
        cells.error(
            "partner_name",
            _("“%(name)s” is not the partner “%(code)s” names; correct one of them or clear the name.")
            % {"name": cells.text("partner_name")[:100], "code": cells.text("partner")[:40]},
        )
    return by_code or by_name


def _optional(cells: _Cells, key: str, parse, *args):
    return cells.read(key, parse, *args) if cells.text(key) else None


def _check_commitment(
    cells: _Cells, refs: References, projects: dict, packages: dict, existing: set, user
) -> None:
    pk = cells.read("id", parse_int)
    if pk is not None and pk in existing:
        cells.error(
            "id",
            _("Commitment %(id)s is already in the tracker. Clear the ID to import it as new.") % {"id": pk},
        )
    partner = _partner(cells, refs)
    if partner and not Commitment.may_create(user, partner):
        cells.error("partner", _("You may import commitments only for your own countries."))
    project = None
    if cells.text("project"):
        project = projects.get(cells.text("project"))
        if project is None:
            cells.error(
                "project",
                _("Unknown project “%(ref)s”: create the project first, or leave the cell empty.")
                % {"ref": cells.text("project")[:100]},
            )
    package = None
    if cells.text("package"):
        package = packages.get(cells.text("package").casefold())
        if package is None:
            cells.error(
                "package",
                _(
                    "Unknown package “%(title)s”: record the package first (New package), "
                    "or leave the cell empty."
                )
                % {"title": cells.text("package")[:100]},
            )
    seller_country = _optional(cells, "seller_country", refs.seller_country)
    commitment = Commitment(
        partner=partner,
        priority=cells.read("priority", refs.priority),
        project=project,
        package=package,
        kind=cells.read("kind", parse_choice, Kind.choices),
        capability=cells.read("capability", refs.capability),
        item=cells.text("item"),
        quantity=cells.read("quantity", parse_int),
        unit=cells.read("unit", parse_choice, Unit.choices, "") or "",
        amount=cells.read("amount", parse_decimal),
        currency=cells.text("currency").upper(),
        reported_amount=cells.read("reported_amount", parse_decimal),
        reported_currency=cells.text("reported_currency").upper(),
        instrument=cells.read("instrument", parse_choice, Instrument.choices, "") or "",
        channel=_optional(cells, "channel", refs.partner),
        funding=cells.read("funding", parse_choice, Funding.choices, Funding.OWN) or Funding.OWN,
        seller_company=_optional(cells, "seller_company", refs.company),
        seller_country=str(seller_country.code) if seller_country else "",
        seller_undisclosed=bool(cells.read("seller_undisclosed", parse_bool)),
        stage=cells.read("stage", parse_choice, Stage.choices, Stage.PLEDGED) or Stage.PLEDGED,
        announced_on=cells.read("announced_on", parse_date),
        expected_by=cells.read("expected_by", parse_date),
        marking=cells.read("marking", parse_choice, Marking.choices, Marking.OFFICIAL) or Marking.OFFICIAL,
    )
    _check_promise(cells, commitment)
    sources = _sources(cells)
    _check_model_fields(cells, commitment)
    arrivals, stages = _delivery_plan(cells, commitment)
    if cells.check.ok:
        cells.check.plan = {
            "commitment": commitment,
            "sources": sources,
            "delivery": arrivals,
            "stages": stages,
        }


def _check_promise(cells: _Cells, c: Commitment) -> None:
    if not c.item:
        cells.error("item", _("This value is required."))
    if c.quantity is None and c.amount is None and not cells.text("quantity") and not cells.text("amount"):
        cells.error("quantity", _("Give the quantity promised, the amount, or both."))
    if c.quantity is not None and not c.unit:
        cells.error("unit", _("A quantity needs a unit."))
    if c.amount is not None and not c.currency:
        cells.error("currency", _("An amount needs a currency."))
    if c.currency:
        try:
            validate_currency(c.currency)
        except ValidationError as error:
            cells.error("currency", " ".join(error.messages))
    if c.announced_on and c.expected_by and c.expected_by < c.announced_on:
        cells.error("expected_by", _("The expected completion is before the announcement."))


def _check_model_fields(cells: _Cells, commitment: Commitment) -> None:
    """The model's own checks of each field and its rules across fields (the financing rules),
    reported beside the column they name; no query (references are already loaded)."""

    def fields() -> None:
        commitment.clean_fields(exclude=[*REFERENCE_FIELDS, *cells.failed])

    for check in (fields, commitment.clean):
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in cells.failed:
                    continue  # said once, in the reader's words, above
                for message in messages:
                    cells.error(name if name != "__all__" else "item", message)


def _sources(cells: _Cells) -> list[dict]:
    sources = []
    for part in cells.text("sources").split(LIST_SEPARATOR.strip()):
        part = part.strip()
        if part.lower().startswith(("http://", "https://")):
            try:
                URLValidator()(part)
            except ValidationError:
                cells.error("sources", _("“%(url)s” is not a valid link.") % {"url": part[:100]})
            sources.append({"url": part[:500]})
        elif part:
            sources.append({"document": part[:300]})
    return sources


def _delivery_plan(cells: _Cells, c: Commitment) -> tuple[dict | None, list[str]]:
    """What arrived and was paid before the import, and the stage moves that follow recording it."""
    quantity = cells.read("delivered_quantity", parse_int) or 0
    amount = cells.read("paid_amount", parse_decimal) or Decimal(0)
    undisclosed = bool(cells.read("paid_undisclosed", parse_bool))
    if quantity and (c.quantity is None or quantity > c.quantity):
        cells.error("delivered_quantity", _("More arrived than the quantity promised."))
    if (amount or undisclosed) and c.amount is None:
        cells.error("paid_amount", _("This commitment promises no amount, only a quantity."))
    elif amount and amount > c.amount:
        cells.error("paid_amount", _("More is paid than the amount promised."))
    if not quantity and not amount and not undisclosed:
        if c.stage == Stage.FULFILLED:
            cells.error("stage", _("A fulfilled commitment needs what arrived or was paid."))
        return None, []
    arrived_on = cells.read("last_delivered_on", parse_date) if quantity else None
    if quantity and not cells.text("last_delivered_on"):
        cells.error("last_delivered_on", _("Give the date of the last arrival."))
    paid_on = cells.read("last_paid_on", parse_date) if amount or undisclosed else None
    if (amount or undisclosed) and not cells.text("last_paid_on"):
        cells.error("last_paid_on", _("Give the date of the last payment."))
    fully = (c.quantity is None or quantity >= c.quantity) and (c.amount is None or amount >= (c.amount or 0))
    # Applying creates the commitment in a stage that receives arrivals and payments, records
    # them (a move of DELIVERY_MOVES), then moves by hand (STAGE_MOVES) to the stage in the
    # file, never through "fulfilled" unless everything arrived and was paid.
    after_delivery = Stage.FULFILLED if fully else Stage.IN_DELIVERY
    stages = None
    if after_delivery in DELIVERY_MOVES.get(IMPORT_DELIVERY_STAGE, ()):
        stages = route(STAGE_MOVES, after_delivery, c.stage, avoid=() if fully else {Stage.FULFILLED})
    if stages is None:
        cells.error(
            "stage",
            _("A commitment with arrivals or payments cannot be “%(stage)s”.")
            % {"stage": c.get_stage_display()},
        )
    plan = {
        "arrived": {"delivered_on": arrived_on, "quantity": quantity} if quantity else None,
        "paid": {
            "paid_on": paid_on,
            "amount": amount or None,
            "amount_undisclosed": undisclosed and not amount,
        }
        if amount or undisclosed
        else None,
    }
    return plan, stages or []


def check_delivery_rows(rows: list[dict], user) -> list[RowCheck]:
    """Check rows of the delivery format, adding up rows for the same commitment."""
    ids = {int(v) for row in rows if is_id(v := row["values"].get("commitment", "").strip())}
    visible = {
        c.pk: c for c in Commitment.objects.visible_to(user).filter(pk__in=ids).select_related("partner")
    }
    editable = {pk for pk, c in visible.items() if c.can_edit(user)}
    delivered = {pk: [c.delivered_quantity, c.paid_amount, c.stage] for pk, c in visible.items()}
    labels = _labels(DELIVERY_COLUMNS)
    checks = []
    for row in rows:
        check = RowCheck(row["line"], row["values"])
        _check_delivery(_Cells(check, labels), visible, editable, delivered)
        checks.append(check)
    return checks


def _check_delivery(cells: _Cells, visible: dict, editable: set, delivered: dict) -> None:
    pk = cells.read("commitment", parse_int)
    commitment = visible.get(pk)
    if commitment is None:
        if cells.text("commitment"):
            cells.error(
                "commitment", _("Unknown commitment “%(id)s”.") % {"id": cells.text("commitment")[:20]}
            )
        else:
            cells.error("commitment", _("This value is required."))
        return
    if pk not in editable:
        cells.error(
            "commitment",
            _("You may not record arrivals or payments for commitments of %(partner)s.")
            % {"partner": commitment.partner.display_name},
        )
    delivered_on = cells.read("delivered_on", parse_date)
    if delivered_on is None and not cells.text("delivered_on"):
        cells.error("delivered_on", _("This value is required."))
    elif delivered_on and delivered_on > timezone.localdate():
        cells.error("delivered_on", _("An arrival or a payment cannot be dated in the future."))
    quantity = cells.read("quantity", parse_int)
    amount = cells.read("amount", parse_decimal)
    note = cells.text("note")
    if len(note) > 500:
        cells.error("note", _("At most 500 characters."))
    if not quantity and not amount:
        if not cells.check.errors:
            cells.error("quantity", _("Enter the quantity that arrived, the amount paid, or both."))
        return
    so_far = delivered[pk]
    if reason := undeliverable(so_far[2]):
        cells.error("commitment", reason)
    currency = cells.text("currency").upper()
    if amount and currency and currency != commitment.currency:
        cells.error(
            "currency",
            _("The commitment is in %(currency)s, not %(given)s.")
            % {"currency": commitment.currency or "—", "given": currency[:3]},
        )
    _check_remaining(cells, "quantity", quantity, commitment.quantity, so_far[0])
    _check_remaining(cells, "amount", amount, commitment.amount, so_far[1])
    if cells.check.ok:
        so_far[0] += quantity or 0
        so_far[1] += amount or 0
        so_far[2] = Stage.IN_DELIVERY  # later rows may deliver more; a full delivery is caught above
        cells.check.plan = {
            "commitment": commitment,
            "delivery": {
                "arrived": {"delivered_on": delivered_on, "quantity": quantity, "note": note}
                if quantity
                else None,
                "paid": {"paid_on": delivered_on, "amount": amount, "note": note} if amount else None,
            },
        }


def _check_remaining(cells: _Cells, key: str, delivered, promised, so_far) -> None:
    """Refuse goods or money the commitment does not promise, or more than remains."""
    if not delivered:
        return
    if promised is None:
        cells.error(
            key,
            _("This commitment promises no quantity.")
            if key == "quantity"
            else _("This commitment promises no amount."),
        )
    elif so_far + delivered > promised:
        cells.error(
            key,
            _("More than promised: only %(left)s of the %(promised)s promised remain.")
            % {"left": promised - so_far, "promised": promised},
        )
