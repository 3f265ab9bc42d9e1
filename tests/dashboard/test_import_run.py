"""The page that follows an import confirmed on the upload page (/import/runs/<id>/), its status
JSON, and the import worker's progress as that page sees it."""

import threading

import pytest
from django.db import IntegrityError, OperationalError, connections, transaction
from django.urls import reverse

from dashboard import tasks
from dashboard.importer import ImportProgress
from dashboard.importer.problems import CHECKING, WRITING
from dashboard.models import ImportRun
from dashboard.tasks import ProgressRecorder
from tests.dashboard.test_import import EXPECTED_COUNTS, VALID_SHEETS, record_counts
from tests.dashboard.test_import_page import (
    confirm,
    run_import_worker,
    upload,
    workbook_bytes,
)
from tests.factories import create_leader, create_staff_member, create_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run(staff_member):
    """An import `staff_member` confirmed, waiting for the worker."""
    return ImportRun.objects.create(
        file_name="ban-ngoai-vu.xlsx", user=staff_member, sha256="5e" * 32
    )


def page_url(run):
    return reverse("dashboard:import-run", args=[run.pk])


def status_url(run):
    return reverse("dashboard:import-run-status", args=[run.pk])


# -- the run ----------------------------------------------------------------------------------


def test_a_run_says_succeeded_exactly_when_its_status_does():
    for fields in ({"succeeded": True}, {"status": ImportRun.Status.SUCCEEDED}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ImportRun.objects.create(file_name="x.xlsx", **fields)


def test_the_phases_of_a_run_are_those_the_engine_reports():
    assert ImportRun.Phase.values == [CHECKING, WRITING]


# -- who may follow a run ---------------------------------------------------------------------


def test_the_user_who_started_the_import_sees_its_page_and_status(staff_client, run):
    assert staff_client.get(page_url(run)).status_code == 200
    assert staff_client.get(status_url(run)).status_code == 200


def test_another_user_who_may_import_sees_the_run_too(client, run):
    client.force_login(create_staff_member("colleague"))

    assert client.get(page_url(run)).status_code == 200
    assert client.get(status_url(run)).status_code == 200


@pytest.mark.parametrize(
    "make_user",
    [lambda: create_user("outsider"), lambda: create_leader("lanhdao")],
    ids=["staff-flag-without-import-permission", "leader"],
)
def test_someone_who_may_not_import_finds_no_such_run(client, run, make_user):
    client.force_login(make_user())

    assert client.get(page_url(run)).status_code == 404
    assert client.get(status_url(run)).status_code == 404


def test_a_user_who_lost_the_import_permission_still_sees_the_imports_he_started(client):
    outsider = create_user("former-staffer")
    run = ImportRun.objects.create(file_name="cu.xlsx", user=outsider)
    client.force_login(outsider)

    assert client.get(page_url(run)).status_code == 200


def test_anonymous_visitor_is_sent_to_sign_in(client, run):
    for url in (page_url(run), status_url(run)):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_unknown_run_is_not_found(staff_client):
    assert staff_client.get(reverse("dashboard:import-run", args=[404])).status_code == 404


# -- the page ---------------------------------------------------------------------------------


def test_queued_run_shows_a_moving_bar_and_asks_for_its_status_from_a_static_script(
    staff_client, run, in_english
):
    response = staff_client.get(page_url(run))

    html = response.content.decode()
    assert '<progress class="import-progress-bar">' in html
    assert f'data-status-url="{status_url(run)}" data-poll-ms="1000"' in html
    assert '<script src="/static/js/import-run.js" defer></script>' in html
    # The Content-Security-Policy allows scripts from 'self' only: no inline script.
    assert html.count("<script") == html.count("<script src=")
    assert response.context["progress"]["text"] == "Waiting for the import worker to start…"
    assert f'<code class="sha256">{"5e" * 32}</code>' in html


def test_running_run_shows_the_rows_checked_out_of_the_rows_in_the_file(
    staff_client, run, in_english
):
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.RUNNING, phase="checking", rows_done=1200, rows_total=5000
    )

    html = staff_client.get(page_url(run)).content.decode()

    assert '<progress class="import-progress-bar" max="5000" value="1200">' in html
    assert "Reading and checking the rows: 1,200 of 5,000" in html


def test_succeeded_run_shows_the_counts_per_sheet_without_polling(staff_client, run, in_english):
    counts = {"partners": {"created": 3, "updated": 1, "unchanged": 0}}
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.SUCCEEDED, succeeded=True, counts=counts
    )

    response = staff_client.get(page_url(run))

    html = response.content.decode()
    assert '<p class="import-result success">Imported ban-ngoai-vu.xlsx.</p>' in html
    assert '<tr data-sheet="partners">' in html
    assert "<progress" not in html
    assert "import-run.js" not in html


