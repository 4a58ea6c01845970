"""Settings of `make bench`: the tracker's own, plus the benchmark's app `bench.benchdata`
(the `generate_data` command and the floor view at /bench/floor), which the product never
installs. `python -m bench` uses them; by hand:
`python manage.py generate_data --settings=bench.settings --scale 1`.
"""

from tracker.settings import *  # noqa: F403
from tracker.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.benchdata"]
ROOT_URLCONF = "bench.urls"
