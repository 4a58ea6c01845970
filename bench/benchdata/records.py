"""Generated commitments (with deliveries and amendments), contacts and follow-ups.

Each function takes the Generator of generate.py, which holds the seeded random source,
the timeline and the ids written by earlier steps.
"""

import datetime
import math
from collections import defaultdict
from typing import TYPE_CHECKING

from bench.benchdata import vocabulary as words
from bench.benchdata.bulk import copy_dicts, reserve_ids
from bench.benchdata.timeline import money, pick, split
from tracker.commitments.models import (
    Amendment,
    Commitment,
    Delivery,
    Kind,
    Marking,
    Payment,
    SourceReference,
)
from tracker.commitments.models import AmendmentReason as Reason
from tracker.commitments.models import Stage as G
from tracker.contacts.models import Channel, Contact
from tracker.followups.models import FollowUp, State
from tracker.history.models import Action

if TYPE_CHECKING:
    from bench.benchdata.generate import Generator

COMMITMENT_PRIORITIES = {"supply": 55, "financing": 20, "joint-production": 25}
COMMITMENT_STAGES = {
    G.DISCUSSED: 5,
    G.PLEDGED: 20,
    G.COMMITTED: 20,
    G.CONTRACTED: 12,
    G.IN_DELIVERY: 20,
    G.FULFILLED: 15,
    G.SUSPENDED: 4,
    G.WITHDRAWN: 4,
}
# Stage moves made before anything is delivered (a commitment starts pledged, or discussed).
STAGE_ROUTES = {
    G.DISCUSSED: [],
    G.PLEDGED: [],
    G.COMMITTED: [G.COMMITTED],
    G.CONTRACTED: [G.COMMITTED, G.CONTRACTED],
    G.IN_DELIVERY: [G.COMMITTED, G.CONTRACTED],
    G.FULFILLED: [G.COMMITTED, G.CONTRACTED],
    G.SUSPENDED: [G.COMMITTED],
    G.WITHDRAWN: [G.COMMITTED],
}
# (share promising a quantity, share promising an amount) by kind of commitment
PROMISE_SHAPES = {
    Kind.SUPPLY: (0.95, 0.25),
    Kind.TRAINING: (0.5, 0.5),
    Kind.FINANCING: (0.6, 1.0),
    Kind.CO_PRODUCTION: (0.6, 0.7),
    Kind.REPAIR_BASE: (0.7, 0.6),
}
MARKINGS = {Marking.PUBLIC: 5, Marking.OFFICIAL: 4, Marking.RESTRICTED: 1}
CHANNELS = {
    Channel.MEETING: 35,
    Channel.CALL: 25,
    Channel.NOTE: 15,
    Channel.VISIT: 10,
    Channel.CONFERENCE: 10,
    Channel.OTHER: 5,
}
# Follow-ups: overdue, due within the week, due later, closed.
FOLLOWUP_TIMING = {"overdue": 25, "week": 10, "later": 25, "closed": 40}


def write_commitments(g: "Generator") -> None:
    """Commitments with the stage moves, deliveries and amendments that explain their state."""
    count = g.counts["commitments"]
    first_id = reserve_ids(Commitment, count)
    rows, deliveries, payments, amendments, sources = [], [], [], [], []
    g.commitment_facts = {}  # id -> (country id, created, item, item in Ukrainian)
    g.commitments_by_country = defaultdict(list)
    for pk, country in zip(range(first_id, first_id + count), g.partner_draws(count, 1.1), strict=True):
        commitment, item_uk = _promise(g, pk, country)
        _commitment_life(g, commitment, deliveries, payments, amendments)
        rows.append(commitment)
        g.commitment_facts[pk] = (country, commitment["created_at"], commitment["item"], item_uk)
        g.commitments_by_country[country].append(pk)
        if g.rng.random() < 0.7:
            if g.rng.random() < 0.5:
                url = f"https://www.example.org/{g.country_code[country].lower()}/news/{pk}"
                sources.append({"commitment_id": pk, "url": url})
            else:
                year = commitment["announced_on"].year
                document = f"Note verbale No. {g.rng.randint(10, 999)}/{year}"
                sources.append({"commitment_id": pk, "document": document})
    g.commitment_ids = list(g.commitment_facts)
    g.written["commitments"] = copy_dicts(Commitment, rows)
    g.written["deliveries"] = copy_dicts(Delivery, deliveries, with_ids=False)
    g.written["payments"] = copy_dicts(Payment, payments, with_ids=False)
    g.written["amendments"] = copy_dicts(Amendment, amendments, with_ids=False)
    copy_dicts(SourceReference, sources, with_ids=False)
    g.flush_changes()


