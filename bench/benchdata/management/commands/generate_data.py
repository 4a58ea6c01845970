import time

from django.core.management.base import BaseCommand, CommandError

from bench.benchdata.generate import RealDataPresent, generate


class Command(BaseCommand):
    help = (
        "Replace generated data with realistic synthetic data at --scale N (1: 500 projects, "
        "5,000 commitments, 20,000 contacts, 10,000 follow-ups, 100 users). Refuses to run "
        "against a database holding real projects, commitments or contacts unless --force."
    )

    def add_arguments(self, parser):
        # A fraction (e.g. 0.02) makes a small world for tests.
        parser.add_argument("--scale", type=float, required=True, help="size multiplier, e.g. 1 or 10")
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
        parser.add_argument(
            "--force", action="store_true", help="generate even though real data exists (kept as it is)"
        )

    def handle(self, *args, scale: float, seed: int, force: bool, **options):
        if scale <= 0 or scale > 100:
            raise CommandError("--scale must be above 0 and at most 100.")
        started = time.perf_counter()
        try:
            written = generate(scale, seed=seed, force=force)
        except RealDataPresent as exc:
            raise CommandError(f"{exc} Use --force to generate beside it.") from exc
        seconds = time.perf_counter() - started
        self.stdout.write(", ".join(f"{n:,} {kind}" for kind, n in written.items()))
        self.stdout.write(self.style.SUCCESS(f"Generated scale {scale:g} (seed {seed}) in {seconds:.1f} s."))
