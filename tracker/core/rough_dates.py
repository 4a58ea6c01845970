"""Dates known only roughly: "June 2024", "Q3 2024", "2024", "July–August 2024".

A rough date is stored as the day it counts from in figures "as of" a date — the last day
of its period — with its precision, and for a period of months the first day too:

    on          the last day of the period (the day itself for a day): sorting, filtering
                and "as of" figures use it, so nothing counts before its period is over;
    precision   day, month, quarter, year or period;
    start       the first day of a period (stored only for `period`; derived otherwise).

Forms and imports accept the shapes below in English and Ukrainian; pages show the date as
it was given.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTHS = {
    # English, full and short; Ukrainian nominative and genitive.
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    **dict.fromkeys(("січень", "січня"), 1),
    **dict.fromkeys(("лютий", "лютого"), 2),
    **dict.fromkeys(("березень", "березня"), 3),
    **dict.fromkeys(("квітень", "квітня"), 4),
    **dict.fromkeys(("травень", "травня"), 5),
    **dict.fromkeys(("червень", "червня"), 6),
    **dict.fromkeys(("липень", "липня"), 7),
    **dict.fromkeys(("серпень", "серпня"), 8),
    **dict.fromkeys(("вересень", "вересня"), 9),
    **dict.fromkeys(("жовтень", "жовтня"), 10),
    **dict.fromkeys(("листопад", "листопада"), 11),
    **dict.fromkeys(("грудень", "грудня"), 12),
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
DAY_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y")


class Precision(models.TextChoices):
    DAY = "day", gettext_lazy("Day")
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    YEAR = "year", gettext_lazy("Year")
    PERIOD = "period", gettext_lazy("Period of months")


@dataclass(frozen=True)
class RoughDate:
    """A date as precise as it is known: its last day (`on`), precision and first day."""

    on: datetime.date
    precision: str = Precision.DAY
    start: datetime.date | None = None

    @property
    def first(self) -> datetime.date:
        """The first day of the period."""
        if self.precision == Precision.DAY:
            return self.on
        if self.precision == Precision.MONTH:
            return self.on.replace(day=1)
        if self.precision == Precision.QUARTER:
            return datetime.date(self.on.year, self.on.month - 2, 1)
        if self.precision == Precision.YEAR:
            return datetime.date(self.on.year, 1, 1)
        return self.start or self.on

    def stored(self, prefix: str) -> dict:
        """The model fields `<prefix>_on`, `<prefix>_precision`, `<prefix>_from`."""
        start = self.start if self.precision == Precision.PERIOD else None
        return {f"{prefix}_on": self.on, f"{prefix}_precision": self.precision, f"{prefix}_from": start}


def day(value: datetime.date) -> RoughDate:
    return RoughDate(value)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def parse(text: str) -> RoughDate | None:
    """A rough date from what a person typed, or None when the text is empty.

    Raises ValueError with a message for the person when the text is not a date.
    """
    raw = " ".join((text or "").strip().lower().replace("р.", "").replace("року", "").split())
    if not raw:
        return None
    for shape in DAY_FORMATS:
        try:
            return RoughDate(datetime.datetime.strptime(raw, shape).date())
        except ValueError:
            continue
    year = r"(\d{4})"
    if m := re.fullmatch(year, raw):
        return RoughDate(datetime.date(int(m[1]), 12, 31), Precision.YEAR)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})|(\d{1,2})[./](\d{4})", raw):
        y, mo = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return _month(y, mo)
    quarter = r"(?:q([1-4])|([1-4])\s*(?:кв\.?|квартал)|(i{1,3}|iv)\s*(?:кв\.?|квартал))"
    if m := re.fullmatch(quarter + r"\s*" + year, raw):
        q = int(m[1] or m[2] or ROMAN[m[3]])
        return RoughDate(_month_end(int(m[4]), q * 3), Precision.QUARTER)
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    if m := re.fullmatch(rf"({months})\.?\s*{year}", raw):
        return _month(int(m[2]), MONTHS[m[1]])
    if m := re.fullmatch(rf"({months})\.?\s*[-–—]\s*({months})\.?\s*{year}", raw):
        first, last, y = MONTHS[m[1]], MONTHS[m[2]], int(m[3])
        if last <= first:
            raise ValueError(_("The period ends before it starts."))
        return RoughDate(_month_end(y, last), Precision.PERIOD, datetime.date(y, first, 1))
    raise ValueError(
        _("“%(text)s” is not a date: write 2 Dec 2026, June 2024, Q3 2024, 2024 or July–August 2024.")
        % {"text": text.strip()[:60]}
    )


def _month(year: int, month: int) -> RoughDate:
    if not 1 <= month <= 12:
        raise ValueError(_("There is no month %(month)s.") % {"month": month})
    return RoughDate(_month_end(year, month), Precision.MONTH)


def display(
    on: datetime.date | None, precision: str = Precision.DAY, start: datetime.date | None = None
) -> str:
    """A rough date as it was given, in the reader's language."""
    if on is None:
        return ""
    if precision == Precision.MONTH:
        return formats.date_format(on, "YEAR_MONTH_FORMAT")
    if precision == Precision.QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": (on.month - 1) // 3 + 1, "year": on.year}
    if precision == Precision.YEAR:
        return str(on.year)
    if precision == Precision.PERIOD and start:
        return _("%(first)s–%(last)s %(year)s") % {
            "first": formats.date_format(start, "F"),
            "last": formats.date_format(on, "F"),
            "year": on.year,
        }
    return formats.date_format(on, "DATE_FORMAT")


def precision_field() -> models.CharField:
    return models.CharField(
        gettext_lazy("precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )


def period_start_field() -> models.DateField:
    return models.DateField(gettext_lazy("period from"), null=True, blank=True)


class EffectiveDate(models.Model):
    """When a change took effect — the partner's decision or the event's date, as precise as
    it is known — besides when it was recorded, and where that is documented."""

    effective_on = models.DateField(gettext_lazy("effective"))
    effective_precision = precision_field()
    effective_from = period_start_field()
    source = models.CharField(
        gettext_lazy("source"),
        max_length=500,
        blank=True,
        help_text=gettext_lazy("A link or a document reference."),
    )

    class Meta:
        abstract = True

    @property
    def effective(self) -> RoughDate:
        return RoughDate(self.effective_on, self.effective_precision, self.effective_from)

    @property
    def effective_display(self) -> str:
        return display(self.effective_on, self.effective_precision, self.effective_from)


def precision_constraints(prefix: str, name: str) -> list[models.CheckConstraint]:
    """A rough date's rules, as constraints named `name_...`: a known precision, and a first
    day exactly when it is a period (and before its last day)."""
    on, precision, start = f"{prefix}_on", f"{prefix}_precision", f"{prefix}_from"
    Q = models.Q
    return [
        models.CheckConstraint(
            condition=Q(**{f"{precision}__in": Precision.values}), name=f"{name}_precision_valid"
        ),
        models.CheckConstraint(
            condition=(
                Q(**{precision: Precision.PERIOD})
                & Q(**{f"{start}__isnull": False, f"{start}__lt": models.F(on)})
            )
            | (~Q(**{precision: Precision.PERIOD}) & Q(**{f"{start}__isnull": True})),
            name=f"{name}_period_has_its_first_day",
        ),
    ]


def effective_date(value: "RoughDate | datetime.date | None") -> RoughDate:
    """When a change took effect: today when not given; refused when it starts in the future."""
    when = value if isinstance(value, RoughDate) else RoughDate(value or timezone.localdate())
    if when.first > timezone.localdate():
        raise ValidationError(_("A change cannot take effect in the future."), code="future")
    return when
