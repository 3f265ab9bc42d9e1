"""Imports that die halfway, and imports run at the same time (PostgreSQL).

Each test runs `manage.py import_workbook` as a separate process against the test database, as
an operator would, and holds it at a chosen point with a lock of its own: the import's process
is then killed, or its server-side backend terminated, while it is writing; or two imports are
started together. What the database holds afterwards is compared with what it held before.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils.translation import override

from dashboard.importer.locking import CONNECTION_LOST, IMPORT_LOCK_KEY
from dashboard.models import ImportRun
from partners.models import Partner
from tests.dashboard.test_import import write_csv_folder
from tests.factories import create_partner, create_statistic

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the process and lock tests need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

ROWS = 500
WAIT_SECONDS = 60


def generated_folder(folder):
    """Partners, delegations naming them, then statistics: the last sheet the import writes."""
    sheets = {
        "partners": [["ref", "name", "kind", "country", "established_on"]]
        + [[f"P-{n}", f"City {n}", "locality", "KR", "2020-01-01"] for n in range(ROWS)],
        "delegations": [
            ["ref", "direction", "title", "level", "countries", "start_on", "partner_refs"]
        ]
        + [
            [f"D-{n}", "inbound", "Visit", "other", "KR;JP", "2024-01-01", f"P-{n};P-0"]
            for n in range(ROWS)
        ],
        "statistics": [
            ["indicator", "year", "value", "source", "status"],
            ["exports_usd", 2025, 4530000000, "Cục Thống kê", ""],
        ],
    }
    return write_csv_folder(folder, sheets)


def subprocess_database_url():
    """postgres://user[:password]@host:port/<the test database> for the import's process."""
    params = connection.settings_dict
    auth = quote(params["USER"] or "postgres", safe="")
    if params["PASSWORD"]:
        auth += ":" + quote(params["PASSWORD"], safe="")
    host = params["HOST"] or "127.0.0.1"
    port = params["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{params['NAME']}"


def start_import(folder, *args):
    env = {**os.environ, "DATABASE_URL": subprocess_database_url(), "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(  # noqa: S603 (our own manage.py, arguments we built)
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "import_workbook"]
        + [str(folder), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def side_connection():
    """A connection of the test's own to the test database, outside Django's."""
    return connection.get_new_connection(connection.get_connection_params())


def query(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}.")


def table_counts():
    """Rows in every table of the database."""
    quote_name = connection.ops.quote_name
    tables = connection.introspection.table_names()
    return {table: query(f"SELECT count(*) FROM {quote_name(table)}")[0][0] for table in tables}  # noqa: S608


def import_backend_blocked_while_writing():
    """The pid of an import's backend waiting for a lock after it has written rows: it holds a
    transaction id and the lock on the partners table that inserting takes."""
    rows = query(
        """
        SELECT activity.pid FROM pg_stat_activity AS activity
        WHERE activity.datname = current_database()
          AND activity.wait_event_type = 'Lock'
          AND activity.backend_xid IS NOT NULL
          AND EXISTS (
            SELECT 1 FROM pg_locks AS held
            WHERE held.pid = activity.pid AND held.granted
              AND held.relation = 'partners_partner'::regclass
              AND held.mode = 'RowExclusiveLock'
          )
        """
    )
    return rows[0][0] if rows else None


def backend_gone(pid):
    return not query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])


@pytest.fixture
def database_before():
    """Some saved records, and the row count of every table."""
    create_partner(ref="P-SAVED", name="Daegu")
    create_statistic(indicator="visitors_total", year=2024)
    return table_counts()


def interrupted_import(folder, interrupt):
    """Run the import until it has written partners and delegations and waits to write the
    statistics (the test holds that table), `interrupt(process, backend pid)`, then let go."""
    holder = side_connection()
    try:
        with holder.cursor() as cursor:
            cursor.execute("LOCK TABLE dashboard_statisticsentry IN EXCLUSIVE MODE")
        process = start_import(folder, "--verbosity", "0")
        pid = wait_for(import_backend_blocked_while_writing, "the import to be writing")
        interrupt(process, pid)
    finally:
        holder.rollback()
        holder.close()
    stdout, stderr = process.communicate(timeout=WAIT_SECONDS)
    wait_for(lambda: backend_gone(pid), "the import's backend to end")
    return process.returncode, stdout, stderr


def test_import_killed_while_writing_leaves_the_database_as_it_was(tmp_path, database_before):
    folder = generated_folder(tmp_path / "large")

    returncode, _stdout, _stderr = interrupted_import(
        folder, lambda process, pid: process.send_signal(signal.SIGKILL)
    )

    assert returncode == -signal.SIGKILL
    assert table_counts() == database_before
    assert not ImportRun.objects.filter(succeeded=True).exists()
    assert not Partner.objects.filter(ref="P-0").exists()


def test_import_whose_connection_the_server_drops_writes_nothing_and_says_so(
    tmp_path, database_before
):
    folder = generated_folder(tmp_path / "large")

    def terminate_backend(process, pid):
        assert query("SELECT pg_terminate_backend(%s)", [pid]) == [(True,)]

    returncode, _stdout, stderr = interrupted_import(folder, terminate_backend)

    # The command speaks the default language; the server's message is kept as it came.
    with override(settings.LANGUAGE_CODE):
        told = str(CONNECTION_LOST).partition("{error}")[0]
    assert returncode == 1
    assert "Traceback" not in stderr
    problem, *_rest, command_error = stderr.splitlines()
    assert problem.startswith(f"large: {told}")
    assert "server closed the connection unexpectedly" in problem
    assert re.fullmatch(r"CommandError: large: \D*1\D*", command_error)
    assert table_counts() == database_before
    assert not ImportRun.objects.filter(succeeded=True).exists()


def test_two_imports_of_the_same_file_at_once_end_with_the_records_of_one(tmp_path):
    folder = generated_folder(tmp_path / "same")
    holder = side_connection()
    try:
        # Both imports start while the test holds the import lock: both are under way, and
        # both wait for it, before either has looked at the database.
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK_KEY])
        first, second = start_import(folder), start_import(folder)
        wait_for(
            lambda: (
                query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")[
                    0
                ][0]
                == 2
            ),
            "both imports to wait for the import lock",
        )
    finally:
        holder.close()
    outputs = [process.communicate(timeout=WAIT_SECONDS) for process in (first, second)]

    assert [process.returncode for process in (first, second)] == [0, 0]
    # Per sheet, created, updated, unchanged (the words are in the command's language).
    reports = sorted(
        [
            (line.split(":")[0], *map(int, re.findall(r"\d+", line)))
            for line in stdout.splitlines()[1:]
        ]
        for stdout, _stderr in outputs
    )
    assert reports == [
        [("partners", 0, 0, 500), ("delegations", 0, 0, 500), ("statistics", 0, 0, 1)],
        [("partners", 500, 0, 0), ("delegations", 500, 0, 0), ("statistics", 1, 0, 0)],
    ]
    assert Partner.objects.count() == ROWS
    assert Partner.history.count() == ROWS
    assert list(ImportRun.objects.values_list("succeeded", flat=True)) == [True, True]
