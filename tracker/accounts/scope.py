"""What a user reaches: the one definition of scope that every queryset, permission check,
form choice, import check and shared cache key reads.

A user's role gives their facts:
  coordinators     every row, and they may change every row (`sees_all`);
  viewers          every row that is not restricted (`reads_all`), changing none;
  embassy staff    the partner countries they cover (`country_ids()`);
  industry staff   their organisation and the enterprises that are part of it (an
                   enterprise is theirs when it is their organisation or its parent is).
Each kind of object states its "visible" and "editable" rules once, on its queryset, in
terms of these facts (through `Scope.reach`); nothing else tests roles for scope.
"""

import functools
import hashlib
import json
import operator
from collections.abc import Collection

from django.db.models import Model, Q, QuerySet

from tracker.reference.models import PartnerCountry


class Reach:
    """The rows a rule reaches: every row, or those where a lookup holds one of the given ids.

    One rule read two ways: `filter(queryset)` (or `q()`) for lists and lookups, and
    `covers(obj)` on one loaded row, so "may I change this" and the queryset behind it
    cannot disagree. `covers` reads the row's own columns, and a related row only where the
    rule names one (an enterprise's parent: load it with select_related).
    """

    def __init__(self, everything: bool, within: dict[str, Collection[int]]):
        self.everything = everything
        # A lookup with no ids reaches nothing: leave it out of the rule.
        self.within = {lookup: frozenset(ids) for lookup, ids in within.items() if ids}

    def q(self) -> Q:
        """The rule as a condition (not for `everything`: an empty Q would vanish in an OR)."""
        if self.everything:
            raise ValueError("A rule that reaches every row has no condition; use filter().")
        if not self.within:
            return Q(pk__in=[])
        return functools.reduce(
            operator.or_, (Q(**{f"{lookup}__in": sorted(ids)}) for lookup, ids in self.within.items())
        )

    def filter(self, queryset: QuerySet) -> QuerySet:
        """The rows of `queryset` this rule reaches."""
        if self.everything:
            return queryset
        if not self.within:
            return queryset.none()
        return queryset.filter(self.q())

    def admits(self, **values) -> bool:
        """Whether a row with these values of the rule's lookups is reached."""
        return self.everything or any(values.get(lookup) in ids for lookup, ids in self.within.items())

    def covers(self, obj: Model) -> bool:
        """Whether the loaded row `obj` is reached."""
        return self.everything or any(_value(obj, lookup) in ids for lookup, ids in self.within.items())

    def reaches_any(self) -> bool:
        """Whether the rule can reach a row at all."""
        return self.everything or bool(self.within)


class Scope:
    """The facts of one user's scope, worked out once per user instance (`user.scope`)."""

    def __init__(self, user):
        self.user = user
        self.signed_in = bool(user is not None and user.is_authenticated)
        self.sees_all = self.signed_in and user.is_coordinator
        self.reads_all = self.signed_in and user.is_viewer
        self.country_bound = self.signed_in and user.is_embassy
        self.enterprise_bound = bool(self.signed_in and user.is_industry and user.organisation_id)

    @functools.cached_property
    def _country_ids(self) -> frozenset[int]:
        if not self.country_bound:
            return frozenset()
        return frozenset(self.user.countries.values_list("id", flat=True))

    def country_ids(self) -> frozenset[int]:
        """The partner countries an embassy user covers (none for other roles)."""
        return self._country_ids

    def organisation_ids(self) -> frozenset[int]:
        """An industry user's organisation, whose members are theirs too (none for other roles)."""
        return frozenset({self.user.organisation_id}) if self.enterprise_bound else frozenset()

    def reach(self, *, country: str = "", enterprise: str = "", owner: str = "") -> Reach:
        """The rows this user reaches through the id lookups named ("country_id",
        "project__enterprise_id", or "pk" for the row itself): coordinators every row;
        embassy staff rows whose `country` is one of their countries; industry staff rows
        whose `enterprise` is their organisation or one of its members; anyone the rows
        whose `owner` is themselves."""
        within: dict[str, Collection[int]] = {}
        if country:
            within[country] = self.country_ids()
        if enterprise:
            within[enterprise] = within[_parent_of(enterprise)] = self.organisation_ids()
        if owner and self.signed_in:
            within[owner] = {self.user.pk}
        return Reach(self.sees_all, within)

    def covered_countries(self) -> QuerySet:
        """The partners whose commitments and contacts this user records: every one for
        coordinators, an embassy user's own (the rule of reach(country=...))."""
        return self.reach(country="pk").filter(PartnerCountry.objects.all())

    def partner_countries(self, countries: QuerySet) -> QuerySet:
        """The partners a user works on: an embassy user's own countries, everyone else all."""
        return countries.filter(pk__in=self.country_ids()) if self.country_bound else countries

    def facts(self) -> dict[str, object]:
        """Everything the "visible" rules read apart from the person themselves (only their
        own follow-ups depend on who they are)."""
        return {
            "signed_in": self.signed_in,
            "sees_all": self.sees_all,
            "reads_all": self.reads_all,
            "country_bound": self.country_bound,
            "countries": sorted(self.country_ids()),
            "organisations": sorted(self.organisation_ids()),
        }

    @property
    def key(self) -> str:
        """Names the facts: users with the same key see the same projects, commitments and
        contacts, so shared caches of those key on it. Derived from `facts()`, never kept
        in step by hand; hashed, as an embassy's countries make a long list."""
        text = json.dumps(self.facts(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _parent_of(lookup: str) -> str:
    """The lookup of the parent of the organisation `lookup` names."""
    return "parent_id" if lookup == "pk" else lookup.removesuffix("_id") + "__parent_id"


def _value(obj: Model, lookup: str):
    """The value a lookup such as "enterprise__parent_id" names on a loaded row."""
    for name in lookup.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


NOBODY = Scope(None)


def scope_of(user) -> Scope:
    """The scope of a user, or of nobody for an anonymous visitor."""
    return user.scope if user is not None and user.is_authenticated else NOBODY
