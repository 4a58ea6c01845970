"""The smoke suite's app: `make run` itself, in a data folder of its own, on a free port.

`make run` migrates a new SQLite database, loads the demo data (`seed --demo`) and starts
the dev server with a Celery worker and beat on the file-based queue (scripts/dev). The
environment is a fresh machine's: no DATABASE_URL, no REDIS_URL, no EMAIL_HOST, nothing of
the PostgreSQL suite's settings (tests/environment.py), so the defaults are what is tested.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fresh_python import ROOT
from tests.smoke.visitor import Visitor

# What a developer's shell passes on; everything else (DATABASE_URL, REDIS_URL, ...) is left out.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
START_SECONDS = 180  # `make run` on a loaded 2-core machine: venv check, migrate, seed, start


@dataclass
class App:
    url: str
    var: Path
    env: dict[str, str]

    def visitor(self) -> Visitor:
        return Visitor(self.url)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """`make run` on a free port with its own data folder; stopped as Ctrl-C stops it."""
    var = tmp_path_factory.mktemp("smoke") / "var"
    address = f"127.0.0.1:{free_port()}"
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env |= {
        "TRACKER_VAR_DIR": str(var),
        "RUN_ADDR": address,
        "DEBUG": "1",  # make run's default, spelled out for the commands run beside it
        # Reminders go out at any hour of the test run (the default waits for 08:00 Kyiv).
        "REMINDER_EARLIEST_HOUR": "0",
    }
    log = (var.parent / "make-run.log").open("w")
    # Its own session: the interrupt below reaches make and scripts/dev, as a terminal's would.
    command = [shutil.which("make") or "make", "run"]
    make = subprocess.Popen(  # noqa: S603 (our own Makefile's target)
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://{address}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not answers(url):
            assert make.poll() is None, f"make run exited with {make.returncode}:\n{_tail(log)}"
            assert time.monotonic() < deadline, (
                f"make run did not answer within {START_SECONDS} s:\n{_tail(log)}"
            )
            time.sleep(0.5)
        yield App(url, var, env)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGINT)  # Ctrl-C: scripts/dev stops the server and the worker
            try:
                make.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
                make.wait(10)
        log.close()


def answers(url: str) -> bool:
    """Whether the server serves its sign-in page yet."""
    try:
        return Visitor(url).get("/accounts/login/").status == 200
    except OSError:  # not listening yet
        return False


def _tail(log) -> str:
    log.flush()
    return "".join(Path(log.name).read_text().splitlines(keepends=True)[-40:])
