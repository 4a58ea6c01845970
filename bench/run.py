"""`make bench`: the tracker under load, at scale 1 and 10, written to BENCHMARKS.md and JSON.

Steps: create the benchmark database if missing; migrate; collectstatic; for each scale,
generate the data (skipped when the database already holds that scale), count the
queries of every endpoint in-process, start gunicorn, drive each endpoint with wrk, then
measure the weekly digest and the reminder scan in-process.

Production settings: DEBUG off, hashed static files, a throwaway SECRET_KEY shared by this
process and gunicorn (so the sessions made here are valid there), and bench/settings.py,
which adds the data generator and the floor view to the tracker's settings.
"""

import argparse
import datetime
import logging
import math
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tracker_benchdata"
# The most requests/s we expect of any endpoint but the floor; sizes the POST file.
MAX_POST_RATE = 3000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated scales (default 1,10)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8801, help="where gunicorn listens (default 8801)")
    parser.add_argument("--workers", type=int, default=2)
    # Sync workers: the pages spend their time rendering templates (CPU, under the GIL),
    # and two processes on two cores is as much CPU as the machine has. Threads would only
    # overlap the short PostgreSQL waits, at the price of GIL contention and a database
    # connection per thread; sync also matches the calibration figures in issue 5.
    # Try `--worker-class gthread --threads 4` when a page waits on the database.
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--only", default="", help="comma-separated endpoint names (floor is always run)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--digest-users",
        type=int,
        default=0,
        help="measure the weekly digest for the first N recipients only (default: all)",
    )
    parser.add_argument(
        "--mixed-seconds",
        type=int,
        default=300,
        help="duration of the mixed-load run at the largest scale (default 300; 0 skips it)",
    )
    parser.add_argument("--mixed-connections", type=int, default=16)
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    return parser.parse_args(argv)


def configure_environment() -> None:
    """Production settings for this process and the gunicorn it starts."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    if os.environ.get("DEBUG", "0").lower() not in {"0", "false", "no", "off", ""}:
        print("Note: DEBUG is forced off for the benchmark.")
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    # Loopback plain HTTP: no redirect to https, no second factor for the signed-in roles
    # (the session is made directly), no banner about a Celery beat that is not running.
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["MFA_REQUIRED_ROLES"] = ""
    os.environ["SCHEDULER_HEALTH_CHECK"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # no log line per request in the measured server
    # The tracker's settings plus the generator and the floor (this process and gunicorn).
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"


def ensure_database(url: str) -> None:
    """Create the benchmark database when it does not exist yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    params = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            print(f"==> Creating database {config['NAME']}")
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def main(argv: list[str] | None = None) -> None:
    """Run the whole benchmark."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    configure_environment()
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    from bench import report

    print("==> Migrating and collecting static files")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    results = {
        "machine": report.machine(),
        "run": {
            "started": report.now_text(),
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "connections": args.connections,
            "wrk_threads": args.wrk_threads,
            "seconds": args.seconds,
            "seed": args.seed,
            "digest_users": args.digest_users or "all",
            "mixed_seconds": args.mixed_seconds,
        },
        "scales": {},
    }
    scales = [text.strip() for text in args.scales.split(",")]
    # The mixed load runs once, at the largest scale (where issue 14's targets apply).
    mixed_at = max(scales, key=float) if args.mixed_seconds else None
    for scale_text in scales:
        results["scales"][scale_text] = measure_scale(float(scale_text), args, mixed=scale_text == mixed_at)
    results["run"]["finished"] = report.now_text()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report.write_json(results, args.json)
    report.write_markdown(results, args.markdown)
    print(f"==> Wrote {args.markdown} and {args.json}")


def measure_scale(scale: float, args: argparse.Namespace, *, mixed: bool = False) -> dict:
    """Everything measured on one scale of data (and the mixed load when `mixed`)."""
    from bench import endpoints, hooks, load
    from bench import mixed as mixed_load
    from bench.benchdata.generate import current_scale

    result = {"generate": ensure_data(scale, args.seed), "endpoints": {}}
    users = endpoints.bench_users()
    plan = endpoints.build(users, needed_posts=args.seconds * MAX_POST_RATE)
    if args.only:
        wanted = {"floor", "admin_projects", "bare_list", *args.only.split(",")}
        plan = [e for e in plan if e.name in wanted]
    sessions = {role: endpoints.sign_in(user) for role, user in users.items()}
    sessions[None] = endpoints.sign_in(None)
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"==> Scale {scale:g}: counting queries")
    for endpoint in plan:
        result["endpoints"][endpoint.name] = count_queries(endpoint, sessions[endpoint.role])
    _fail_unless_all_ok(result["endpoints"], "in-process")
    print(f"==> Scale {scale:g}: loading each endpoint for {args.seconds} s")
    log = folder / "gunicorn.log"
    with load.gunicorn(args.port, args.workers, args.worker_class, args.threads, log) as master:
        load.run_wrk(args.port, plan[0], sessions[None], seconds=2, connections=args.connections, threads=1)
        for endpoint in plan:
            session = sessions[endpoint.role]
            body = endpoint.reserved[1][1] if endpoint.kind == "post" else None
            path = endpoint.reserved[1][0] if endpoint.kind == "post" else endpoint.path
            status, headers, text = load.fetch(args.port, path, session, htmx=endpoint.htmx, body=body)
            problem = endpoints.check_answer(endpoint, status, headers, text)
            if problem:
                result["endpoints"][endpoint.name]["status"] = f"error under gunicorn: {problem}"
        _fail_unless_all_ok(result["endpoints"], "under gunicorn")
        for endpoint in plan:
            figures = result["endpoints"][endpoint.name]
            session = sessions[endpoint.role]
            load.settle(args.port)
            posts = endpoints.write_posts(endpoint, folder) if endpoint.kind == "post" else None
            figures.update(
                load.run_wrk(
                    args.port,
                    endpoint,
                    session,
                    seconds=args.seconds,
                    connections=args.connections,
                    threads=args.wrk_threads,
                    requests_file=posts,
                )
            )
            print(
                f"    {endpoint.name}: {figures['rps']:,.0f} req/s, p50 {figures['p50_ms']} ms, "
                f"p95 {figures['p95_ms']} ms, {figures['queries']} queries"
                + (f", errors {figures['errors']}" if figures["errors"] else "")
            )
        if mixed:
            load.settle(args.port)
            print(
                f"==> Scale {scale:g}: mixed load, {args.mixed_connections} connections over the main "
                f"pages as one coordinator for {args.mixed_seconds} s"
            )
            result["mixed"] = mixed_load.run(
                args.port,
                master,
                endpoints.mixed_pages(users),
                sessions[endpoints.Role.COORDINATOR],
                seconds=args.mixed_seconds,
                connections=args.mixed_connections,
                threads=args.wrk_threads,
                folder=folder,
            )
            m = result["mixed"]
            print(
                f"    {m['rps']:,.1f} req/s, p50 {m['p50_ms']} ms, p99 {m['p99_ms']} ms, "
                f"max {m['max_ms']} ms, "
                f"{m['slow']} over {m['slow_ms']} ms, errors {m['errors'] or 'none'}, worker memory "
                f"{m['worker_rss_kib_start']:,} -> {m['worker_rss_kib_end']:,} KiB"
            )
    endpoints.end_sessions(list(sessions.values()))
    result["digest"], result["reminders"] = measure_notifications(hooks, args.digest_users)
    assert math.isclose(current_scale(), scale), "the data changed scale during the run"
    return result


def ensure_data(scale: float, seed: int) -> dict:
    """Generate the scale's data unless the database holds it already; say how long it took."""
    from bench.benchdata.generate import current_scale, generate

    if math.isclose(current_scale(), scale):
        print(f"==> Scale {scale:g}: data already present, not regenerated")
        counts = _counts()
        return {"seconds": None, "counts": counts}
    print(f"==> Scale {scale:g}: generating data (seed {seed})")
    started = time.perf_counter()
    written = generate(scale, seed=seed)
    seconds = round(time.perf_counter() - started, 1)
    print(f"    {seconds} s: " + ", ".join(f"{n:,} {kind}" for kind, n in written.items()))
    return {"seconds": seconds, "counts": written}


