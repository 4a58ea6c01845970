"""The mixed-load run of `make bench` (issue 14): many connections cycling over the main
pages as one signed-in coordinator, for minutes, with the gunicorn workers' memory
sampled while it runs, so slow pages holding up fast ones, errors under load and memory
growth show, which one endpoint at a time cannot show."""

import json
import os
import subprocess
import threading
import time
from pathlib import Path

from bench.endpoints import Endpoint, Session, check_answer

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "mixed.lua"
HOST = "127.0.0.1"
SLOW_MS = 2000  # issue 14: no request over 2 s
MEMORY_EVERY = 5  # seconds between samples of the workers' memory


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's child processes (its workers)."""
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in text.split()]


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """Samples the workers' resident memory every few seconds until stopped."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.samples: list[tuple[float, dict[int, int]]] = []
        self.halt = threading.Event()

    def sample(self) -> None:
        pids = worker_pids(self.master)
        self.samples.append((time.monotonic(), {pid: rss_kib(pid) for pid in pids}))

    def run(self) -> None:
        while not self.halt.wait(MEMORY_EVERY):
            self.sample()

    def stop(self) -> dict:
        self.halt.set()
        self.join()
        self.sample()
        first, last = self.samples[0][1], self.samples[-1][1]
        peak = max((sum(s.values()) for _, s in self.samples), default=0)
        return {
            "worker_rss_kib_start": sum(first.values()),
            "worker_rss_kib_end": sum(last.values()),
            "worker_rss_kib_peak": peak,
            "workers_restarted": sorted(set(first) ^ set(last)) != [],
            "memory_samples": len(self.samples),
        }


def write_requests(pages: list[Endpoint], folder: Path) -> Path:
    path = folder / "mixed.tsv"
    path.write_text("".join(f"{i}\tGET\t{page.path}\t\n" for i, page in enumerate(pages)), encoding="utf-8")
    return path


def check_pages(port: int, pages: list[Endpoint], session: Session) -> list[str]:
    """Each page answers as itself under the running server (else the run would measure redirects)."""
    from bench.load import fetch

    problems = []
    for page in pages:
        status, headers, text = fetch(port, page.path, session)
        problem = check_answer(page, status, headers, text)
        if problem:
            problems.append(f"{page.name}: {problem}")
    return problems


def run(
    port: int,
    master: int,
    pages: list[Endpoint],
    session: Session,
    *,
    seconds: int,
    connections: int,
    threads: int,
    folder: Path,
) -> dict:
    """Load the pages together for `seconds`; wrk's figures and the workers' memory."""
    from bench.load import parse_wrk

    problems = check_pages(port, pages, session)
    if problems:
        raise SystemExit("Mixed load: pages that do not answer with their page:\n  " + "\n  ".join(problems))
    requests = write_requests(pages, folder)
    env = {
        **os.environ,
        "BENCH_COOKIE": session.cookie,
        "BENCH_REQUESTS": str(requests),
        "BENCH_SLOW_US": str(SLOW_MS * 1000),
    }
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={LUA}",
        f"http://{HOST}:{port}/",
    ]
    sampler = MemorySampler(master)
    sampler.sample()
    sampler.start()
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    finally:
        memory = sampler.stop()
    figures = parse_wrk(result.stdout)
    raw = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON "))[11:])
    return {
        **figures,
        "pages": [page.label for page in pages],
        "connections": connections,
        "slow": raw["slow"],
        "slow_ms": SLOW_MS,
        **memory,
    }
