"""Fill an empty database with the deterministic demo data set (for `make run` on a laptop)."""

from django.core.management.base import BaseCommand, CommandError

from dashboard.demo import DEFAULT_SEED, database_has_records, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data set: partners, agreements, delegations, events, FDI projects and "
        "statistics that reproduce the city's reported figures. Refuses a database that "
        "already holds records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random generator; the same seed gives the same data "
            f"(default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into an empty database; otherwise say so and exit successfully.",
        )

    def handle(self, *args, seed, if_empty, **options):
        # Refs are fixed, so loading on top of existing records would collide or mix demo rows
        # with real ones; `make demo` runs with --if-empty so that it can run every time.
        if database_has_records():
            if if_empty:
                self.stdout.write("The database already holds records; demo data not loaded.")
                return
            raise CommandError(
                "The database already holds records; the demo data is only loaded into an empty "
                "database. Use --if-empty to skip loading quietly, or start from a fresh database."
            )
        counts = load_demo(seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded (seed {seed}):"))
        for name, count in counts.items():
            self.stdout.write(f"  {name:<24} {count:>6}")
