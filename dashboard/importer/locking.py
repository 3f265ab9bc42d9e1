"""One import at a time, so that two imports of the same workbook end as one.

    with import_lock():
        ...  # validate and write; another import waits here until this transaction ends

Two imports started together would otherwise both find the workbook's refs missing, both plan
to create them, and the second, once the first had committed, would fail on the unique `ref`
(or, for records both update, write a second, needless change). `import_workbook` here is the
engine's, with the lock taken *before* the rows are checked against the database: the second
import waits, then checks the file against what the first one saved, and reports its rows as
unchanged.

On PostgreSQL the lock is a transaction-level advisory lock: released by the commit or the
rollback of the transaction it was taken in, and so also when the process dies or the server
drops the connection. SQLite has a single writer already; the lock is a no-op there, and the
second of two concurrent imports of new records is refused by the unique constraint with the
engine's "The database refused the import" message. PostgreSQL is the production database.
"""

import threading
from contextlib import contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections, transaction
from django.utils.translation import gettext_lazy

from dashboard.importer.problems import ImportResult, Problem

# The key of the advisory lock ("DNIMPORT" in ASCII), one 64-bit number that nothing else
# taking advisory locks in this database uses.
IMPORT_LOCK_KEY = 0x444E494D504F5254

CONNECTION_LOST = gettext_lazy(
    "The database could not finish the import (the connection was lost or the server stopped "
    "it); nothing was written. Try again in a moment. ({error})"
)

# The aliases whose import lock this thread holds inside an enclosing `import_lock()`, so that
# the engine's own call (in `WorkbookImport.write`) costs no second query.
_held = threading.local()


def _held_aliases():
    aliases = getattr(_held, "aliases", None)
    if aliases is None:
        aliases = _held.aliases = set()
    return aliases


@contextmanager
def import_lock(*, using=DEFAULT_DB_ALIAS):
    """Hold the import lock until the end of the transaction this opens or joins.

    Another import (another process, thread or server) calling it waits until then. Nested
    calls, and calls inside an enclosing `import_lock()`, take nothing more.
    """
    held = _held_aliases()
    connection = connections[using]
    if using in held or connection.vendor != "postgresql":
        yield
        return
    # No savepoint: the lock belongs to the enclosing transaction, and a savepoint rolled back
    # would release it early (PostgreSQL releases locks taken after a savepoint rolled back to).
    with transaction.atomic(using=using, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        held.add(using)
        try:
            yield
        finally:
            held.discard(using)


def import_workbook(
    source,
    *,
    name=None,
    user=None,
    dry_run=False,
    progress=None,
    run=None,
    expected_counts=None,
):
    """The engine's `import_workbook` (same arguments, same `ImportResult`), one at a time.

    Validation runs under the lock, so the rows are compared with what a concurrent import has
    just saved. Dry runs take the lock too: they write and roll back, and would otherwise collide
    with an import writing the same refs. A connection lost on the way (the server restarted or
    dropped it) is reported as a problem, like any refusal: nothing was written (PostgreSQL
    rolls the transaction back; only a connection lost during COMMIT itself leaves the outcome
    unknown to the client).
    """
    # Imported here: the engine itself imports `import_lock` from this module.
    from dashboard.importer import engine

    name = _file_name(source, name)
    try:
        with import_lock():
            return engine.import_workbook(
                source,
                name=name,
                user=user,
                dry_run=dry_run,
                progress=progress,
                run=run,
                expected_counts=expected_counts,
            )
    except Exception as error:
        lost = _lost_connection(error)
        if lost is None:
            raise
        result = ImportResult(name)
        result.problems.append(
            Problem(
                name,
                None,
                "",
                str(CONNECTION_LOST).format(error=" ".join(str(lost).split())),
            )
        )
        return result


def _lost_connection(error, *, using=DEFAULT_DB_ALIAS):
    """The first error, in the chain that led to `error`, saying the connection broke, or None.

    The engine reports the database's refusals itself; what reaches here is the connection
    lost on the way, often hidden behind the error of what came next (a query in a transaction
    that can no longer go on). The driver's own error counts too: COPY (bulk.py) calls the
    driver directly, outside Django's translation of its errors.
    """
    driver = connections[using].Database
    kinds = (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError)
    first, seen = None, set()
    # The chain runs from the last error to the first; the first says what happened.
    while error is not None and id(error) not in seen:
        if isinstance(error, kinds):
            first = error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return first


def _file_name(source, name):
    """The file's name as the engine records it (import log, history reason)."""
    if name is None:
        name = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "")
        name = Path(name or "upload").name
    return name
