"""Loaded as a pytest plugin (`-p tests.environment`) before Django's settings are read.

It sets the suite's environment, gives each pytest-xdist worker its own Redis database and
data folder, and switches between the two suites: the PostgreSQL suite (default) and the
smoke suite of the embedded default (`--smoke`, tests/smoke/, `make smoke`).
"""

import atexit
import os
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import pytest

SMOKE_DIR = Path(__file__).resolve().parent / "smoke"
REDIS_DATABASES = 16  # Redis's default `databases`

# Settings require a secret key when DEBUG is off; the suite uses a throwaway one.
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# Hashed static names need `collectstatic`; the suite serves files from the finders instead.
os.environ.setdefault("STATIC_MANIFEST", "false")
# The test client and the browser tests' live server speak plain http, so the production
# redirect to https would answer every request with 301. Cookies stay Secure: the test client
# sends them regardless, and Chromium accepts Secure cookies from http://localhost.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Two-factor sign-in is on for coordinators and admins in production; most tests sign in with
# force_login and test what a page does, not the second factor, so the suite starts with no
# role required. tests/security/ turns it on per test (the `settings` fixture).
os.environ.setdefault("MFA_REQUIRED_ROLES", "")
# No Celery beat runs beside the suite: the scheduler check would call every page stale.
# The notification tests turn it on where they test it.
os.environ.setdefault("SCHEDULER_HEALTH_CHECK", "false")
# Mail retries a second apart (not minutes), so the end-to-end tests see them through.
os.environ.setdefault("NOTIFY_RETRY_BACKOFF", "1")
os.environ.setdefault("NOTIFY_RETRY_BACKOFF_MAX", "1")
# Filter menus read their choices afresh on every page, so a test sees the rows it just made.
os.environ.setdefault("FILTER_CHOICES_SECONDS", "0")


def worker_index() -> int:
    """0 in a plain run; N in pytest-xdist's worker gwN (it sets PYTEST_XDIST_WORKER first)."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def worker_redis_url(url: str, index: int) -> str:
    """REDIS_URL moved up by `index` databases: each worker purges and reads its own queue."""
    parts = urllib.parse.urlsplit(url)
    database = int(parts.path.strip("/") or 0) + index
    if database >= REDIS_DATABASES:
        raise pytest.UsageError(
            f"REDIS_URL={url} leaves no Redis database for xdist worker {index}: use a lower database "
            f"number or fewer workers (-n); databases {REDIS_DATABASES - 1} is the highest."
        )
    return urllib.parse.urlunsplit(parts._replace(path=f"/{database}"))


# Celery tests purge the queue and read what waits on it: one Redis database per worker.
# (pytest-django gives each worker its own test database, test_<name>_gwN.)
if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = worker_redis_url(os.environ["REDIS_URL"], worker_index())
# Anything the app writes under its data folder (var/) goes to a folder of this process,
# never to the developer's var/ nor to another worker's.
os.environ["TRACKER_VAR_DIR"] = tempfile.mkdtemp(prefix=f"tracker-tests-{worker_index()}-")
atexit.register(shutil.rmtree, os.environ["TRACKER_VAR_DIR"], ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--smoke",
        action="store_true",
        help="Run only the smoke suite of the embedded default (SQLite, file-based queue): make smoke.",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The PostgreSQL suite never collects tests/smoke/; the smoke suite collects nothing else."""
    in_smoke = collection_path == SMOKE_DIR or SMOKE_DIR in collection_path.parents
    if config.getoption("smoke"):
        return None if in_smoke or collection_path in SMOKE_DIR.parents else True
    return True if in_smoke else None
