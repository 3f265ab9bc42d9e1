"""`python manage.py import_workbook PATH`: the import of data contract section 1.

Exit status 0 when imported, with the counts per sheet on standard output; otherwise non-zero
with every problem on standard error as `sheet, row N, column: message`, and nothing written.
While it runs, standard error shows where it stands: on a terminal a progress bar redrawn in
place, elsewhere (a log, CI, a test) a plain line every 10,000 rows read and before writing.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.importer import SHEETS, import_workbook
from dashboard.importer.problems import WRITING

BAR_WIDTH = 30
# A terminal is redrawn at most this often; the engine reports every 100 rows.
REDRAW_SECONDS = 0.1


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

        progress = None
        if verbosity >= 1:
            progress = (
                TerminalProgress(self.stderr) if self.stderr.isatty() else LogProgress(self.stderr)
            )
        try:
            result = import_workbook(path, user=importer, dry_run=dry_run, progress=progress)
        finally:
            if progress is not None:
                progress.finish()
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


class LogProgress:
    """The engine's lines, one per 10,000 rows read and one before writing a large file."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, progress):
        if progress.message:
            self.stream.write(progress.message)

    def finish(self):
        pass


class TerminalProgress:
    """One line redrawn in place: a bar with the percentage while the rows are read and checked
    (when the reader knows how many the file holds, else the rows so far), then the writing."""

    def __init__(self, stream, *, clock=time.monotonic):
        self.stream = stream
        self.clock = clock
        self.last_phase = None
        self.last_at = None
        self.drawn = False

    def __call__(self, progress):
        now = self.clock()
        if progress.phase == self.last_phase and now - self.last_at < REDRAW_SECONDS:
            return
        self.last_phase, self.last_at = progress.phase, now
        # Back to the start of the line, and clear what a longer line left there.
        self.write("\r" + progress_line(progress) + "\x1b[K")
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.write("\n")

    def write(self, text):
        # Unstyled and without a line ending: Django colours standard error on a terminal.
        self.stream.write(text, style_func=str, ending="")
        self.stream.flush()


def progress_line(progress):
    def number(value):
        return number_format(value, force_grouping=True)

    if progress.phase == WRITING:
        return _("Writing {rows} rows…").format(rows=number(progress.rows_total))
    if not progress.rows_total:
        return _("Reading and checking the rows: {done}").format(done=number(progress.rows_done))
    share = min(progress.rows_done / progress.rows_total, 1)
    filled = round(share * BAR_WIDTH)
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    checked = _("Reading and checking the rows: {done} of {total}").format(
        done=number(progress.rows_done), total=number(progress.rows_total)
    )
    return f"[{bar}] {int(share * 100):3d}% {checked}"
