"""A fresh Python process in a chosen environment: settings are read once per process, and
the suite's own environment (tests/environment.py) turns some production switches off."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOW_SETTINGS = """
import json, sys, django
from django.conf import settings as s
django.setup()
print(json.dumps({name: getattr(s, name, None) for name in sys.argv[1:]}, default=str))
"""


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run our interpreter with `args` in the repository, with exactly `env` as its environment."""
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py, fixed arguments)
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def settings_under(env: dict[str, str], names: list[str]) -> dict:
    """The named settings as a process started with `env` sees them (after django.setup())."""
    result = run(["-c", SHOW_SETTINGS, *names], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
