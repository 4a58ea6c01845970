"""One search over projects, commitments, contacts and partner countries, scoped to the user.

PostgreSQL answers with full-text search on the GIN-indexed vectors of tracker/core/fulltext.py;
SQLite (the embedded development database) with `icontains` on the same fields.
"""

import functools
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connections, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, translation
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tracker.commitments.models import COMMITMENT_TEXT, Commitment
from tracker.contacts.models import CONTACT_TEXT, Contact
from tracker.core.fulltext import SEARCH_CONFIG, contains_text, strip_accents, text_vector
from tracker.core.quantities import quantity_with_unit
from tracker.projects.models import PROJECT_TEXT, Project
from tracker.reference.models import Organisation, PartnerCountry

# A partner company is found by its name in either language.
COMPANY_TEXT = ("name", "name_uk")
# Longer input is cut: nobody types more, and it bounds the work of the query parser.
MAX_QUERY_LENGTH = 200
GROUP_SIZE = 10
# Counting every match of a common word costs as much as reading the rows; past this
# many the page says "1000+" instead.
COUNT_CAP = 1000
# A plain word (letters, digits, underscore) can safely become a prefix term `word:*`.
PLAIN_WORD = re.compile(r"^\w+$")
# Where each kind's full list lives; those lists filter by the same `q`.
LIST_URL_NAMES = {
    "projects": "projects:list",
    "commitments": "commitments:list",
    "contacts": "contacts:list",
    "partners": "partners:list",
}


def clean_query(raw: str | None) -> str:
    """The query as searched: control characters dropped, spaces collapsed, length capped."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 2])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def matching(queryset: QuerySet, fields: tuple[str, ...], q: str) -> QuerySet:
    """The rows of `queryset` whose text `fields` contain every word of `q`."""
    q = clean_query(q)
    if not q:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        # alias(), not annotate(): the vector is only filtered on, never selected or
        # recomputed for the rows read.
        return queryset.alias(search_text=text_vector(fields)).filter(search_text=text_query(q))
    return queryset.filter(_contains_every_word(fields, q))


def text_query(q: str) -> SearchQuery:
    """websearch syntax ("quoted phrase", or, -word); the last plain word also matches as a prefix,
    so results appear while the user is still typing it."""
    words = q.split()
    if not all(PLAIN_WORD.match(word) for word in words):
        return SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
    *head, last = words
    prefix = SearchQuery(f"{last}:*", config=SEARCH_CONFIG, search_type="raw")
    if not head:
        return prefix
    return SearchQuery(" ".join(head), config=SEARCH_CONFIG, search_type="websearch") & prefix


def _contains_every_word(fields: tuple[str, ...], q: str) -> Q:
    condition = Q()
    for word in q.replace('"', " ").split():
        any_field = Q()
        for name in fields:
            any_field |= contains_text(name, word)
        condition &= any_field
    return condition


def matching_projects(queryset: QuerySet, q: str) -> QuerySet:
    """Projects whose reference, title or description match `q`, or one of whose partner
    companies is named by it."""
    if not clean_query(q):
        return queryset
    # Two subqueries, each read once: the text through its GIN index, the companies (a few
    # dozen rows) by name; a project never needs its vector computed row by row.
    by_text = matching(Project.objects.all(), PROJECT_TEXT, q).values("pk")
    companies = matching(Organisation.objects.filter(kind=Organisation.Kind.PARTNER_COMPANY), COMPANY_TEXT, q)
    by_company = Project.partner_companies.through.objects.filter(organisation__in=companies)
    return queryset.filter(Q(pk__in=by_text) | Q(pk__in=by_company.values("project_id")))


def matching_commitments(queryset: QuerySet, q: str) -> QuerySet:
    """Commitments whose item matches `q`."""
    return matching(queryset, COMMITMENT_TEXT, q)


def matching_contacts(queryset: QuerySet, q: str) -> QuerySet:
    """Contacts whose counterpart, participants, summary or outcome match `q`."""
    return matching(queryset, CONTACT_TEXT, q)


@dataclass
class Hit:
    """One result line: what it is, where it leads, and a line of detail."""

    title: str
    url: str
    detail: str = ""


@dataclass
class Group:
    """The results of one kind, at most GROUP_SIZE shown, with the (capped) total."""

    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    list_url: str = ""

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def shown_count(self) -> int:
        return min(self.count, COUNT_CAP)

    @property
    def has_more(self) -> bool:
        return self.count > len(self.hits)


def search(user, q: str) -> list[Group]:
    """Every kind's matches of `q` among what `user` may see; a fixed number of queries."""
    q = clean_query(q)
    if not q:
        return []
    connection = connections[Project.objects.db]
    if connection.vendor != "postgresql":
        return _search(user, q)
    nested = connection.in_atomic_block
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # PostgreSQL costs to_tsvector() as cheap, so for a word that matches a few hundred
        # projects it plans to compute the vector of every project (150 to 400 ms at 5,000
        # projects) rather than read the GIN index (about 10 ms). Within this transaction
        # only, it reads the indexes wherever it can; and without JIT, which the cost of a
        # plan without a table scan would otherwise start (600 ms of compiling).
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
            "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
        )
        seqscan, jit, *_ = cursor.fetchone()
        try:
            return _search(user, q)
        finally:
            if nested:  # inside an outer transaction the settings would outlive the search
                restore = "SELECT set_config('enable_seqscan', %s, true), set_config('jit', %s, true)"
                cursor.execute(restore, [seqscan, jit])


