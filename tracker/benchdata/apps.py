from django.apps import AppConfig


class BenchdataConfig(AppConfig):
    name = "tracker.benchdata"
    verbose_name = "Synthetic data for benchmarks"
