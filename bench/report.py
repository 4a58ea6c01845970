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
# Issue 14: every endpoint's req/s at scale 10 is at least this share of its req/s at scale 1.
SCALE_KEEP = 0.85
MIXED_P99_MS = 500
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
    out += ["", *_mixed(results), *_notes(results)]
    return out


def _mixed(results: dict) -> list[str]:
    """The mixed-load run's figures and issue 14's targets for it."""
    runs = [(scale, data["mixed"]) for scale, data in results["scales"].items() if data.get("mixed")]
    out = []
    for scale, m in runs:
        misses = []
        if m["p99_ms"] >= MIXED_P99_MS:
            misses.append(f"p99 {m['p99_ms']} ms")
        if m["slow"]:
            misses.append(f"{m['slow']} requests over {m['slow_ms']} ms")
        if m["errors"]:
            misses.append(f"errors {m['errors']}")
        growth = m["worker_rss_kib_end"] - m["worker_rss_kib_start"]
        out += [
            f"### Mixed load at scale {scale}",
            "",
            f"{m['connections']} connections cycling over {len(m['pages'])} pages ("
            + ", ".join(m["pages"])
            + f") as one signed-in coordinator for {m['seconds']:.0f} s; the 2 workers' resident memory "
            f"sampled every few seconds ({m['memory_samples']} samples).",
            "",
            "| req/s | p50 ms | p95 ms | p99 ms | max ms | over 2 s | errors "
            "| worker memory start / end / peak | target | met |",
            "|---|---|---|---|---|---|---|---|---|---|",
            f"| {m['rps']:,.1f} | {m['p50_ms']} | {m['p95_ms']} | {m['p99_ms']} | {m['max_ms']} | "
            f"{m['slow']} | "
            f"{m['errors'] or 'none'} | {m['worker_rss_kib_start']:,} / {m['worker_rss_kib_end']:,} / "
            f"{m['worker_rss_kib_peak']:,} KiB ({growth:+,} KiB) | p99 < {MIXED_P99_MS} ms, none over 2 s, "
            f"no error, memory flat | " + ("no: " + "; ".join(misses) if misses else "yes") + " |",
            "",
        ]
    return out


def _endpoint_table(results: dict, scale: str) -> list[str]:
    endpoints = results["scales"][scale]["endpoints"]
    floor = endpoints.get("floor", {}).get("rps")
    admin = endpoints.get("admin_projects", {}).get("rps")
    bare = endpoints.get("bare_list", {}).get("rps")
    small = results["scales"].get("1", {}).get("endpoints", {}) if scale == TARGET_SCALE else {}
    rows = [
        "| endpoint | user | req/s | p50 ms | p95 ms | p99 ms | queries (scale "
        + " / ".join(results["scales"])
        + ") | x floor | x bare list | x admin | scale 10 / 1 | target | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, e in endpoints.items():
        queries = [results["scales"][s]["endpoints"].get(name, {}).get("queries") for s in results["scales"]]
        shown = " / ".join("?" if q is None else str(q) for q in queries)
        if len({q for q in queries if q is not None}) > 1:
            shown += " (grows!)"
        if e.get("rps") is None:
            rows.append(
                f"| {e['label']} | {e['role'] or '—'} | {e['status']} |  |  |  | {shown} |  |  |  |  |  |  |"
            )
            continue
        before = small.get(name, {}).get("rps")
        growth = e["rps"] / before if before else None
        target, met = verdict(e, bare, growth)
        x_floor = f"{e['rps'] / floor:.1%}" if floor and e["kind"] != "floor" else ""
        x_bare = f"{e['rps'] / bare:.2f}" if bare and e["kind"] not in ("floor", "bare") else ""
        x_admin = f"{e['rps'] / admin:.1f}" if admin and e["kind"] not in ("floor", "admin") else ""
        shown_growth = f"{growth:.0%}" if growth is not None and e["kind"] != "floor" else ""
        rows.append(
            f"| {e['label']} | {e['role'] or '—'} | {e['rps']:,.0f} | {e['p50_ms']} | {e['p95_ms']} | "
            f"{e['p99_ms']} | {shown} | {x_floor} | {x_bare} | {x_admin} | {shown_growth} | {target} "
            f"| {met} |"
        )
    return rows


def verdict(e: dict, bare: float | None, growth: float | None) -> tuple[str, str]:
    """Issue 14's target in words, and whether this run met it (with the reason if not).

    growth is req/s at scale 10 over req/s at scale 1 (None on the scale-1 table or when
    only one scale ran)."""
    if e["kind"] in ("floor", "admin", "bare"):
        return "reference", ""
    target, misses = [], []
    if e.get("versus_bare"):
        target.append(f">= {e['versus_bare']:g}x bare list")
        if bare and e["rps"] < e["versus_bare"] * bare:
            misses.append(f"{e['rps'] / bare:.2f}x bare list")
    if e.get("p95_limit"):
        target.append(f"p95 < {e['p95_limit']:g} ms")
        if e["p95_ms"] >= e["p95_limit"]:
            misses.append(f"p95 {e['p95_ms']} ms")
    target.append(f"scale 10 >= {SCALE_KEEP:.0%} of scale 1")
    if growth is not None and growth < SCALE_KEEP:
        misses.append(f"scale 10 at {growth:.0%} of scale 1")
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
        "- `x floor` is the endpoint's requests/s over the floor's in the same run, `x bare list` over",
        "  the bare Django list's (`/bench/bare-list`: the same 25 projects as the project list,",
        "  select_related, Django's Paginator, a plain 7-column table), `x admin` over the admin",
        "  changelist's. They hold better than absolute figures on a noisy machine.",
        "- `scale 10 / 1`: the endpoint's req/s at scale 10 over its req/s at scale 1 (two runs, so",
        "  machine noise shows in it more than in the ratios within one run).",
        "- Queries per request are counted in-process with Django's test client on the same data.",
        f"- Generated with seed {results['run']['seed']}; rerun: `make bench`.",
    ]
    return out


def now_text() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
