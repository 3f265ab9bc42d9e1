"""Staff import a workbook through the upload page, in the browser, as a person would."""

import threading
from urllib.parse import urlparse

import pytest
from django.db import connection, connections, transaction
from django_tasks_db.management.commands import db_worker

from dashboard.models import ImportRun
from tests.dashboard.test_import import EXPECTED_COUNTS, VALID_SHEETS, record_counts, write_workbook
from tests.dashboard.test_import_page import BAD_PROBLEMS, BAD_SHEETS
from tests.factories import create_staff_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def import_worker(live_server, monkeypatch):
    """The import worker: django-tasks-db's `Worker`, the loop `manage.py db_worker` runs,
    polling the queue every 0.1 s in a thread of the test process, from `.start()` until the
    test ends.

    A thread rather than a `manage.py db_worker` process: on SQLite the test database lives in
    the memory of this process (pytest-django's default), out of another process's reach, and
    a file instead would slow the whole suite down. The thread has a connection of its own, as a
    worker process would: the import runs in its own transaction while the live server answers
    the page's polls. (The command itself only adds signal handlers, which need the main
    thread; tests/dashboard runs it whole, with --batch.)

    SQLite shares one in-memory database between connections through its shared cache, which
    locks whole tables and, unlike a database file, makes a connection that meets a lock fail at
    once instead of waiting for it. So, on SQLite only: the live server, which reads through
    this test's own connection (pytest-django hands it over), reads uncommitted, taking no lock
    (it may see a run's status a moment before its commit, which changes nothing here); and the
    worker claims a task in an ordinary transaction rather than an exclusive one, which would
    lock every other connection out of the whole database (the exclusive one keeps two worker
    processes from claiming the same task on a database file; there is one worker here).
    """
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if in_memory:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")
        monkeypatch.setattr(
            db_worker, "exclusive_transaction", lambda using=None: transaction.atomic(using=using)
        )
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )

    def work():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name="import-worker", daemon=True)
    yield thread
    worker.running = False
    if thread.is_alive():
        thread.join(timeout=30)
    if in_memory:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 0")


def test_staff_previews_a_workbook_with_problems_then_imports_a_valid_one(
    page, sign_in, live_server, import_worker, tmp_path
):
    staff = create_staff_member("chuyenvien")
    bad = write_workbook(tmp_path / "bad.xlsx", BAD_SHEETS)
    valid = write_workbook(tmp_path / "ban-ngoai-vu.xlsx", VALID_SHEETS)
    sign_in(staff)

    page.click("header nav a[href='/import/']")
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/import/"
    assert page.locator("html").get_attribute("lang") == "vi"

    # A workbook with problems: every problem in the table, no way to confirm.
    page.set_input_files("input[name=workbook]", str(bad))
    page.click("button.preview-button")
    page.wait_for_load_state()
    rows = page.locator(".problem-table tbody tr")
    assert rows.count() == len(BAD_PROBLEMS)
    assert rows.nth(0).locator("td").all_inner_texts()[:3] == ["partners", "3", "kind"]
    assert rows.nth(1).locator("td").all_inner_texts()[:3] == ["agreements", "2", "partner_refs"]
    # The engine's messages are in Vietnamese (the default language) where translated.
    assert "P-404" in rows.nth(1).locator("td.message").inner_text()
    assert page.locator(".confirm-button").count() == 0
    assert set(record_counts().values()) == {0}

    # A valid workbook: the counts per sheet, then the confirmation.
    page.set_input_files("input[name=workbook]", str(valid))
    page.click("button.preview-button")
    page.wait_for_load_state()
    assert page.locator(".problem-table").count() == 0
    for sheet, created in EXPECTED_COUNTS.items():
        row = page.locator(f".count-table tr[data-sheet={sheet}]")
        assert row.locator(".created").inner_text() == str(created)
        assert row.locator(".updated").inner_text() == "0"
    assert set(record_counts().values()) == {0}

    page.click(".confirm-button")
    page.wait_for_load_state()

    # Queued: nothing is imported within the request; the page waits with a moving bar.
    run = ImportRun.objects.get()
    assert page.url == f"{live_server.url}/import/runs/{run.pk}/"
    bar = page.locator("progress.import-progress-bar")
    assert bar.count() == 1
    assert bar.get_attribute("value") is None
    assert set(record_counts().values()) == {0}

    # The worker imports the file; the page, asking every second, shows the result.
    import_worker.start()
    result = page.locator(".import-result")
    result.wait_for()
    assert result.inner_text() == "Đã nhập dữ liệu từ ban-ngoai-vu.xlsx."
    for sheet, created in EXPECTED_COUNTS.items():
        row = page.locator(f".count-table tr[data-sheet={sheet}]")
        assert row.locator(".created").inner_text() == str(created)
    assert page.locator("progress").count() == 0
    assert record_counts() == EXPECTED_COUNTS
    run.refresh_from_db()
    assert (run.user, run.status) == (staff, ImportRun.Status.SUCCEEDED)
    assert page.requested_hosts == {urlparse(live_server.url).netloc}
