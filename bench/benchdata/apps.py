from django.apps import AppConfig


class BenchdataConfig(AppConfig):
    """Installed by bench/settings.py only: the product never installs or routes it."""

    name = "bench.benchdata"
    label = "benchdata"
    verbose_name = "Synthetic data for benchmarks"
