"""`python manage.py export_all PATH`: every record as an import workbook (data contract, §1).

The same workbook as the download `/export/records.xlsx`; `import_workbook PATH` reads it back.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.importer.export import write_workbook


class Command(BaseCommand):
    @property
    def help(self):
        # argparse needs a plain string, so the text is translated when the parser is built.
        return _(
            "Write every record to an .xlsx workbook in the import format, one sheet per kind "
            "of record; import_workbook reads it back."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The .xlsx file to write (replaced if it exists)."))

    def handle(self, *args, path, **options):
        if not path.lower().endswith(".xlsx"):
            raise CommandError(_("The file name must end in .xlsx."))
        try:
            with open(path, "wb") as stream:
                written = write_workbook(stream)
        except OSError as error:
            raise CommandError(
                _("Cannot write {path}: {error}").format(path=path, error=error.strerror)
            ) from error
        self.stdout.write(_("Wrote {path}.").format(path=path))
        for sheet, rows in written.items():
            self.stdout.write(
                ngettext("{sheet}: {rows} row", "{sheet}: {rows} rows", rows).format(
                    sheet=sheet, rows=rows
                )
            )
