"""A quantity with its unit in the reader's language. Ukrainian nouns take three forms after
a number (1 система, 2 системи, 5 систем), so the unit is chosen with the number, never
glued after it as one fixed word."""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext_lazy

from tracker.core.money import Unit

# "count" picks the plural form, "quantity" is the number as shown (grouped, decimals kept).
COUNTED = {
    Unit.PIECES: ngettext_lazy("%(quantity)s piece", "%(quantity)s pieces", "count"),
    Unit.ROUNDS: ngettext_lazy("%(quantity)s round", "%(quantity)s rounds", "count"),
    Unit.SYSTEMS: ngettext_lazy("%(quantity)s system", "%(quantity)s systems", "count"),
    Unit.BATTERIES: ngettext_lazy("%(quantity)s battery", "%(quantity)s batteries", "count"),
    Unit.VEHICLES: ngettext_lazy("%(quantity)s vehicle", "%(quantity)s vehicles", "count"),
    Unit.LAUNCHERS: ngettext_lazy("%(quantity)s launcher", "%(quantity)s launchers", "count"),
    Unit.MISSILES: ngettext_lazy("%(quantity)s missile", "%(quantity)s missiles", "count"),
    Unit.SETS: ngettext_lazy("%(quantity)s set", "%(quantity)s sets", "count"),
    Unit.PEOPLE: ngettext_lazy("%(quantity)s person trained", "%(quantity)s people trained", "count"),
    Unit.REPAIRS: ngettext_lazy("%(quantity)s repair", "%(quantity)s repairs", "count"),
    Unit.OTHER: ngettext_lazy("%(quantity)s other unit", "%(quantity)s other units", "count"),
}


def quantity_with_unit(quantity: Decimal | int | None, unit: str) -> str:
    """ "2 systems" / "2 системи": the number as the pages show it, the unit in its form."""
    if quantity is None:
        return ""
    shown = floatformat(quantity, "g")
    phrase = COUNTED.get(unit)
    if phrase is None:
        return f"{shown} {unit}".strip()
    number = Decimal(quantity)
    # A fraction takes the form of "2" (English plural; Ukrainian genitive singular, "2,5 системи").
    count = int(number) if number == number.to_integral_value() else 2
    return phrase % {"quantity": shown, "count": count}
