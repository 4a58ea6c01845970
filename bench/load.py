"""Serving the app under gunicorn and driving it with wrk."""

import contextlib
import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.endpoints import Endpoint, Session

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk.lua"
HOST = "127.0.0.1"


@contextlib.contextmanager
def gunicorn(port: int, workers: int, worker_class: str, threads: int, log: Path) -> Iterator[int]:
    """Run gunicorn on loopback for the duration of the block (environment inherited);
    the block gets the master's process id."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "tracker.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--worker-class={worker_class}",
        f"--threads={threads}",
        "--log-level=warning",
        f"--error-logfile={log}",
    ]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while probe(port, "/bench/floor", Session(None)) != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {log}")
            time.sleep(0.2)
        yield server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def settle(port: int, *, quick: float = 0.1, limit: float = 120) -> float:
    """Wait until the server answers the floor within `quick` seconds: requests a slow
    endpoint left queued when wrk stopped would otherwise be served during the next
    endpoint's run and count against it. Returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        asked = time.monotonic()
        probe(port, "/bench/floor", Session(None))
        if time.monotonic() - asked < quick:
            break
    return round(time.monotonic() - started, 1)


def probe(port: int, path: str, session: Session, *, htmx: bool = False, body: str | None = None) -> int:
    """One request to the running server; its status code (0 when nothing answers)."""
    return fetch(port, path, session, htmx=htmx, body=body)[0]


def fetch(
    port: int, path: str, session: Session, *, htmx: bool = False, body: str | None = None
) -> tuple[int, dict[str, str], str]:
    """One request to the running server: status (0 when nothing answers), headers, body."""
    headers = {"Cookie": session.cookie} if session.cookie else {}
    if htmx:
        headers["HX-Request"] = "true"
    if body is not None:
        headers["X-CSRFToken"] = session.csrf_token
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("POST" if body is not None else "GET", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, dict(response.getheaders()), text
    except OSError:
        return 0, {}, ""
    finally:
        connection.close()


def run_wrk(
    port: int,
    endpoint: Endpoint,
    session: Session,
    *,
    seconds: int,
    connections: int,
    threads: int,
    requests_file: Path | None = None,
) -> dict:
    """Load one endpoint for `seconds` and return wrk's figures (rates in 1/s, latencies in ms)."""
    env = {
        **os.environ,
        "BENCH_COOKIE": session.cookie,
        "BENCH_CSRF": session.csrf_token,
        "BENCH_HTMX": "1" if endpoint.htmx else "0",
        "BENCH_REQUESTS": str(requests_file or ""),
        "BENCH_THREADS": str(threads),
    }
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={LUA}",
        f"http://{HOST}:{port}{endpoint.path}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return parse_wrk(result.stdout)


def parse_wrk(output: str) -> dict:
    """The figures of the BENCH_JSON line that bench/wrk.lua prints when wrk is done."""
    for line in output.splitlines():
        if line.startswith("BENCH_JSON "):
            raw = json.loads(line.removeprefix("BENCH_JSON "))
            break
    else:
        raise ValueError(f"wrk printed no BENCH_JSON line:\n{output}")
    errors = {name.removeprefix("errors_"): raw[name] for name in raw if name.startswith("errors_")}
    return {
        "requests": raw["requests"],
        "seconds": round(raw["duration_us"] / 1e6, 2),
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": {name: n for name, n in errors.items() if n},
    }
