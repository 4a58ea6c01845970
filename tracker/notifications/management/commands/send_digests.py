"""Send this week's digests now (each user at most once a week), without a Celery worker."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tracker.notifications import digests, services
from tracker.notifications.management.commands.send_reminders import find_user, summary


class Command(BaseCommand):
    help = "Record and send this ISO week's digest of every recipient (or one user) who has none yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent (with --user: the text); send nothing.",
        )
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's digest.")

    def handle(self, *args, dry_run: bool = False, user: str | None = None, **options):
        person = find_user(user)
        now = timezone.now()
        if dry_run:
            people = digests.recipients() if person is None else [person]
            for someone in people:
                content = digests.build_digest(someone, now)
                counts = ", ".join(f"{s.key} {len(s.items)}" for s in content.sections if s.items)
                self.stdout.write(f"{someone.username}: {counts or 'empty, would not be sent'}")
                if person is not None and not content.is_empty:
                    with translation.override(someone.language):
                        self.stdout.write(
                            render_to_string("emails/digest.txt", digests.digest_context(content))
                        )
            return
        results: Counter = Counter()

        def send_now(ids: list[int]) -> None:
            for pk in ids:
                results[digests.deliver(pk, now=timezone.now(), final=True).value] += 1

        services.run_digest_scan(now, then=send_now, user=person)
        self.stdout.write(summary(results))
