from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracker.demo.seeding import load_demo
from tracker.reference.seeding import load_reference


class Command(BaseCommand):
    help = "Load reference data from seeds/ (idempotent); --demo adds demo users and records."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="also load demo data (DEBUG only)")

    def handle(self, *args, demo: bool, **options):
        if demo and not settings.DEBUG:
            raise CommandError("Refusing to load demo data with DEBUG off: demo users have known passwords.")
        counts = load_reference()
        self.stdout.write("Reference data: " + ", ".join(f"{n} {kind} written" for kind, n in counts.items()))
        if demo:
            logins = load_demo()
            self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at /accounts/login/ as:"))
            for username, role, password in logins:
                self.stdout.write(f"  {username:<12} {role:<24} password: {password}")
