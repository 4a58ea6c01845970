"""Currencies (ISO 4217, from pycountry) and units used for quantities and amounts."""

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Shown first in currency pickers: the ones partners actually use.
COMMON_CURRENCIES = [
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
    "UAH",
]
ALL_CURRENCIES = sorted(c.alpha_3 for c in pycountry.currencies)
CURRENCY_CHOICES = [(code, code) for code in COMMON_CURRENCIES] + [
    (code, code) for code in ALL_CURRENCIES if code not in COMMON_CURRENCIES
]


def validate_currency(value: str) -> None:
    """Accept only ISO 4217 codes."""
    if value and pycountry.currencies.get(alpha_3=value) is None:
        raise ValidationError(_("“%(value)s” is not an ISO 4217 currency code."), params={"value": value})


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