def _promise(g: "Generator", pk: int, country: int) -> tuple[dict, str]:
    """A new commitment as announced: what, how much, when; stage set to its final value."""
    rng = g.rng
    priority = pick(rng, COMMITMENT_PRIORITIES)
    kind = rng.choice(words.KINDS_BY_PRIORITY[priority])
    capability = rng.choice(words.CAPABILITIES_BY_PRIORITY[priority])
    project = None
    if rng.random() < 0.6 and g.projects_by_priority[priority]:
        project = rng.choice(g.projects_by_priority[priority])
        capability = g.project_facts[project][2]
    item, item_uk, unit, low, high = rng.choice(words.ITEMS[capability])
    wants_quantity, wants_amount = PROMISE_SHAPES[kind]
    quantity = cents = None
    if rng.random() < wants_quantity:
        quantity = round(math.exp(rng.uniform(math.log(low), math.log(high))))
    if quantity is None or rng.random() < wants_amount:
        cents = int(round(rng.lognormvariate(15.5, 1.3), -3)) * 100
    created = g.time.days_ago(420, 5)
    announced = created.date() - datetime.timedelta(days=rng.randint(0, 14))
    expected = announced + datetime.timedelta(days=rng.randint(30, 600)) if rng.random() < 0.8 else None
    seller = None
    if kind == Kind.FINANCING:
        seller = rng.choice([s for s in g.suppliers if s != country])
    commitment = {
        "id": pk,
        "partner_id": g.partner_of[country],
        "priority_id": g.priorities[priority],
        "project_id": project,
        "kind": kind,
        "capability_id": g.capabilities[capability],
        "item": item_uk if g.ukrainian() else item,
        "quantity": quantity,
        "unit": unit if quantity is not None else "",
        "amount": money(cents) if cents is not None else None,
        "currency": words.CURRENCY_BY_COUNTRY.get(g.country_code[country], words.EURO) if cents else "",
        "instrument": rng.choice(["grant", "loan", "reimbursement"]) if seller else "",
        "seller_country": g.seller_code[seller] if seller else "",
        "stage": pick(rng, COMMITMENT_STAGES),
        "announced_on": announced,
        "expected_by": expected,
        "marking": pick(rng, MARKINGS),
        "created_by_id": g.embassy_user(country) if rng.random() < 0.6 else g.coordinator(),
        "created_at": created,
    }
    return commitment, item_uk


