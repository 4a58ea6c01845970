"""Geometry of the server-drawn SVG charts: every position is worked out here, in whole pixels,
so the templates only place shapes and text (no JavaScript, no inline styles)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext

from tracker.charts.data import Month, Row

# Horizontal bar charts: label column, plot area, room for the value written after a bar.
LABEL_WIDTH = 230
PLOT_WIDTH = 380
VALUE_WIDTH = 170
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 14
TOP = 8
LABEL_CHARS = 32
# Column charts (per month).
COLUMN_PLOT_HEIGHT = 150
COLUMN_TOP = 22
COLUMN_LABEL_ROOM = 52
COLUMN_LEFT = 44


def number(value) -> str:
    """A whole number grouped the way the reader's language writes it."""
    return formats.number_format(round(Decimal(value)), 0, force_grouping=True)


@dataclass
class Bar:
    """One category: a hatched bar for what is firmly committed, a solid one for what was paid."""

    label: str
    short_label: str
    y: int
    committed_width: int
    paid_width: int
    committed_text: str
    paid_text: str

    @property
    def label_y(self) -> int:
        return self.y + BAR_HEIGHT + BAR_GAP // 2 + 4

    @property
    def paid_y(self) -> int:
        return self.y + BAR_HEIGHT + BAR_GAP

    @property
    def committed_text_x(self) -> int:
        return LABEL_WIDTH + self.committed_width + 6

    @property
    def paid_text_x(self) -> int:
        return LABEL_WIDTH + self.paid_width + 6

    @property
    def committed_text_y(self) -> int:
        return self.y + BAR_HEIGHT - 3

    @property
    def paid_text_y(self) -> int:
        return self.paid_y + BAR_HEIGHT - 3


@dataclass
class BarChart:
    """A horizontal bar chart of committed against paid, with its data rows for the table."""

    id: str
    rows: list[Row]
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    label_x: int = LABEL_WIDTH - 8
    plot_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def bar_chart(chart_id: str, rows: list[Row], limit: int | None = None) -> BarChart:
    """Lay out up to `limit` rows with money in them (every row stays in the table)."""
    shown = [row for row in rows if row.committed or row.paid][:limit]
    top = max((max(row.committed, row.paid) for row in shown), default=Decimal(0)) or Decimal(1)
    step = 2 * BAR_HEIGHT + BAR_GAP + GROUP_GAP
    bars = [
        Bar(
            label=row.label,
            short_label=Truncator(row.label).chars(LABEL_CHARS),
            y=TOP + index * step,
            committed_width=_length(row.committed, top, PLOT_WIDTH),
            paid_width=_length(row.paid, top, PLOT_WIDTH),
            committed_text=number(row.committed),
            paid_text=f"{number(row.paid)} ({row.share}%)",
        )
        for index, row in enumerate(shown)
    ]
    return BarChart(chart_id, rows, bars, height=TOP + len(bars) * step + 4)


@dataclass
class Column:
    """One month's column, its value written above it and its month below."""

    label: str
    x: int
    y: int
    height: int
    text: str

    @property
    def text_x(self) -> int:
        return self.x + ColumnChart.column_width // 2

    @property
    def text_y(self) -> int:
        return self.y - 4

    @property
    def label_y(self) -> int:
        return COLUMN_TOP + COLUMN_PLOT_HEIGHT + 14


@dataclass
class ColumnChart:
    """A column chart of one value per month."""

    id: str
    columns: list[Column]
    width: int
    height: int = COLUMN_TOP + COLUMN_PLOT_HEIGHT + COLUMN_LABEL_ROOM
    baseline: int = COLUMN_TOP + COLUMN_PLOT_HEIGHT
    column_width: int = 24
    gap: int = 7


def column_chart(chart_id: str, months: list[Month], value: str) -> ColumnChart:
    """Lay out one column per month of `value` ("count" or "value")."""
    amounts = [Decimal(getattr(month, value)) for month in months]
    top = max(amounts, default=Decimal(0)) or Decimal(1)
    step = ColumnChart.column_width + ColumnChart.gap
    columns = []
    for index, (month, amount) in enumerate(zip(months, amounts, strict=True)):
        height = _length(amount, top, COLUMN_PLOT_HEIGHT)
        columns.append(
            Column(
                # Translatable: Ukrainian writes months in lower case ("лис 2026").
                label=formats.date_format(month.start, gettext("M Y")),
                x=COLUMN_LEFT + index * step,
                y=COLUMN_TOP + COLUMN_PLOT_HEIGHT - height,
                height=height,
                text=number(amount) if amount else "",
            )
        )
    return ColumnChart(chart_id, columns, width=COLUMN_LEFT + 8 + len(months) * step)


def _length(value: Decimal, top: Decimal, full: int) -> int:
    """Pixels for `value` on a scale where `top` is `full`; anything above zero shows."""
    if value <= 0:
        return 0
    return max(1, round(value * full / top))
