"""Currencies (ISO 4217, a curated list) and units used for quantities and amounts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The currencies the tracker records: active ISO 4217 codes that partners commit, pay and
# report in, most used first. The one list every currency menu, form, import and model
# validates against: no fund codes, precious metals or test codes (XAU, XDR, XTS, XXX).
# A partner paying in another currency is a new line here (and a check that pycountry
# knows it: tests/core/test_forms.py).
CURRENCIES = [
    "EUR",
    "USD",
    "GBP",
    "PLN",
    "CAD",
    "NOK",
    "SEK",
    "DKK",
    "CHF",
    "JPY",
    "AUD",
    "CZK",
    "NZD",
    "KRW",
    "TRY",
    "RON",
    "HUF",
    "ISK",
    "UAH",
]
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]


def validate_currency(value: str) -> None:
    """Accept only the tracker's currencies (CURRENCIES)."""
    if value and value not in CURRENCIES:
        raise ValidationError(
            _("“%(value)s” is not a currency the tracker records; use one of %(codes)s."),
            code="invalid_currency",
            params={"value": value, "codes": ", ".join(CURRENCIES)},
        )


class Unit(models.TextChoices):
    PIECES = "pieces", _("pieces")
    ROUNDS = "rounds", _("rounds")
    SYSTEMS = "systems", _("systems")
    BATTERIES = "batteries", _("batteries")
    VEHICLES = "vehicles", _("vehicles")
    LAUNCHERS = "launchers", _("launchers")
    MISSILES = "missiles", _("missiles")
    SETS = "sets", _("sets")
    PEOPLE = "people", _("people trained")
    REPAIRS = "repairs", _("repairs")
    OTHER = "other", _("other units")