def _commitment_life(g: "Generator", c: dict, deliveries: list, payments: list, amendments: list) -> None:
    """Plan the events that lead to the commitment's final stage, and write them as history."""
    rng = g.rng
    final, quantity = c["stage"], c["quantity"]
    cents = int(c["amount"] * 100) if c["amount"] is not None else None
    delivered_q, delivered_c = _delivered_share(g, final, quantity, cents)
    events: list[tuple] = [("stage", stage) for stage in STAGE_ROUTES[final]]
    amended = _amendment_before(g, quantity, cents) if final not in (G.DISCUSSED, G.WITHDRAWN) else None
    if amended:
        events.append(("amend", *amended))
    parts = rng.randint(1, 4)
    q_parts = split(rng, delivered_q, parts) if delivered_q else []
    c_parts = split(rng, delivered_c, parts) if delivered_c else []
    for i in range(max(len(q_parts), len(c_parts))):
        events.append(("delivery", _nth(q_parts, i), _nth(c_parts, i)))
    if final == G.IN_DELIVERY and not (q_parts or c_parts):
        events.append(("stage", G.IN_DELIVERY))
    if final == G.SUSPENDED:
        events.append(("stage", G.SUSPENDED))
    if final == G.WITHDRAWN:
        events.append(("withdraw",))

    stage = G.DISCUSSED if final == G.DISCUSSED else G.PLEDGED
    so_far_q = so_far_c = 0
    pk, country = c["id"], g.country_of[c["partner_id"]]
    moments = g.time.moments_after(c["created_at"], len(events))
    g.record("commitment", pk, Action.CREATED, c["created_at"], c["created_by_id"])
    for event, at in zip(events, moments, strict=True):
        actor = g.embassy_user(country) if rng.random() < 0.6 else g.coordinator()
        fields: dict = {}
        if event[0] == "stage":
            fields["stage"] = [stage, event[1]]
            stage = event[1]
            action = Action.STATUS
        elif event[0] == "amend":
            _, reason, old_q, old_c = event
            amendments.append(_amendment(pk, reason, old_q, old_c, quantity, cents, at, actor))
            if old_q != quantity:
                fields["quantity"] = [old_q, quantity]
            if old_c != cents:
                fields["amount"] = [str(money(old_c)), str(money(cents))]
            fields["reason"] = [None, reason]
            action = Action.AMENDMENT
        elif event[0] == "delivery":
            _, part_q, part_c = event
            if part_q:
                fields["delivered_quantity"] = [so_far_q, so_far_q + part_q]
            if part_c:
                fields["paid_amount"] = [str(money(so_far_c)), str(money(so_far_c + part_c))]
            so_far_q, so_far_c = so_far_q + part_q, so_far_c + part_c
            done = (quantity is None or so_far_q >= quantity) and (cents is None or so_far_c >= cents)
            new_stage = G.FULFILLED if done else G.IN_DELIVERY
            if new_stage != stage:
                fields["stage"] = [stage, new_stage]
                stage = new_stage
            note = rng.choice(words.DELIVERY_NOTES)
            if part_q:
                deliveries.append(
                    {
                        "commitment_id": pk,
                        "delivered_on": at.date(),
                        "quantity": part_q,
                        "note": note,
                        "recorded_by_id": actor,
                        "recorded_at": at,
                    }
                )
            if part_c:
                payments.append(
                    {
                        "commitment_id": pk,
                        "paid_on": at.date(),
                        "amount": money(part_c),
                        "note": note,
                        "recorded_by_id": actor,
                        "recorded_at": at,
                    }
                )
            action = Action.DELIVERY if part_q else Action.PAYMENT
        else:  # withdrawal: what remains promised is what already arrived
            new_q = so_far_q if quantity is not None else None
            new_c = so_far_c if cents is not None else None
            amendments.append(_amendment(pk, Reason.WITHDRAWAL, quantity, cents, new_q, new_c, at, actor))
            if new_q != quantity:
                fields["quantity"] = [quantity, new_q]
            if new_c != cents:
                fields["amount"] = [str(money(cents)), str(money(new_c))]
            fields["stage"] = [stage, G.WITHDRAWN]
            fields["reason"] = [None, Reason.WITHDRAWAL]
            stage, quantity, cents = G.WITHDRAWN, new_q, new_c
            c["quantity"], c["amount"] = new_q, money(new_c) if new_c is not None else None
            action = Action.AMENDMENT
        g.record("commitment", pk, action, at, actor, fields)
    c["delivered_quantity"], c["paid_amount"] = so_far_q, money(so_far_c)
    c["version"] = 1 + len(events)
    c["updated_at"] = moments[-1] if moments else c["created_at"]


def _nth(parts: list[int], i: int) -> int:
    return parts[i] if i < len(parts) else 0


def _delivered_share(g: "Generator", final: str, quantity, cents) -> tuple[int, int]:
    """How much of the promise arrived: all when fulfilled, part while in delivery or stopped."""
    if final == G.FULFILLED:
        return quantity or 0, cents or 0
    stopped = final in (G.SUSPENDED, G.WITHDRAWN) and g.rng.random() < 0.35
    if final != G.IN_DELIVERY and not stopped:
        return 0, 0
    share = g.rng.uniform(0.1, 0.9)
    part_q = min(quantity - 1, max(1, round(quantity * share))) if quantity and quantity >= 2 else 0
    part_c = min(cents - 1, max(1, round(cents * share))) if cents and cents >= 2 else 0
    return part_q, part_c


