"""Loaded as a pytest plugin (`-p tests.environment`) before Django's settings are read."""

import os

# Settings require a secret key when DEBUG is off; the suite uses a throwaway one.
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# Hashed static names need `collectstatic`; the suite serves files from the finders instead.
os.environ.setdefault("STATIC_MANIFEST", "false")
