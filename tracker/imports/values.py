"""Turning the text of a cell into a number, a date, a choice or a reference row.

Each parser returns the value or raises CellError with a message for the user.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from tracker.reference.models import (
    NOT_PARTNERS,
    CapabilityCategory,
    Organisation,
    Partner,
    PartnerCountry,
    Priority,
    validate_partner_country,
    validate_seller_country,
)

# Years outside this range are typing mistakes, not commitments.
FIRST_YEAR, LAST_YEAR = 1991, 2100
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d")
# Thousands separators people type: spaces (also non-breaking), apostrophes, underscores.
GROUPING = re.compile(r"[\s\u00a0\u202f'’_]")
AMOUNT_DIGITS, AMOUNT_PLACES = 16, 2


class CellError(ValueError):
    """A cell's text is not a valid value; str() is the message for the user."""


def parse_int(text: str) -> int | None:
    """A whole number ≥ 0, or None for an empty cell."""
    value = parse_decimal(text)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(_("“%(text)s” is not a whole number.") % {"text": text})
    if value > 10**15:
        raise CellError(_("“%(text)s” is too large.") % {"text": text})
    return int(value)


def parse_decimal(text: str) -> Decimal | None:
    """A number ≥ 0 with at most two decimals, or None for an empty cell.

    "1 000,50", "1.000,50", "1,000.50" and "1000.5" all read as 1000.50: the last of
    "." or "," followed by one or two digits is the decimal mark, other marks group digits.
    """
    raw = GROUPING.sub("", text or "")
    if not raw:
        return None
    last = max(raw.rfind("."), raw.rfind(","))
    if last >= 0 and 1 <= len(raw) - last - 1 <= 2:
        raw = raw[:last].replace(".", "").replace(",", "") + "." + raw[last + 1 :]
    else:
        raw = raw.replace(".", "").replace(",", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", raw):
        raise CellError(
            _("“%(text)s” is not a number (use digits, and at most two decimals).") % {"text": text}
        )
    value = Decimal(raw)
    if value >= Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES):
        raise CellError(_("“%(text)s” is too large.") % {"text": text})
    return value


def parse_date(text: str) -> datetime.date | None:
    """A date as 2026-03-31, 31.03.2026 or 31/03/2026, or None for an empty cell."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > 10 and text[10] in " T":
        text = text[:10]  # a date with a time of day, as spreadsheets sometimes store it
    for pattern in DATE_FORMATS:
        try:
            value = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
    raise CellError(_("“%(text)s” is not a date (write it as 2026-03-31 or 31.03.2026).") % {"text": text})


def parse_choice(text: str, choices, default: str | None = None) -> str:
    """A choice given by its code or by its label in English or Ukrainian."""
    text = (text or "").strip()
    if not text:
        if default is None:
            raise CellError(_("This value is required."))
        return default
    wanted = text.casefold()
    for language in ("en", "uk"):
        with translation.override(language):
            for value, label in choices:
                if wanted in (str(value).casefold(), str(label).casefold()):
                    return value
    raise CellError(_("“%(text)s” is not one of the allowed values.") % {"text": text})


YES = {"yes", "y", "true", "1", "так", "т"}
NO = {"", "no", "n", "false", "0", "ні", "н"}


def parse_bool(text: str) -> bool:
    """Yes or no, in English or Ukrainian; an empty cell is no."""
    value = (text or "").strip().casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellError(_("“%(text)s” is neither yes nor no.") % {"text": text})


class References:
    """Reference rows loaded once per file and found by code, number or name (either language)."""

    def __init__(self):
        self.priorities = _index(Priority.objects.all(), lambda p: [p.code, str(p.number), p.name, p.name_uk])
        self.capabilities = _index(CapabilityCategory.objects.all(), lambda c: [c.code, c.name, c.name_uk])
        self.countries = _index(PartnerCountry.objects.all(), lambda c: _country_keys(str(c.code)))
        # Named whether or not the reference table holds them, so the refusal says why.
        self.barred = _index(sorted(NOT_PARTNERS), _country_keys)
        self.partners = _index(
            Partner.objects.select_related("country"), lambda p: [p.code, p.name, p.name_uk]
        )
        self.companies = _index(
            Organisation.objects.filter(
                kind__in=[Organisation.Kind.PARTNER_COMPANY, Organisation.Kind.ENTERPRISE]
            ),
            lambda o: [o.code, o.name, o.name_uk],
        )

    def partner(self, text: str) -> Partner:
        """The partner named by its code (a country's ISO code) or by name in either language.

        A country that cannot be a partner is refused as such, not as unknown."""
        _refuse(self.barred, text, validate_partner_country)
        return _find(
            self.partners,
            text,
            _(
                "Unknown partner “%(text)s”: use a country's ISO code or name, or the code of an "
                "organisation as the Partners page lists it."
            ),
        )

    def company(self, text: str) -> Organisation:
        """A partner company or a Ukrainian enterprise, by code or name."""
        return _find(
            self.companies,
            text,
            _("Unknown company “%(text)s”: add it as an organisation (a partner company) first."),
        )

    def priority(self, text: str) -> Priority:
        """The priority named by code, number or name."""
        return _find(self.priorities, text, _("Unknown priority “%(text)s”."))

    def capability(self, text: str) -> CapabilityCategory:
        """The capability category named by code or name."""
        return _find(self.capabilities, text, _("Unknown capability category “%(text)s”."))

    def seller_country(self, text: str) -> PartnerCountry:
        """The seller's country, named by ISO code or by name in English or Ukrainian."""
        _refuse(self.barred, text, validate_seller_country)
        return _find(self.countries, text, _("Unknown country “%(text)s”."))


def _country_keys(code: str) -> list[str]:
    keys = [code]
    for language in ("en", "uk"):
        with translation.override(language):
            keys.append(str(countries.name(code)))
    return keys


def _index(rows, keys) -> dict:
    index = {}
    for row in rows:
        for key in keys(row):
            if key:
                index.setdefault(str(key).strip().casefold(), row)
    return index


def _refuse(barred: dict, text: str, validate) -> None:
    """Refuse a barred country with the validator's reason rather than as unknown."""
    code = barred.get((text or "").strip().casefold())
    if code:
        try:
            validate(code)
        except ValidationError as error:
            raise CellError(error.messages[0]) from None


def _find(index: dict, text: str, message: str):
    text = (text or "").strip()
    if not text:
        raise CellError(_("This value is required."))
    try:
        return index[text.casefold()]
    except KeyError:
        raise CellError(message % {"text": text[:100]}) from None
