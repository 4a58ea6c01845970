"""Fast writes for synthetic data: PostgreSQL COPY, id blocks, and removing what was generated.

Generated rows carry a marker so they can be told from real ones: generated users,
organisations and project references start with PREFIX; generated commitments, contacts
and follow-ups were created by a generated user.
"""

import json
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.db import connection, models
from django.db.models import Q

from tracker.accounts.models import User
from tracker.commitments.models import Amendment, Commitment, Delivery, Payment, SourceReference
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.history.models import Change
from tracker.projects.models import Project
from tracker.reference.models import Organisation

PREFIX = "gen-"
# Tables holding domain records, children first. Reference data and users are not here.
DOMAIN_MODELS = [
    Change,
    FollowUp,
    Delivery,
    Amendment,
    SourceReference,
    Contact.commitments.through,
    Contact.projects.through,
    Contact,
    Commitment,
    Project.candidate_countries.through,
    Project,
]


def copy_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write rows with COPY (several times faster than INSERT); return how many were written."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_dicts(model: type[models.Model], rows: Iterable[dict], *, with_ids: bool = True) -> int:
    """COPY rows given as {attname: value}; a field left out gets its model default.

    Plain dicts, not model instances: building a million instances took most of the time.
    `with_ids=False` leaves the id to the database (for rows nothing refers to yet).
    Fields with auto_now are written as given: generated rows carry their past dates.
    """
    fields = [field for field in model._meta.concrete_fields if with_ids or not field.primary_key]
    plan = [(f.attname, f.get_default(), isinstance(f, models.JSONField)) for f in fields]
    values = (
        [
            _as_json(row.get(name, default)) if is_json else row.get(name, default)
            for name, default, is_json in plan
        ]
        for row in rows
    )
    return copy_rows(model, [field.column for field in fields], values)


def _as_json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False)


def reserve_ids(model: type[models.Model], count: int) -> int:
    """Take `count` consecutive ids from the table's sequence; return the first.

    Rows are written with these ids so foreign keys can be filled before the rows exist.
    Nothing else may insert into the table meanwhile (the generator runs alone).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + max(count, 1) - 1])
    return first


def generated_users() -> models.QuerySet:
    return User.objects.filter(username__startswith=PREFIX)


def real_data_counts() -> dict[str, int]:
    """How many projects, commitments and contacts were not generated (entered by people)."""
    users = generated_users()
    return {
        "projects": Project.objects.exclude(reference__startswith=PREFIX).count(),
        "commitments": Commitment.objects.exclude(created_by__in=users).count(),
        "contacts": Contact.objects.exclude(author__in=users).count(),
    }


def remove_generated(has_real_data: bool) -> None:
    """Delete everything generated before, keeping real data and reference data."""
    if has_real_data:
        _delete_generated_rows()
    else:
        _truncate_domain_tables()
    users = generated_users()
    User.countries.through.objects.filter(user__in=users).delete()
    users.delete()
    Organisation.objects.filter(code__startswith=PREFIX).delete()


def _truncate_domain_tables() -> None:
    """Empty the domain tables at once: with no real records, every row in them was generated.

    Tables of other apps that point at these (and would block TRUNCATE) are emptied too; they
    can only hold rows about generated records.
    """
    tables = {model._meta.db_table for model in DOMAIN_MODELS}
    grew = True
    while grew:
        dependents = {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model._meta.db_table in tables
        }
        grew = not dependents <= tables
        tables |= dependents
    quoted = ", ".join(connection.ops.quote_name(name) for name in sorted(tables))
    with connection.cursor() as cursor:
        # Inside a longer transaction (tests) rows written earlier still have deferred
        # foreign-key checks pending, and TRUNCATE refuses to run until they have fired.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # RESTART IDENTITY: the same seed gives the same ids, so benchmark URLs repeat.
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _delete_generated_rows() -> None:
    """Delete generated rows one table at a time (slower; used when real data sits beside them)."""
    users = generated_users()
    projects = Project.objects.filter(reference__startswith=PREFIX)
    commitments = Commitment.objects.filter(created_by__in=users)
    contacts = Contact.objects.filter(author__in=users)
    followups = FollowUp.objects.filter(created_by__in=users)
    Change.objects.filter(
        Q(project__in=projects)
        | Q(commitment__in=commitments)
        | Q(contact__in=contacts)
        | Q(followup__in=followups)
    ).delete()
    followups.delete()
    for model in (Delivery, Payment, Amendment, SourceReference):
        model.objects.filter(commitment__in=commitments).delete()
    contacts.delete()
    commitments.delete()
    projects.delete()