def _search(user, q: str) -> list[Group]:
    projects = matching_projects(Project.objects.visible_to(user), q)
    commitments = matching_commitments(Commitment.objects.visible_to(user), q)
    contacts = matching_contacts(Contact.objects.visible_to(user), q)
    return [
        _group(
            "projects", _("Projects"), projects.select_related("enterprise"), "updated_at", q, _project_hit
        ),
        _group(
            "commitments",
            _("Commitments"),
            commitments.select_related("partner"),
            "updated_at",
            q,
            _commitment_hit,
        ),
        _group("contacts", _("Contacts"), contacts.select_related("country"), "held_on", q, _contact_hit),
        _partner_group(q),
    ]


def _group(kind: str, label, queryset: QuerySet, newest: str, q: str, hit) -> Group:
    """The GROUP_SIZE newest matches (by the `newest` field) and how many match, up to COUNT_CAP."""
    count = _capped_count(queryset)
    if count <= COUNT_CAP:
        # Few matches: read them all through the GIN index, then sort. Sorting on an
        # expression no b-tree index holds keeps PostgreSQL from walking the whole table in
        # date order instead, a plan it picks when it overestimates the matches of a rare word.
        ordering = [Coalesce(newest, newest).desc(), Coalesce("id", "id").desc()]
    else:
        # Many matches: walking the date index meets the newest ones within a few rows.
        ordering = [F(newest).desc(), F("id").desc()]
    rows = list(queryset.order_by(*ordering)[:GROUP_SIZE])
    return Group(kind, label, [hit(row) for row in rows], count, _list_url(kind, q))


def _capped_count(queryset: QuerySet) -> int:
    # Without ORDER BY, PostgreSQL stops reading after COUNT_CAP + 1 matches.
    return queryset.order_by().values("pk")[: COUNT_CAP + 1].count()


def _list_url(kind: str, q: str) -> str:
    return f"{reverse(LIST_URL_NAMES[kind])}?{urlencode({'q': q})}"


def _project_hit(project: Project) -> Hit:
    return Hit(
        f"{project.reference} — {project.title}",
        project.get_absolute_url(),
        f"{project.enterprise} · {project.get_status_display()}",
    )


def _commitment_hit(commitment: Commitment) -> Hit:
    # Formatted as on every other page: grouped digits, no trailing zeros.
    if commitment.quantity is not None:
        size = quantity_with_unit(commitment.quantity, commitment.unit)
    else:  # a commitment states a quantity or an amount (a constraint)
        size = f"{floatformat(commitment.amount, '-2g')} {commitment.currency}"
    return Hit(
        f"{commitment.partner.display_name} — {commitment.item}",
        commitment.get_absolute_url(),
        f"{commitment.get_stage_display()} · {size}",
    )


def _contact_hit(contact: Contact) -> Hit:
    return Hit(
        " · ".join(
            (
                formats.date_format(contact.held_on),
                contact.country.display_name,
                contact.counterpart_organisation,
            )
        ),
        contact.get_absolute_url(),
        Truncator(contact.summary).chars(160),
    )


def _partner_group(q: str) -> Group:
    """Partner countries by name in English or Ukrainian, code, embassy city or head of mission.

    There are fewer than 250 rows, so they are matched in Python: that also covers the
    Ukrainian country names, which live in the country library rather than the database.
    """
    words = strip_accents(q).casefold().replace('"', " ").split()
    names = _country_names()
    found = [
        (code, active)
        for code, city, head, active in PartnerCountry.objects.order_by(
            "-is_active_partner", "name"
        ).values_list("code", "embassy_city", "head_of_mission", "is_active_partner")
        if all(word in strip_accents(f"{names.get(code, code)} {city} {head}").casefold() for word in words)
    ]
    hits = [
        Hit(
            str(countries.name(code)),
            PartnerCountry(code=code).get_absolute_url(),
            str(_("Active partner")) if active else "",
        )
        for code, active in found[:GROUP_SIZE]
    ]
    return Group("partners", _("Partner countries"), hits, len(found), _list_url("partners", q))


@functools.cache
def _country_names() -> dict[str, str]:
    """Each country code with its English and Ukrainian names (fixed while the app runs)."""
    names = {code: code for code in countries.countries}
    for language in ("en", "uk"):
        with translation.override(language):
            for code, name in countries:
                names[code] = f"{names[code]} {name}"
    return {code: strip_accents(name) for code, name in names.items()}