# -- the status JSON --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {},
            {
                "status": "queued",
                "finished": False,
                "phase": "",
                "rows_done": 0,
                "rows_total": None,
                "determinate": False,
                "text": "Waiting for the import worker to start…",
            },
        ),
        (
            {"status": "running", "phase": "checking", "rows_done": 1200, "rows_total": 5000},
            {
                "status": "running",
                "finished": False,
                "phase": "checking",
                "rows_done": 1200,
                "rows_total": 5000,
                "determinate": True,
                "text": "Reading and checking the rows: 1,200 of 5,000",
            },
        ),
        (
            {"status": "running", "phase": "checking", "rows_done": 300},
            {
                "status": "running",
                "finished": False,
                "phase": "checking",
                "rows_done": 300,
                "rows_total": None,
                "determinate": False,
                "text": "Reading and checking the rows: 300",
            },
        ),
        (
            {"status": "running", "phase": "writing", "rows_done": 5000, "rows_total": 5000},
            {
                "status": "running",
                "finished": False,
                "phase": "writing",
                "rows_done": 5000,
                "rows_total": 5000,
                "determinate": False,
                "text": "Writing 5,000 rows…",
            },
        ),
        (
            {"status": "succeeded", "succeeded": True, "phase": "writing", "rows_done": 15},
            {
                "status": "succeeded",
                "finished": True,
                "phase": "writing",
                "rows_done": 15,
                "rows_total": None,
                "determinate": False,
                "text": "Imported ban-ngoai-vu.xlsx.",
            },
        ),
        (
            {"status": "failed", "phase": "checking", "rows_done": 2},
            {
                "status": "failed",
                "finished": True,
                "phase": "checking",
                "rows_done": 2,
                "rows_total": None,
                "determinate": False,
                "text": "Refused: nothing was imported.",
            },
        ),
    ],
    ids=["queued", "checking", "checking-size-unknown", "writing", "succeeded", "failed"],
)
def test_status_json_says_where_the_import_stands(staff_client, run, in_english, fields, expected):
    ImportRun.objects.filter(pk=run.pk).update(**fields)

    response = staff_client.get(status_url(run))

    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert response.json() == expected


# -- the worker's progress --------------------------------------------------------------------


def test_progress_is_recorded_at_most_once_a_second_and_at_every_new_phase(monkeypatch):
    moments = iter([0.0, 0.4, 0.99, 1.0, 1.5, 1.6])
    recorder = ProgressRecorder(ImportRun(pk=1), clock=lambda: next(moments))
    written = []
    monkeypatch.setattr(recorder, "write", written.append)

    for phase, done in [
        ("checking", 0),
        ("checking", 100),
        ("checking", 200),
        ("checking", 300),
        ("checking", 400),
        ("writing", 500),
    ]:
        recorder(ImportProgress(phase, done, 500))

    assert [(progress.phase, progress.rows_done) for progress in written] == [
        ("checking", 0),
        ("checking", 300),
        ("writing", 500),
    ]


@pytest.mark.django_db(transaction=True)
def test_status_json_shows_the_numbers_the_worker_records_while_it_imports(
    client, monkeypatch, in_english
):
    """The worker's progress goes through a connection of its own: the polling page sees it
    while the import's connection is still inside its transaction (on PostgreSQL, the import
    lock's), each time the worker records it (here at every report: no second between)."""
    client.force_login(create_staff_member())
    monkeypatch.setattr(ProgressRecorder, "INTERVAL", 0)
    seen = []
    record = ProgressRecorder.write

    def record_and_poll(recorder, progress):
        record(recorder, progress)
        url = reverse("dashboard:import-run-status", args=[recorder.run_id])

        # From another thread, as a browser would: a connection of its own, outside the import's
        # transaction.
        def poll_page():
            try:
                seen.append(client.get(url).json())
            finally:
                connections.close_all()

        poll = threading.Thread(target=poll_page)
        poll.start()
        poll.join()

    monkeypatch.setattr(ProgressRecorder, "write", record_and_poll)
    confirm(client, upload(client, workbook_bytes(VALID_SHEETS)))

    run_import_worker()

    # The start, the end of each sheet (the workbook declares 15 data rows), then the writing.
    assert [(state["phase"], state["rows_done"], state["rows_total"]) for state in seen] == [
        ("checking", 0, 15),
        ("checking", 3, 15),
        ("checking", 5, 15),
        ("checking", 7, 15),
        ("checking", 8, 15),
        ("checking", 10, 15),
        ("checking", 12, 15),
        ("checking", 13, 15),
        ("checking", 15, 15),
        ("writing", 15, 15),
    ]
    assert {state["status"] for state in seen} == {"running"}
    assert seen[1]["text"] == "Reading and checking the rows: 3 of 15"
    assert seen[-1]["text"] == "Writing 15 rows…"
    assert client.get(status_url(ImportRun.objects.get())).json()["finished"]
    assert record_counts() == EXPECTED_COUNTS


def test_import_goes_on_when_its_progress_cannot_be_recorded(staff_client, monkeypatch):
    def server_gone(alias):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(tasks.connections, "create_connection", server_gone)
    confirm(staff_client, upload(staff_client, workbook_bytes(VALID_SHEETS)))

    run_import_worker()

    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED
    assert record_counts() == EXPECTED_COUNTS
