"""The benchmark's code runs with the benchmark's settings: bench/settings.py installs the
generator (`generate_data`) and routes the floor view, which the tracker's own settings,
those of the rest of the suite, do not."""

import pytest


@pytest.fixture
def bench_settings(settings):
    """The apps and URLs of bench/settings.py, for one test."""
    from bench import settings as bench

    settings.INSTALLED_APPS = bench.INSTALLED_APPS
    settings.ROOT_URLCONF = bench.ROOT_URLCONF
