"""Partner commitments (commitment.py), the packages they are announced in (package.py), and
what happens to them afterwards: sources, arrivals, payments, amendments, stage moves
(ledger.py)."""

from tracker.commitments.models.commitment import (
    COMMITMENT_TEXT,
    COUNTED_STAGES,
    DELIVERY_MOVES,
    FINANCING_KINDS,
    LEVEL_STAGES,
    STAGE_MOVES,
    Commitment,
    CommitmentQuerySet,
    Funding,
    Instrument,
    Kind,
    Level,
    Marking,
    Stage,
    level_of_stage,
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
    "COUNTED_STAGES",
    "DELIVERY_MOVES",
    "FINANCING_KINDS",
    "LEVEL_STAGES",
    "STAGE_MOVES",
    "Amendment",
    "AmendmentReason",
    "Commitment",
    "CommitmentQuerySet",
    "Delivery",
    "Funding",
    "Instrument",
    "Kind",
    "Level",
    "Marking",
    "Package",
    "PackageQuerySet",
    "Payment",
    "SourceReference",
    "Stage",
    "StageMove",
    "level_of_stage",
]
