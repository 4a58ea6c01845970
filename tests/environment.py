"""Loaded as a pytest plugin (`-p tests.environment`) before Django's settings are read."""

import os

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
