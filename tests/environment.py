"""Loaded as a pytest plugin (`-p tests.environment`) before Django's settings are read."""

import os

# Settings require a secret key when DEBUG is off; the suite uses a throwaway one.
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# Hashed static names need `collectstatic`; the suite serves files from the finders instead.
os.environ.setdefault("STATIC_MANIFEST", "false")
# No Celery beat runs beside the suite: the scheduler check would call every page stale.
# The notification tests turn it on where they test it.
os.environ.setdefault("SCHEDULER_HEALTH_CHECK", "false")
# Mail retries a second apart (not minutes), so the end-to-end tests see them through.
os.environ.setdefault("NOTIFY_RETRY_BACKOFF", "1")
os.environ.setdefault("NOTIFY_RETRY_BACKOFF_MAX", "1")
