import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tracker.accounts.models import Role, User
from tracker.reference.models import Organisation, PartnerCountry


class Command(BaseCommand):
    help = "Create or update a tracker user. The password comes from TRACKER_PASSWORD or a prompt."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help="one of: " + ", ".join(Role.values))
        parser.add_argument("--country", action="append", default=[], help="ISO code; repeat for several")
        parser.add_argument("--organisation", help="organisation code, e.g. ukroboronprom")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, country, organisation, email, **options):
        if role not in Role.values:
            raise CommandError(f"Unknown role “{role}”. Choose one of: {', '.join(Role.values)}.")
        codes = [code.upper() for code in country]
        countries = list(PartnerCountry.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {str(c.code) for c in countries})
        if unknown:
            raise CommandError(f"Unknown country code(s): {', '.join(unknown)}. Run `manage.py seed` first?")
        org = None
        if organisation:
            org = Organisation.objects.filter(code=organisation).first()
            if org is None:
                raise CommandError(f"Unknown organisation “{organisation}”.")
        if role == Role.INDUSTRY and org is None:
            raise CommandError("Industry users need --organisation.")
        if role == Role.EMBASSY and not countries:
            raise CommandError("Embassy users need at least one --country.")
        password = os.environ.get("TRACKER_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise CommandError("Set TRACKER_PASSWORD or run the command in a terminal to be asked.")
            password = getpass.getpass("Password: ")
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role, user.organisation, user.email = role, org, email or user.email
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.countries.set(countries)
        self.stdout.write(self.style.SUCCESS(f"User {username} saved as {user.get_role_display()}."))
