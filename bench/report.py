"""The benchmark's outputs: bench/results.json and the generated part of BENCHMARKS.md."""

import datetime
import json
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from django.db import connection

BEGIN = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"
# kind -> (largest p95 in ms, smallest share of the floor's requests/s); issue 5's targets.
TARGETS = {"page": (60, 0.12), "partial": (30, 0.25), "post": (60, None)}
VERSUS_ADMIN = 3.0
TARGET_SCALE = "10"
DIGEST_MS = 30  # average per recipient
REMINDER_SECONDS = 1  # one scan at scale 10


def machine() -> dict:
    """What the figures were measured on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor(),
    )
    memory_kib = next((int(line.split()[1]) for line in _lines("/proc/meminfo") if "MemTotal" in line), 0)
    os_name = next(
        (
            line.split("=", 1)[1].strip('"')
            for line in _lines("/etc/os-release")
            if line.startswith("PRETTY_NAME")
        ),
        platform.system(),
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (postgres,) = cursor.fetchone()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "os": os_name,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": version("django"),
        "psycopg": version("psycopg"),
        "gunicorn": version("gunicorn"),
        "postgresql": postgres,
        "wrk": (wrk.stdout or wrk.stderr).split()[1] if (wrk.stdout or wrk.stderr) else "?",
        "load_average": [round(n, 2) for n in os.getloadavg()],
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def write_json(results: dict, path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def write_markdown(results: dict, path: Path) -> None:
    """Replace the generated section of BENCHMARKS.md, keeping what people wrote around it."""
    generated = "\n".join([BEGIN, *render(results), END])
    text = path.read_text(encoding="utf-8") if path.exists() else _new_file()
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + generated + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    path.write_text(text, encoding="utf-8")


def _new_file() -> str:
    return (
        "# Benchmarks\n\n"
        "`make bench` measures the tracker under load; see bench/run.py for what it does.\n\n"
        f"{BEGIN}\n{END}\n\n"
        "## Tuning log\n\nBefore/after figures of each change, newest first.\n"
    )


def render(results: dict) -> list[str]:
    m, run = results["machine"], results["run"]
    out = [
        f"## Latest run: {run['finished']}",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB memory, {m['os']}, "
        f"Linux {m['kernel']}; load average at start {', '.join(map(str, m['load_average']))}.",
        f"- Software: Python {m['python']}, Django {m['django']}, psycopg {m['psycopg']}, "
        f"PostgreSQL {m['postgresql']}, gunicorn {m['gunicorn']}, wrk {m['wrk']}.",
        f"- Server: gunicorn, {run['workers']} {run['worker_class']} workers"
        + (f" x {run['threads']} threads" if run["worker_class"] == "gthread" else "")
        + ", DEBUG off, on loopback; PostgreSQL and wrk on the same machine.",
        f"- Load: wrk, {run['connections']} connections, {run['wrk_threads']} threads, "
        f"{run['seconds']} s per endpoint, signed-in sessions of the role shown.",
        "",
        "### Data",
        "",
        "| scale | generated in | projects | commitments | contacts | follow-ups | users | history rows |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale, data in results["scales"].items():
        gen, counts = data["generate"], data["generate"].get("counts", {})
        took = f"{gen['seconds']:.0f} s" if gen.get("seconds") is not None else "reused"
        row = [
            counts.get(k, "?")
            for k in ("projects", "commitments", "contacts", "followups", "users", "changes")
        ]
        out.append(
            f"| {scale} | {took} | " + " | ".join(f"{n:,}" if isinstance(n, int) else n for n in row) + " |"
        )
    for scale in sorted(results["scales"], key=float, reverse=True):
        out += [
            "",
            f"### Endpoints at scale {scale}"
            + (" (the targets apply here)" if scale == TARGET_SCALE else ""),
        ]
        out += ["", *_endpoint_table(results, scale)]
    out += ["", *_notes(results)]
    return out


def _endpoint_table(results: dict, scale: str) -> list[str]:
    endpoints = results["scales"][scale]["endpoints"]
    floor = endpoints.get("floor", {}).get("rps")
    admin = endpoints.get("admin_projects", {}).get("rps")
    rows = [
        "| endpoint | user | req/s | p50 ms | p95 ms | p99 ms | queries (scale "
        + " / ".join(results["scales"])
        + ") | x floor | x admin | target | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, e in endpoints.items():
        queries = [results["scales"][s]["endpoints"].get(name, {}).get("queries") for s in results["scales"]]
        shown = " / ".join("?" if q is None else str(q) for q in queries)
        if len({q for q in queries if q is not None}) > 1:
            shown += " (grows!)"
        if e.get("rps") is None:
            rows.append(
                f"| {e['label']} | {e['role'] or '—'} | {e['status']} |  |  |  | {shown} |  |  |  |  |"
            )
            continue
        target, met = verdict(e, floor, admin)
        x_floor = f"{e['rps'] / floor:.1%}" if floor and e["kind"] != "floor" else ""
        x_admin = f"{e['rps'] / admin:.1f}" if admin and e["kind"] not in ("floor", "admin") else ""
        rows.append(
            f"| {e['label']} | {e['role'] or '—'} | {e['rps']:,.0f} | {e['p50_ms']} | {e['p95_ms']} | "
            f"{e['p99_ms']} | {shown} | {x_floor} | {x_admin} | {target} | {met} |"
        )
    return rows


def verdict(e: dict, floor: float | None, admin: float | None) -> tuple[str, str]:
    """The endpoint's target in words, and whether this run met it (with the reason if not)."""
    if e["kind"] not in TARGETS:
        return "reference", ""
    p95_limit, share = TARGETS[e["kind"]]
    target = [f"p95 < {p95_limit} ms"]
    misses = []
    if e["p95_ms"] >= p95_limit:
        misses.append(f"p95 {e['p95_ms']} ms")
    if share is not None:
        target.append(f">= {share:.0%} of floor")
        if floor and e["rps"] < share * floor:
            misses.append(f"{e['rps'] / floor:.0%} of floor")
    if e.get("versus_admin"):
        target.append(f">= {VERSUS_ADMIN:g}x admin")
        if admin and e["rps"] < VERSUS_ADMIN * admin:
            misses.append(f"{e['rps'] / admin:.1f}x admin")
    if e.get("errors"):
        misses.append(f"errors {e['errors']}")
    return ", ".join(target), "no: " + "; ".join(misses) if misses else "yes"