def _counts() -> dict:
    from tracker.accounts.models import User
    from tracker.commitments.models import Commitment
    from tracker.contacts.models import Contact
    from tracker.followups.models import FollowUp
    from tracker.history.models import Change
    from tracker.projects.models import Project

    models = {
        "projects": Project,
        "commitments": Commitment,
        "contacts": Contact,
        "followups": FollowUp,
        "users": User,
        "changes": Change,
    }
    return {name: model.objects.count() for name, model in models.items()}


def count_queries(endpoint, session) -> dict:
    """Status and number of database queries of one request, in-process with the test client."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.endpoints import check_answer

    client = Client()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # a missing page is reported, not logged
    if session.user is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    headers = {"HX-Request": "true"} if endpoint.htmx else {}
    if endpoint.kind != "post":
        # As the server runs: what a process reads once and keeps (the filter menus'
        # choices, the dashboard's shared sums) is read by this warm-up request.
        client.get(endpoint.path, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        if endpoint.kind == "post":
            path, body = endpoint.reserved[0]
            response = client.post(
                path, body, content_type="application/x-www-form-urlencoded", headers=headers
            )
        else:
            response = client.get(endpoint.path, headers=headers)
    problem = check_answer(endpoint, response.status_code, dict(response.headers), response.content.decode())
    status = f"error: {problem}" if problem else "ok"
    return {
        "label": endpoint.label,
        "kind": endpoint.kind,
        "role": endpoint.role,
        "path": endpoint.path,
        "versus_admin": endpoint.versus_admin,
        "versus_bare": endpoint.versus_bare,
        "p95_limit": endpoint.p95_limit,
        "status": status,
        "queries": len(queries) if status == "ok" else None,
    }


def _fail_unless_all_ok(figures: dict[str, dict], where: str) -> None:
    """Stop the run when an endpoint does not answer with its page: its figures would lie."""
    wrong = {name: f["status"] for name, f in figures.items() if f["status"] != "ok"}
    if wrong:
        lines = "\n".join(f"  {name}: {status}" for name, status in wrong.items())
        raise SystemExit(f"Endpoints that do not answer with their page ({where}):\n{lines}")


def measure_notifications(hooks, digest_users: int = 0) -> tuple[dict, dict]:
    """Digest and reminder-scan figures, or a note while tracker.notifications is missing."""
    from django.utils import timezone

    if not hooks.notifications_available():
        print("    weekly digest and reminder scan: not available yet (tracker.notifications is missing)")
        missing = {"status": "not available yet"}
        return missing, missing
    # Today at 10:00 local time: after REMINDER_EARLIEST_HOUR, so the scan has work to do.
    now = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(10)))
    digest = hooks.measure_digest(now, limit=digest_users or None)
    print(f"    weekly digest: {digest}")
    reminders = hooks.measure_reminder_scan(now)
    print(
        f"    reminder scan: {reminders['seconds']} s ({reminders['claimed']:,} stages recorded), "
        f"{reminders['seconds_repeat']} s when run again, {reminders['queries']} queries"
    )
    return digest, reminders
