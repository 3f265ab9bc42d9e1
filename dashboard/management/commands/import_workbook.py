"""`python manage.py import_workbook PATH`: the import of data contract section 1.

Exit status 0 when imported, with the counts per sheet on standard output; otherwise non-zero
with every problem on standard error as `sheet, row N, column: message`, and nothing written.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.importer import SHEETS, import_workbook


class Command(BaseCommand):
    help = (
        "Import a workbook: an .xlsx file, a .csv file named after its sheet, or a folder of "
        "such CSV files. All or nothing: any problem and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .xlsx file, .csv file or folder of .csv files.")
        parser.add_argument(
            "--user", help="User name to record as the importer (in the import log and history)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and count everything, write nothing.",
        )

    def handle(self, *args, path, user=None, dry_run=False, verbosity=1, **options):
        importer = None
        if user:
            try:
                importer = get_user_model()._default_manager.get_by_natural_key(user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(_("There is no user {user}.").format(user=user)) from error

        def progress(message):
            self.stderr.write(message)

        result = import_workbook(
            path,
            user=importer,
            dry_run=dry_run,
            progress=progress if verbosity >= 1 else None,
        )
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(str(warning)))
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(
                ngettext(
                    "{file}: {count} problem; nothing was written.",
                    "{file}: {count} problems; nothing was written.",
                    count,
                ).format(file=result.file_name, count=count)
            )

        if dry_run:
            self.stdout.write(
                _("Checked {file}; nothing was written.").format(file=result.file_name)
            )
        else:
            self.stdout.write(_("Imported {file}.").format(file=result.file_name))
        for sheet in SHEETS:
            counts = result.counts.get(sheet.key)
            if counts is not None:
                self.stdout.write(
                    _(
                        "{sheet}: {created} created, {updated} updated, {unchanged} unchanged"
                    ).format(
                        sheet=sheet.key,
                        created=counts.created,
                        updated=counts.updated,
                        unchanged=counts.unchanged,
                    )
                )