def _amendment_before(g: "Generator", quantity, cents) -> tuple | None:
    """For some commitments: (reason, old quantity, old cents) of an amendment to today's promise."""
    rng = g.rng
    if rng.random() >= 0.08:
        return None
    reason = pick(rng, {Reason.INCREASE: 5, Reason.REDUCTION: 3, Reason.CORRECTION: 2})
    on_quantity = quantity is not None and quantity >= 2
    value = quantity if on_quantity else cents
    if value is None:
        return None
    if reason == Reason.INCREASE:
        old = min(value - 1, max(1, round(value * rng.uniform(0.5, 0.9))))
    elif reason == Reason.REDUCTION:
        old = max(value + 1, round(value * rng.uniform(1.1, 2.0)))
    else:
        old = max(1, value + rng.choice([-1, 1]) * max(1, round(value * 0.05)))
        if old == value:
            old = value + 1
    return (reason, old, cents) if on_quantity else (reason, quantity, old)


def _amendment(commitment: int, reason, old_q, old_c, new_q, new_c, at, actor) -> dict:
    return {
        "commitment_id": commitment,
        "reason": reason,
        # Chosen by id, not drawn: the generator's random sequence stays as it was.
        "note": words.AMENDMENT_NOTES[reason][commitment % 2],
        "old_quantity": old_q,
        "new_quantity": new_q,
        "old_amount": money(old_c) if old_c is not None else None,
        "new_amount": money(new_c) if new_c is not None else None,
        "amended_by_id": actor,
        "amended_at": at,
        "effective_on": at.date(),  # decided the day it was recorded
    }


def write_contacts(g: "Generator") -> None:
    """Contacts logged by the embassies, linked to projects and commitments they discussed."""
    rng = g.rng
    count = g.counts["contacts"]
    first_id = reserve_ids(Contact, count)
    rows, project_links, commitment_links = [], [], []
    all_projects = list(g.project_facts)
    g.contact_facts = []  # (id, country id, author id, created, item, item in Ukrainian)
    for pk, country in zip(range(first_id, first_id + count), g.partner_draws(count, 0.7), strict=True):
        held = g.time.days_ago(365, 1)
        created = g.time.between(held, held + datetime.timedelta(days=2))
        author = g.embassy_user(country)
        discussed = g.commitments_by_country.get(country, [])
        if discussed and rng.random() < 0.5:
            _, _, item, item_uk = g.commitment_facts[rng.choice(discussed)]
        else:
            item, item_uk, *_ = rng.choice(rng.choice(list(words.ITEMS.values())))
        english, ukrainian = rng.choice(words.SUMMARIES)
        if g.ukrainian():
            summary = ukrainian.format(topic=item_uk)
        else:
            summary = english.format(topic=rng.choice(words.TOPICS).format(item=item))
        counterpart = rng.choice(words.COUNTERPARTS).format(
            country=g.country_name[country], company=rng.choice(words.SUPPLIER_COMPANIES)
        )
        contact = {
            "id": pk,
            "country_id": country,
            "held_on": held.date(),
            "channel": pick(rng, CHANNELS),
            "counterpart_organisation": counterpart,
            "counterpart_person": _partner_person(g) if rng.random() < 0.8 else "",
            "counterpart_position": rng.choice(words.POSITIONS) if rng.random() < 0.8 else "",
            "participants": rng.choice(words.PARTICIPANTS) if rng.random() < 0.7 else "",
            "summary": summary,
            "outcome": rng.choice(words.OUTCOMES) if rng.random() < 0.7 else "",
            "author_id": author,
            "version": 1,
            "created_at": created,
            "updated_at": created,
        }
        g.record("contact", pk, Action.CREATED, created, author)
        if rng.random() < 0.1:
            edited = g.time.between(created)
            old, contact["outcome"] = contact["outcome"], rng.choice(words.OUTCOMES)
            g.record("contact", pk, Action.CHANGED, edited, author, {"outcome": [old, contact["outcome"]]})
            contact["version"], contact["updated_at"] = 2, edited
        if rng.random() < 0.3:
            pool = g.projects_by_country.get(country) or all_projects
            for project in set(rng.choices(pool, k=rng.randint(1, 2))):
                project_links.append({"contact_id": pk, "project_id": project})
        if discussed and rng.random() < 0.25:
            for commitment in set(rng.choices(discussed, k=rng.randint(1, 2))):
                commitment_links.append({"contact_id": pk, "commitment_id": commitment})
        rows.append(contact)
        g.contact_facts.append((pk, country, author, created, item, item_uk))
    g.written["contacts"] = copy_dicts(Contact, rows)
    g.written["contact_project_links"] = copy_dicts(Contact.projects.through, project_links, with_ids=False)
    g.written["contact_commitment_links"] = copy_dicts(
        Contact.commitments.through, commitment_links, with_ids=False
    )
    g.flush_changes()


