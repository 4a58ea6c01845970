"""Run the reminder scan now and send what it records, without a Celery worker."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.accounts.models import User
from tracker.notifications import reminders, services


class Command(BaseCommand):
    help = (
        "Record the follow-up reminders due now and send them at once (also those left pending). "
        "Ignores REMINDER_EARLIEST_HOUR: whoever runs it wants them now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; change nothing.")
        parser.add_argument("--user", metavar="USERNAME", help="Only follow-ups owned by this user.")

    def handle(self, *args, dry_run: bool = False, user: str | None = None, **options):
        owner = find_user(user)
        now = timezone.now()
        policy = reminders.Policy.from_settings(earliest_hour=0)
        if dry_run:
            due = reminders.due_now(now, policy, owner=owner)
            for item in due:
                copied = " (coordinators copied)" if item.escalated else ""
                self.stdout.write(
                    f"{item.stage:<12} {item.followup.due_on} {item.followup.owner.username}: "
                    f"{item.followup.title}{copied}"
                )
            self.stdout.write(f"{len(due)} reminder(s) would be sent.")
            return
        results: Counter = Counter()

        def send_now(ids: list[int]) -> None:
            for pk in ids:
                results[reminders.deliver(pk, now=timezone.now(), final=True).value] += 1

        services.run_reminder_scan(now, then=send_now, policy=policy, owner=owner)
        self.stdout.write(summary(results))


def find_user(username: str | None) -> User | None:
    """The user named on the command line, or None when none was named."""
    if username is None:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user {username!r}.")
    return user


def summary(results: Counter) -> str:
    """A line such as "failed: 1, sent: 3", or "Nothing to send."."""
    return ", ".join(f"{name}: {count}" for name, count in sorted(results.items())) or "Nothing to send."
