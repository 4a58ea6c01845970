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
    Kind,
    Marking,
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
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
)
from tracker.projects.models import Project

COMMITMENT_REQUIRED = {"country", "priority", "kind", "capability", "item"}
DELIVERY_REQUIRED = {"commitment", "delivered_on"}
# Fields whose references are checked above; clean_fields() checks lengths and choices of the rest.
REFERENCE_FIELDS = ["country", "priority", "project", "capability", "supplier_country", "created_by"]
# The stage an imported commitment with deliveries is created in, before they are recorded.
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

    def text(self, key: str) -> str:
        return self.check.values.get(key, "").strip()

    def read(self, key: str, parse, *args):
        try:
            return parse(self.text(key), *args)
        except CellError as error:
            self.error(key, str(error))
            return None

    def error(self, key: str, message: str) -> None:
        self.check.errors.append(f"{self.labels.get(key, key)}: {message}")


def _labels(columns) -> dict[str, str]:
    return {column.key: str(column.label) for column in columns}


def may_import(user) -> bool:
    """Coordinators import for every country, embassy staff for their own (the rows then
    pass the commitments' own rule, Commitment.may_create and can_edit)."""
    scope = scope_of(user)
    return scope.sees_all or scope.country_bound


def check_commitment_rows(rows: list[dict], user) -> list[RowCheck]:
    """Check rows of the commitment format; valid rows carry an unsaved Commitment to create."""
    refs = References()
    wanted_projects = {row["values"].get("project", "").strip() for row in rows} - {""}
    projects = {
        p.reference: p for p in Project.objects.visible_to(user).filter(reference__in=wanted_projects)
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
        _check_commitment(_Cells(check, labels), refs, projects, existing, user)
        checks.append(check)
    return checks


def _check_commitment(cells: _Cells, refs: References, projects: dict, existing: set, user) -> None:
    pk = cells.read("id", parse_int)
    if pk is not None and pk in existing:
        cells.error(
            "id",
            _("Commitment %(id)s is already in the tracker. Clear the ID to import it as new.") % {"id": pk},
        )
    country = cells.read("country", refs.country)
    if country and not Commitment.may_create(user, country.pk):
        cells.error("country", _("You may import commitments only for your own countries."))
    project = None
    if cells.text("project"):
        project = projects.get(cells.text("project"))
        if project is None:
            cells.error("project", _("Unknown project “%(ref)s”.") % {"ref": cells.text("project")[:100]})
    commitment = Commitment(
        country=country,
        priority=cells.read("priority", refs.priority),
        project=project,
        kind=cells.read("kind", parse_choice, Kind.choices),
        capability=cells.read("capability", refs.capability),
        item=cells.text("item"),
        quantity=cells.read("quantity", parse_int),
        unit=cells.read("unit", parse_choice, Unit.choices, "") or "",
        amount=cells.read("amount", parse_decimal),
        currency=cells.text("currency").upper(),
        supplier_country=cells.read("supplier_country", refs.country)
        if cells.text("supplier_country")
        else None,
        supplier_company=cells.text("supplier_company"),
        stage=cells.read("stage", parse_choice, Stage.choices, Stage.PLEDGED) or Stage.PLEDGED,
        announced_on=cells.read("announced_on", parse_date),
        expected_by=cells.read("expected_by", parse_date),
        marking=cells.read("marking", parse_choice, Marking.choices, Marking.OFFICIAL) or Marking.OFFICIAL,
    )
    _check_promise(cells, commitment)
    sources = _sources(cells)
    if not cells.check.errors:
        _check_model_fields(cells, commitment)
    if not cells.check.errors:
        delivery, stages = _delivery_plan(cells, commitment)
        cells.check.plan = {
            "commitment": commitment,
            "sources": sources,
            "delivery": delivery,
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
    try:
        commitment.clean_fields(exclude=REFERENCE_FIELDS)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                cells.error(name, message)


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
    """What was delivered before the import, and the stage moves that follow its recording."""
    quantity = cells.read("delivered_quantity", parse_int) or 0
    amount = cells.read("delivered_amount", parse_decimal) or Decimal(0)
    if quantity and (c.quantity is None or quantity > c.quantity):
        cells.error("delivered_quantity", _("More is delivered than the quantity promised."))
    if amount and (c.amount is None or amount > c.amount):
        cells.error("delivered_amount", _("More is delivered than the amount promised."))
    if not quantity and not amount:
        if c.stage == Stage.FULFILLED:
            cells.error("stage", _("A fulfilled commitment needs its delivered quantity or amount."))
        return None, []
    delivered_on = cells.read("last_delivered_on", parse_date)
    if delivered_on is None and cells.text("last_delivered_on") == "":
        cells.error("last_delivered_on", _("Give the date of the last delivery."))
    fully = (c.quantity is None or quantity >= c.quantity) and (c.amount is None or amount >= c.amount)
    # Applying creates the commitment in a stage that receives deliveries, records what was
    # delivered (a move of DELIVERY_MOVES), then moves by hand (STAGE_MOVES) to the stage in
    # the file, never through "fulfilled" unless everything arrived.
    after_delivery = Stage.FULFILLED if fully else Stage.IN_DELIVERY
    stages = None
    if after_delivery in DELIVERY_MOVES.get(IMPORT_DELIVERY_STAGE, ()):
        stages = route(STAGE_MOVES, after_delivery, c.stage, avoid=() if fully else {Stage.FULFILLED})
    if stages is None:
        cells.error(
            "stage",
            _("A commitment with deliveries cannot be “%(stage)s”.") % {"stage": c.get_stage_display()},
        )
    delivery = {"delivered_on": delivered_on, "quantity": quantity or None, "amount": amount or None}
    return delivery, stages or []


def check_delivery_rows(rows: list[dict], user) -> list[RowCheck]:
    """Check rows of the delivery format, adding up rows for the same commitment."""
    ids = {int(v) for row in rows if is_id(v := row["values"].get("commitment", "").strip())}
    visible = {
        c.pk: c for c in Commitment.objects.visible_to(user).filter(pk__in=ids).select_related("country")
    }
    editable = {pk for pk, c in visible.items() if c.can_edit(user)}
    delivered = {pk: [c.delivered_quantity, c.delivered_amount, c.stage] for pk, c in visible.items()}
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
            _("You may not record deliveries for commitments of %(country)s.")
            % {"country": commitment.country.display_name},
        )
    delivered_on = cells.read("delivered_on", parse_date)
    if delivered_on is None and not cells.text("delivered_on"):
        cells.error("delivered_on", _("This value is required."))
    elif delivered_on and delivered_on > timezone.localdate():
        cells.error("delivered_on", _("A delivery cannot be dated in the future."))
    quantity = cells.read("quantity", parse_int)
    amount = cells.read("amount", parse_decimal)
    note = cells.text("note")
    if len(note) > 500:
        cells.error("note", _("At most 500 characters."))
    if not quantity and not amount:
        if not cells.check.errors:
            cells.error("quantity", _("Enter the quantity or the amount delivered."))
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
            "delivery": {"delivered_on": delivered_on, "quantity": quantity, "amount": amount, "note": note},
        }


def _check_remaining(cells: _Cells, key: str, delivered, promised, so_far) -> None:
    """Refuse a delivery of what the commitment does not promise, or more than remains."""
    if not delivered:
        return
    if promised is None:
        cells.error(
            key, _("This commitment promises no %(measure)s.") % {"measure": cells.labels[key].lower()}
        )
    elif so_far + delivered > promised:
        cells.error(
            key,
            _("Over-delivery: only %(left)s of the %(promised)s promised remain.")
            % {"left": promised - so_far, "promised": promised},
        )