def _notes(results: dict) -> list[str]:
    out = [
        "### Weekly digest and reminder scan",
        "",
        "| scale | recipients | total s | ms per recipient | queries per recipient (max / mean) "
        "| peak memory | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale, data in results["scales"].items():
        d = data.get("digest", {})
        if "recipients" not in d:
            out.append(f"| {scale} | {d} |  |  |  |  |  |  |")
            continue
        misses = [f"{d['ms_per_recipient']} ms" for _ in [0] if d["ms_per_recipient"] >= DIGEST_MS]
        out.append(
            f"| {scale} | {d['recipients']:,} | {d['seconds']} | {d['ms_per_recipient']} | "
            f"{d['queries_per_recipient_max']} / {d['queries_per_recipient_mean']} | "
            f"{d['peak_memory_kib']:,} KiB | < {DIGEST_MS} ms per recipient, fixed queries | "
            + ("no: " + "; ".join(misses) if misses else "yes")
            + " |"
        )
    out += [
        "",
        "| scale | stages recorded | scan s (every stage new) | scan s (run again) | queries "
        "| target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    plans = []
    for scale, data in results["scales"].items():
        r = data.get("reminders", {})
        if "seconds" not in r:
            out.append(f"| {scale} | {r} |  |  |  |  |  |")
            continue
        target, met = "", ""
        if scale == TARGET_SCALE:
            target = f"< {REMINDER_SECONDS} s"
            met = "yes" if r["seconds"] < REMINDER_SECONDS else f"no: {r['seconds']} s"
        out.append(
            f"| {scale} | {r.get('claimed', '?'):,} | {r['seconds']} | {r.get('seconds_repeat', '?')} | "
            f"{r['queries']} | {target} | {met} |"
        )
        plans += [
            "",
            f"EXPLAIN ANALYZE of the reminder scan's query at scale {scale}:",
            "",
            "```",
            r["explain"],
            "```",
        ]
    out += plans
    out += [
        "",
        "Notes:",
        "- The Django admin shows 100 rows per page (`list_per_page`); a query parameter cannot",
        "  change that, so the admin figure is at 100 rows while the app's lists show 25.",
        "- `x floor` is the endpoint's requests/s over the floor's in the same run; `x admin` over",
        "  the admin changelist's. Both hold better than absolute figures on a noisy machine.",
        "- Queries per request are counted in-process with Django's test client on the same data.",
        f"- Generated with seed {results['run']['seed']}; rerun: `make bench`.",
    ]
    return out


def now_text() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
