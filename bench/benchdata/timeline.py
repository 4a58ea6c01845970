"""Drawing dates and splits of a total, from one seeded random source."""

import datetime
import random
from decimal import Decimal

CENT = Decimal("0.01")


class Timeline:
    """Random moments in the year before `today`, all from one seeded generator."""

    def __init__(self, rng: random.Random, today: datetime.date, tz: datetime.tzinfo):
        self.rng = rng
        self.today = today
        # Midnight at the start of today: every generated moment lies before it, so the
        # same seed on the same day gives the same data whatever the time of the run.
        self.end = datetime.datetime.combine(today, datetime.time(0), tzinfo=tz)

    def days_ago(self, most: float, least: float = 0) -> datetime.datetime:
        """A moment between `most` and `least` days before today, to the second."""
        seconds = self.rng.uniform(least * 86400, most * 86400)
        return (self.end - datetime.timedelta(seconds=seconds)).replace(microsecond=0)

    def between(self, start: datetime.datetime, end: datetime.datetime | None = None) -> datetime.datetime:
        """A moment between start and end (default: today); start when the span is empty."""
        end = end or self.end
        if end <= start:
            return start
        return (start + (end - start) * self.rng.random()).replace(microsecond=0)

    def moments_after(self, start: datetime.datetime, count: int) -> list[datetime.datetime]:
        """`count` increasing moments between start and today."""
        return sorted(self.between(start) for _ in range(count))

    def day(self, offset_from: int, offset_to: int) -> datetime.date:
        """A date between today + offset_from and today + offset_to days (inclusive)."""
        return self.today + datetime.timedelta(days=self.rng.randint(offset_from, offset_to))


def pick(rng: random.Random, weights: dict):
    """One key of `weights`, drawn in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` cut into `parts` positive whole numbers (fewer parts when total is smaller)."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def money(cents: int) -> Decimal:
    """Cents as a two-place Decimal, as the database stores amounts."""
    return (Decimal(cents) / 100).quantize(CENT)
