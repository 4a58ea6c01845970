"""Reference data: priorities, capability categories, organisations, partner countries."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField


class Bilingual(models.Model):
    """A row with an English and a Ukrainian name, shown in the reader's language."""

    name = models.CharField(_("name (English)"), max_length=200)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, English when no translation exists."""
        if (get_language() or "en").startswith("uk") and self.name_uk:
            return self.name_uk
        return self.name


class Priority(Bilingual):
    """One of the three lines of work the head of state set for diplomacy."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_uk = models.TextField(_("description (Ukrainian)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    @property
    def display_description(self) -> str:
        if (get_language() or "en").startswith("uk") and self.description_uk:
            return self.description_uk
        return self.description


class CapabilityCategory(Bilingual):
    """A kind of capability a project or commitment is about."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("capability category")
        verbose_name_plural = _("capability categories")


class Organisation(Bilingual):
    """The ministry, the state concern, its enterprises, and partner bodies and firms."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        CONCERN = "concern", _("State defence-industry concern")
        ENTERPRISE = "enterprise", _("Defence enterprise")
        PARTNER_GOVERNMENT = "partner_government", _("Partner government body")
        PARTNER_COMPANY = "partner_company", _("Partner company")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


# Countries that may be neither a partner nor a seller of arms to Ukraine; Ukraine is not
# its own partner (but a Ukrainian enterprise sells in a partner-funded order, the
# "Danish model"). Constraints, validation and choice lists all read these two sets.
NOT_SELLERS = frozenset({"RU", "BY", "IR", "KP"})
NOT_PARTNERS = NOT_SELLERS | {"UA"}
UKRAINE = "UA"


def country_names(code) -> dict[str, str]:
    """A country's name in English and in Ukrainian, from the country library."""
    names = {}
    for language, field in (("en", "name"), ("uk", "name_uk")):
        with translation.override(language):
            names[field] = str(countries.name(str(code)))
    return names


def validate_partner_country(code: str) -> None:
    """Refuse a country that cannot be a partner, saying why."""
    if str(code).upper() in NOT_PARTNERS:
        raise ValidationError(
            _("%(country)s cannot be a partner.") % {"country": countries.name(str(code).upper()) or code},
            code="not_a_partner",
        )


def validate_seller_country(code: str) -> None:
    """Refuse a country Ukraine does not buy arms from, saying why."""
    if str(code).upper() in NOT_SELLERS:
        raise ValidationError(
            _("%(country)s cannot be a seller.") % {"country": countries.name(str(code).upper()) or code},
            code="not_a_seller",
        )


class PartnerCountryQuerySet(models.QuerySet):
    def active(self) -> "PartnerCountryQuerySet":
        return self.filter(is_active_partner=True)

    def listed(self, used_ids: models.QuerySet) -> "PartnerCountryQuerySet":
        """Active partners and the countries in `used_ids` (a subquery of ids): what a filter
        offers, instead of every country in the world."""
        return self.filter(models.Q(is_active_partner=True) | models.Q(id__in=used_ids))


class PartnerCountry(models.Model):
    """A country and Ukraine's embassy there; its name comes from the country library."""

    code = CountryField(_("country"), unique=True)
    name = models.CharField(
        _("name"),
        max_length=100,
        editable=False,
        help_text=_("Copied from the country library so lists can sort and search by it."),
    )
    is_active_partner = models.BooleanField(_("active partner"), default=False, db_index=True)
    embassy_city = models.CharField(_("embassy city"), max_length=100, blank=True)
    head_of_mission = models.CharField(_("head of mission"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PartnerCountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner country")
        verbose_name_plural = _("partner countries")

    def __str__(self) -> str:
        return str(self.code.name)

    def save(self, *args, **kwargs) -> None:
        with translation.override("en"):
            self.name = str(self.code.name) if self.code else ""
        super().save(*args, **kwargs)
        if self.code and str(self.code) not in NOT_PARTNERS:
            # Every country that may be a partner has its Partner row (seeding makes them in bulk).
            Partner.objects.get_or_create(
                country=self,
                defaults={"kind": PartnerKind.COUNTRY, "code": str(self.code), **country_names(self.code)},
            )

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[str(self.code)])

    @property
    def display_name(self) -> str:
        """The country name in the active language, from the country library."""
        return str(self.code.name)


def partner_code(text: str) -> str:
    """A partner's code as stored: a country's ISO code in capitals, an organisation's in
    small letters (URLs and files may carry either)."""
    text = text.strip()
    return text.upper() if len(text) == 2 else text.lower()


class PartnerQuerySet(models.QuerySet):
    def coded(self, text: str) -> "PartnerQuerySet":
        """The partner a code names (see partner_code), as a queryset for get_object_or_404.

        A two-letter organisation code ("eu") is in small letters, a country's in capitals."""
        if len(text.strip()) == 2:
            return self.filter(code__in=[partner_code(text), text.strip().lower()])
        return self.filter(code=partner_code(text))

    def active(self) -> "PartnerQuerySet":
        """Partners that support Ukraine now: active partner countries, active organisations."""
        return self.filter(
            Q(kind=PartnerKind.COUNTRY, country__is_active_partner=True)
            | (~Q(kind=PartnerKind.COUNTRY) & Q(is_active=True))
        )

    def by_activity(self) -> "PartnerQuerySet":
        """Active partners first, then the others; each group by name."""
        active = self.active().values("pk")
        return self.annotate(
            is_current=models.Case(models.When(pk__in=active, then=True), default=False)
        ).order_by("-is_current", "name")


class PartnerKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    EU = "eu", _("European Union body or facility")
    NATO = "nato", _("NATO body or trust fund")
    INITIATIVE = "initiative", _("Multinational initiative or coalition")
    ORGANISATION = "organisation", _("Other organisation")


class Partner(Bilingual):
    """Whoever commits support: a country, or an organisation (the EU and its facilities,
    NATO and its trust funds, a multinational initiative)."""

    Kind = PartnerKind

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A country's ISO code (PL), or a short name of an organisation (eu-epf)."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    country = models.OneToOneField(
        PartnerCountry,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner",
    )
    lead_country = models.ForeignKey(
        PartnerCountry,
        verbose_name=_("lead country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_initiatives",
    )
    members = models.ManyToManyField(
        PartnerCountry, verbose_name=_("member countries"), blank=True, related_name="initiatives"
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("For organisations; a country is active as a partner country.")
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartnerKind.values), name="partner_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=PartnerKind.COUNTRY, country__isnull=False, code__regex=r"^[A-Z]{2}$")
                | (~Q(kind=PartnerKind.COUNTRY) & Q(country__isnull=True) & Q(code__regex=r"^[a-z0-9-]+$")),
                name="partner_country_iff_kind_country",
                violation_error_message=_(
                    "A country partner has its country and ISO code (PL); an organisation has no "
                    "country and a code of small letters, digits and hyphens (eu-epf)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(lead_country__isnull=True) | Q(kind=PartnerKind.INITIATIVE),
                name="partner_lead_only_for_initiatives",
                violation_error_message=_("Only an initiative has a lead country."),
            ),
            models.CheckConstraint(
                condition=~Q(code__in=sorted(NOT_PARTNERS)),
                name="partner_not_excluded",
                violation_error_message=_(
                    "Russia, Belarus, Iran, North Korea and Ukraine cannot be partners."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.code])

    @property
    def is_country(self) -> bool:
        return self.kind == self.Kind.COUNTRY

    def clean(self) -> None:
        if self.country_id and self.country.code:
            validate_partner_country(self.country.code)
        if self.kind == self.Kind.COUNTRY and self.country_id:
            self.code = str(self.country.code)
