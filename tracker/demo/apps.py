from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo people and records, and `manage.py seed`, which loads the reference data and
    with --demo the demo (it uses the services of every feature app, so it sits on top)."""

    name = "tracker.demo"
    label = "demo"
