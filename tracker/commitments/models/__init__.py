"""Partner commitments (commitment.py), the packages they are announced in (package.py), and
what happens to them afterwards: sources, arrivals, payments, amendments, stage moves
(ledger.py)."""

from tracker.commitments.models.commitment import (
    COMMITMENT_TEXT,
    DELIVERY_MOVES,
    FINANCING_KINDS,
    PROMISE_STAGES,
    STAGE_MOVES,
    Commitment,
    CommitmentQuerySet,
    Funding,
    Instrument,
    Kind,
    Marking,
    Stage,
)
from tracker.commitments.models.ledger import (
    Amendment,
    AmendmentReason,
    Delivery,
    Payment,
    SourceReference,
    StageMove,
)
from tracker.commitments.models.package import Package, PackageQuerySet

__all__ = [
    "COMMITMENT_TEXT",
    "DELIVERY_MOVES",
    "FINANCING_KINDS",
    "PROMISE_STAGES",
    "STAGE_MOVES",
    "Amendment",
    "AmendmentReason",
    "Commitment",
    "CommitmentQuerySet",
    "Delivery",
    "Funding",
    "Instrument",
    "Kind",
    "Marking",
    "Package",
    "PackageQuerySet",
    "Payment",
    "SourceReference",
    "Stage",
    "StageMove",
]