def _partner_person(g: "Generator") -> str:
    return f"{g.rng.choice(words.PARTNER_FIRST_NAMES)} {g.rng.choice(words.PARTNER_LAST_NAMES)}"


def write_followups(g: "Generator") -> None:
    """Follow-ups on contacts, commitments and projects: overdue, due soon, later, closed."""
    rng = g.rng
    count = g.counts["followups"]
    first_id = reserve_ids(FollowUp, count)
    project_ids = list(g.project_facts)
    rows = []
    for pk in range(first_id, first_id + count):
        subject = rng.random()
        contact = commitment = project = country = None
        if subject < 0.5:
            contact, country, author, since, item, item_uk = rng.choice(g.contact_facts)
            owner = author if rng.random() < 0.7 else g.embassy_user(country)
        elif subject < 0.75:
            commitment = rng.choice(g.commitment_ids)
            country, since, item, item_uk = g.commitment_facts[commitment]
            owner = g.embassy_user(country)
        else:
            project = rng.choice(project_ids)
            owner, since, _, item, item_uk = g.project_facts[project]
        created = g.time.between(since)
        english, ukrainian = rng.choice(words.FOLLOWUP_TITLES)
        followup = {
            "id": pk,
            "title": (ukrainian.format(item=item_uk) if g.ukrainian() else english.format(item=item))[:300],
            "owner_id": owner,
            "state": State.OPEN,
            "country_id": country,
            "project_id": project,
            "commitment_id": commitment,
            "contact_id": contact,
            "created_by_id": owner if rng.random() < 0.7 else g.coordinator(),
            "created_at": created,
        }
        _followup_life(g, followup)
        rows.append(followup)
    g.written["followups"] = copy_dicts(FollowUp, rows)
    g.flush_changes()


def _followup_life(g: "Generator", f: dict) -> None:
    """Set the due date and state from a timing bucket; write creation, re-dating and closing."""
    rng, today = g.rng, g.today
    created_day = f["created_at"].date()
    timing = pick(rng, FOLLOWUP_TIMING)
    if timing == "overdue" and created_day + datetime.timedelta(days=1) > today - datetime.timedelta(days=1):
        timing = "week"  # created too recently to be overdue already
    if timing == "overdue":
        earliest = max(created_day + datetime.timedelta(days=1), today - datetime.timedelta(days=90))
        f["due_on"] = earliest + datetime.timedelta(days=rng.randint(0, (today - earliest).days - 1))
    elif timing == "week":
        f["due_on"] = g.time.day(0, 6)
    elif timing == "later":
        f["due_on"] = g.time.day(7, 120)
    else:
        f["due_on"] = created_day + datetime.timedelta(days=rng.randint(3, 45))
    g.record("followup", f["id"], Action.CREATED, f["created_at"], f["created_by_id"])
    last = f["created_at"]
    events = 0
    closing = g.time.between(f["created_at"]) if timing == "closed" else None
    if rng.random() < 0.15:
        moved = g.time.between(f["created_at"], closing)
        old = f["due_on"] - datetime.timedelta(days=rng.randint(7, 30))
        g.record(
            "followup",
            f["id"],
            Action.CHANGED,
            moved,
            f["owner_id"],
            {"due_on": [str(old), str(f["due_on"])]},
        )
        last, events = moved, events + 1
    if closing:
        f["state"] = State.DONE if rng.random() < 0.85 else State.CANCELLED
        f["completed_at"], f["completed_by_id"] = closing, f["owner_id"]
        fields = {
            "state": [State.OPEN, f["state"]],
            "completed_at": [None, str(closing)],
            "completed_by": [None, g.user_names[f["owner_id"]]],
        }
        g.record("followup", f["id"], Action.STATUS, closing, f["owner_id"], fields)
        last, events = max(last, closing), events + 1
    f["version"], f["updated_at"] = 1 + events, last
