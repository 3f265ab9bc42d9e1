"""`manage.py indicators --from 2020 --to 2025 [--until MM-DD]`: the indicator table as CSV."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dashboard.exports import write_indicator_csv
from dashboard.indicators import indicator_table


class Command(BaseCommand):
    @property
    def help(self):
        # argparse needs a plain string, so the text is translated when the parser is built.
        return _("Print the yearly indicators as CSV: indicator,unit,<year>,…")

    def add_arguments(self, parser):
        # Taken as text so that a bad year gets the same message as on the web.
        parser.add_argument(
            "--from",
            dest="first",
            metavar="YEAR",
            help=_("First year (default: five years before the last)."),
        )
        parser.add_argument(
            "--to", dest="last", metavar="YEAR", help=_("Last year (default: this year).")
        )
        parser.add_argument(
            "--until",
            metavar="MM-DD",
            help=_("Year to date: count each year up to this day and take stocks on it."),
        )

    def handle(self, *args, first, last, until, **options):
        try:
            table = indicator_table(first=first, last=last, until=until)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        write_indicator_csv(table, self.stdout)
