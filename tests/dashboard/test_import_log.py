"""The record of imports (ImportRun): one per import, read-only in admin, listed on the upload
page; and the import lock (dashboard/importer/locking.py) as seen from one process."""

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from dashboard.importer import engine, import_workbook
from dashboard.importer.locking import import_lock
from dashboard.models import ImportRun
from dashboard.selectors import import_runs_recent
from partners.models import Partner
from tests.core.test_admin import admin_url
from tests.dashboard.test_import import PARTNER_HEADER, write_csv_folder
from tests.factories import create_partner, create_user

pytestmark = pytest.mark.django_db


def partners_folder(tmp_path, name="doi-tac-2025", rows=(("P-DAEGU", "Daegu"),)):
    return write_csv_folder(
        tmp_path / name,
        {
            "partners": [PARTNER_HEADER]
            + [[ref, n, "locality", "KR", "2015-10-15"] for ref, n in rows]
        },
    )


def import_history_rows():
    return Partner.history.filter(history_change_reason__startswith="Import of")


def test_import_leaves_one_import_run_with_the_file_the_user_and_the_counts(tmp_path):
    importer = create_user("nhapdulieu", role="staff")
    create_partner(ref="P-BUSAN", name="Busan", established_on="2015-10-15")
    folder = partners_folder(tmp_path, rows=[("P-DAEGU", "Daegu"), ("P-BUSAN", "Busan City")])

    result = import_workbook(folder, user=importer)

    run = ImportRun.objects.get()
    assert result.import_run == run
    assert (run.file_name, run.user, run.succeeded) == ("doi-tac-2025", importer, True)
    assert run.counts == {"partners": {"created": 1, "updated": 1, "unchanged": 0}}


def test_import_the_database_refuses_leaves_one_failed_run_and_no_history(tmp_path, monkeypatch):
    """Someone saves a partner with the file's code between the check and the write."""
    importer = create_user("nhapdulieu", role="staff")
    folder = partners_folder(tmp_path, rows=[("P-DAEGU", "Daegu"), ("P-HUE", "Huế")])
    write = engine.WorkbookImport.write

    def write_after_someone_else(run, **options):
        create_partner(ref="P-HUE", name="Huế")
        return write(run, **options)

    monkeypatch.setattr(engine.WorkbookImport, "write", write_after_someone_else)
    with override("en"):
        result = import_workbook(folder, user=importer)

    assert not result.imported
    assert [str(problem) for problem in result.problems] == [
        "doi-tac-2025: " + result.problems[0].message
    ]
    assert result.problems[0].message.startswith(
        "The database refused the import, nothing was written:"
    )
    run = ImportRun.objects.get()
    assert (run.file_name, run.user, run.succeeded, run.counts) == (
        "doi-tac-2025",
        importer,
        False,
        {},
    )
    assert list(Partner.objects.values_list("ref", flat=True)) == ["P-HUE"]
    assert not import_history_rows().exists()


def test_connection_lost_during_an_import_is_reported_as_a_problem(tmp_path, monkeypatch):
    folder = partners_folder(tmp_path)

    def lose_the_connection(run, **options):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(engine.WorkbookImport, "write", lose_the_connection)
    with override("en"):
        result = import_workbook(folder)

    assert not result.imported
    assert [str(problem) for problem in result.problems] == [
        "doi-tac-2025: The database could not finish the import (the connection was lost or "
        "the server stopped it); nothing was written. Try again in a moment. (server closed "
        "the connection unexpectedly)"
    ]


def test_other_errors_of_the_engine_are_not_hidden(tmp_path, monkeypatch):
    def fail(run, **options):
        raise ValueError("a bug")

    monkeypatch.setattr(engine.WorkbookImport, "write", fail)
    with pytest.raises(ValueError, match="a bug"):
        import_workbook(partners_folder(tmp_path))


def test_import_takes_the_lock_once_on_postgresql_and_not_at_all_on_sqlite(tmp_path):
    folder = partners_folder(tmp_path)

    with CaptureQueriesContext(connection) as queries:
        assert import_workbook(folder).imported

    locks = [q["sql"] for q in queries.captured_queries if "pg_advisory_xact_lock" in q["sql"]]
    # The engine's own call (WorkbookImport.write) is inside the lock the import took first.
    assert len(locks) == (1 if connection.vendor == "postgresql" else 0)


def test_nested_import_locks_take_the_lock_once():
    with CaptureQueriesContext(connection) as queries, import_lock(), import_lock():
        pass

    assert len(queries) == (1 if connection.vendor == "postgresql" else 0)


# -- the record of imports, in admin and on the upload page ------------------------------------


@pytest.fixture
def import_run(tmp_path, staff_member):
    assert import_workbook(partners_folder(tmp_path), user=staff_member).imported
    return ImportRun.objects.get()


def test_leadership_sees_imports_in_admin_but_cannot_change_them(leader_client, import_run):
    assert leader_client.get(admin_url(ImportRun, "changelist")).status_code == 200
    page = leader_client.get(admin_url(ImportRun, "change", import_run.pk))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert 'name="_save"' not in page.content.decode()

    changed = leader_client.post(
        admin_url(ImportRun, "change", import_run.pk),
        {"file_name": "other.xlsx", "succeeded": "on", "counts": "{}"},
    )
    assert changed.status_code == 403
    assert leader_client.get(admin_url(ImportRun, "add")).status_code == 403
    assert leader_client.post(admin_url(ImportRun, "delete", import_run.pk)).status_code == 403
    import_run.refresh_from_db()
    assert (import_run.file_name, import_run.succeeded) == ("doi-tac-2025", True)


def test_staff_cannot_change_imports_in_admin_either(staff_client, import_run):
    changed = staff_client.post(
        admin_url(ImportRun, "change", import_run.pk), {"file_name": "other.xlsx"}
    )

    assert changed.status_code == 403
    assert ImportRun.objects.get().file_name == "doi-tac-2025"


def test_upload_page_lists_the_recent_imports(tmp_path, staff_client, staff_member, in_english):
    assert import_workbook(partners_folder(tmp_path), user=staff_member).imported
    folder = partners_folder(tmp_path, "doi-tac-2026", [("P-DAEGU", "Daegu"), ("P-HUE", "Huế")])
    assert import_workbook(folder).imported

    response = staff_client.get(reverse("dashboard:import"))

    runs = [
        (run.file_name, run.user, run.created, run.updated, run.unchanged)
        for run in response.context["recent_imports"]
    ]
    assert runs == [("doi-tac-2026", None, 1, 0, 1), ("doi-tac-2025", staff_member, 1, 0, 0)]
    content = response.content.decode()
    assert '<h2 id="recent-imports-heading">Recent imports</h2>' in content
    assert '<td class="file">doi-tac-2025</td>' in content
    assert '<td class="user">staffer</td>' in content
    assert '<td class="result">imported</td>' in content
    assert 'href="/admin/dashboard/importrun/"' in content


def test_recent_imports_are_one_query(django_assert_num_queries):
    for n in range(12):
        ImportRun.objects.create(
            file_name=f"file-{n}.xlsx",
            user=create_user(f"user{n}"),
            status=ImportRun.Status.SUCCEEDED,
            succeeded=True,
            counts={"partners": {"created": n, "updated": 0, "unchanged": 1}},
        )

    with django_assert_num_queries(1):
        runs = import_runs_recent()
        names = [run.user.username for run in runs]

    assert len(names) == 10
    assert runs[0].file_name == "file-11.xlsx"
    assert (runs[0].created, runs[0].unchanged) == (11, 1)
