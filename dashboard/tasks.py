"""Background tasks (Django's `django.tasks`, kept in the database by django-tasks-db and run by
`manage.py db_worker`): the imports staff confirm on the upload page.

    run = ImportRun.objects.create(file_name=..., user=..., sha256=...)  # queued
    import_confirmed_upload.enqueue(run_id=run.pk, token=..., preview_counts=..., language="vi")

An import of a national file takes minutes, longer than a request may; the worker runs it with
the same engine and the same all-or-nothing rule as `manage.py import_workbook`, and the page
/import/runs/<id>/ follows it through the run's row (ImportRun: status, phase, rows).
"""

import io
import logging
import time

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dashboard import uploads
from dashboard.importer import Problem, import_workbook
from dashboard.importer.problems import CHECKING
from dashboard.models import ImportRun

logger = logging.getLogger(__name__)


@task
def import_confirmed_upload(*, run_id, token, preview_counts, language):
    """Import the file staff confirmed (kept under `token` in uploads.queued_dir()) into the
    queued ImportRun `run_id`: only when its bytes still have the SHA-256 the preview showed
    and the import does what the preview said (`preview_counts`, per sheet). Messages are in
    `language`, the one of the person who confirmed. Returns the run's final status."""
    run = (
        ImportRun.objects.select_related("user")
        .filter(pk=run_id, status=ImportRun.Status.QUEUED)
        .first()
    )
    if run is None:
        # Deleted meanwhile, or taken by a run of this task that died: nothing to do here.
        uploads.discard_queued(token)
        return None
    with translation.override(language):
        try:
            _import(run, token=token, preview_counts=preview_counts)
        except BaseException:
            # The worker records the traceback with the task (django-tasks-db); the page says
            # that the import stopped. Anything raised inside the engine's transaction rolled
            # it back: nothing was written.
            stopped = Problem(
                run.file_name,
                None,
                "",
                _(
                    "The import stopped on an unexpected error; nothing was written. The error "
                    "is in the import worker's log."
                ),
            )
            try:
                _reconnect_if_lost()
                _fail(run, [stopped])
            except DatabaseError:
                logger.exception("Import run %s: the failure could not be recorded.", run.pk)
            raise
        finally:
            uploads.discard_queued(token)
    return run.status


def _import(run, *, token, preview_counts):
    run.status = ImportRun.Status.RUNNING
    run.phase = CHECKING
    run.save(update_fields=["status", "phase"])
    data = uploads.read_queued(token)
    if data is None:
        _fail(
            run,
            [
                Problem(
                    run.file_name,
                    None,
                    "",
                    _(
                        "The confirmed file is no longer on the server. Nothing was imported; "
                        "upload it again."
                    ),
                )
            ],
        )
        return
    if uploads.file_sha256(data) != run.sha256:
        _fail(run, [Problem(run.file_name, None, "", str(uploads.FILE_CHANGED))])
        return
    recorder = ProgressRecorder(run)
    try:
        result = import_workbook(
            io.BytesIO(data),
            name=run.file_name,
            user=run.user,
            progress=recorder,
            run=run,
            expected_counts=preview_counts,
        )
    finally:
        recorder.close()
    if not result.imported:
        _reconnect_if_lost()
        _fail(run, result.problems)


def _reconnect_if_lost():
    """Close the import's connection if the server dropped it (locking.py turns that into a
    problem), so that the next query opens a new one to record the failure. Never inside a
    transaction (a test's), which a close would end."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def _fail(run, problems):
    run.status = ImportRun.Status.FAILED
    run.succeeded = False
    run.counts = {}
    run.problems = [problem.as_dict() for problem in problems]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "succeeded", "counts", "problems", "finished_at"])


class ProgressRecorder:
    """The engine's `progress` callback for a queued import: writes the phase and the rows done
    and in all to the run's row, at most once every `interval` seconds and whenever the phase
    changes, for the progress page to poll.

    Through a database connection of its own, in autocommit: the import's connection is inside
    a transaction for most of the way (on PostgreSQL the import lock's transaction spans the
    checking too, and the writing is one transaction on every database), so what it wrote there
    would stay invisible to the page until the commit. Each update made here is committed at
    once. The writing phase has no numbers to give (the rows go in by the batch inside that one
    transaction), and SQLite, which allows one writer at a time, could not take an update while
    it runs anyway: the engine reports the phase just before opening the transaction, and the
    page shows "writing" until the run's status changes, in the import's own commit.

    A progress bar is a courtesy: an update that fails (the database busy or gone) stops the
    updates, never the import.
    """

    INTERVAL = 1.0

    def __init__(self, run, *, interval=None, clock=time.monotonic):
        self.run_id = run.pk
        self.interval = self.INTERVAL if interval is None else interval
        self.clock = clock
        self.last_phase = None
        self.last_at = None
        self.connection = None
        self.stopped = False

    def __call__(self, progress):
        if self.stopped:
            return
        now = self.clock()
        if progress.phase == self.last_phase and now - self.last_at < self.interval:
            return
        self.last_phase, self.last_at = progress.phase, now
        self.write(progress)

    def write(self, progress):
        try:
            if self.connection is None:
                # Not `connections[...]`: that is the import's own connection in this thread.
                self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
            meta = ImportRun._meta
            quote = self.connection.ops.quote_name
            column = {name: quote(meta.get_field(name).column) for name in PROGRESS_FIELDS}
            sql = (
                f"UPDATE {quote(meta.db_table)} SET {column['phase']} = %s, "  # noqa: S608 (names from the model)
                f"{column['rows_done']} = %s, {column['rows_total']} = %s "
                f"WHERE {column['id']} = %s AND {column['status']} = %s"
            )
            params = [
                progress.phase,
                progress.rows_done,
                progress.rows_total,
                self.run_id,
                ImportRun.Status.RUNNING.value,
            ]
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)
        except DatabaseError as error:
            logger.warning("Import run %s: progress no longer recorded (%s).", self.run_id, error)
            self.stopped = True

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


PROGRESS_FIELDS = ("id", "status", "phase", "rows_done", "rows_total")
