"""The upload page of the workbook import, the template workbook and the record export
(data contract, section 1)."""

import datetime as dt
import hashlib
import io
import signal
import zipfile
from decimal import Decimal
from io import StringIO
from unittest import mock

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from agreements.models import Agreement
from dashboard import uploads
from dashboard.forms import MAX_UPLOAD_BYTES
from dashboard.importer import SHEETS, import_workbook
from dashboard.importer.export import EXAMPLE_ROWS, write_workbook
from dashboard.indicators import indicator_table
from dashboard.models import ImportRun, StatisticsEntry
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalContribution, FdiProject
from partners.models import CooperationField, Partner
from tests.dashboard.test_import import (
    EXPECTED_COUNTS,
    PARTNER_HEADER,
    VALID_SHEETS,
    record_counts,
)
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_contribution,
    create_delegation,
    create_event,
    create_partner,
    create_project,
    create_statistic,
    create_user,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("dashboard:import")
CONFIRM_URL = reverse("dashboard:import-confirm")
TEMPLATE_URL = reverse("dashboard:import-template")
EXPORT_URL = reverse("dashboard:export-records")

# A workbook with three problems on two sheets.
# fmt: off
BAD_SHEETS = {
    "partners": [
        PARTNER_HEADER + ["colour"],
        ["P-1", "Daegu", "locality", "KR", "2015-10-15", "blue"],
        ["P-2", "Busan", "city", "KR", "", ""],
    ],
    "agreements": [
        ["ref", "title", "kind", "partner_refs", "signed_on"],
        ["A-1", "MoU", "mou", "P-1; P-404", "2020-01-01"],
        ["A-2", "MoU", "mou", "P-1", "31/12/2024"],
    ],
}
# fmt: on
BAD_PROBLEMS = [
    (
        "partners",
        "3",
        "kind",
        "“city” is not one of: locality, organization, network, enterprise, university, ngo, "
        "diplomatic_mission.",
    ),
    (
        "agreements",
        "2",
        "partner_refs",
        "No partner has the code “P-404”, in this file or in the database.",
    ),
    ("agreements", "3", "signed_on", "“31/12/2024” is not a date; use YYYY-MM-DD."),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def workbook_bytes(sheets):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def upload(client, data, name="ban-ngoai-vu.xlsx"):
    return client.post(IMPORT_URL, {"workbook": SimpleUploadedFile(name, data)})


def confirm(client, preview, *, follow=False, **changes):
    """POST the confirmation form of `preview` (a response), with `changes` to its fields."""
    pending = preview.context["pending"]
    data = {"token": pending.token, "sha256": pending.sha256} | changes
    return client.post(CONFIRM_URL, data, follow=follow)


def pending_files():
    directory = uploads.pending_dir()
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def queued_files():
    directory = uploads.queued_dir()
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def run_url(run):
    return reverse("dashboard:import-run", args=[run.pk])


def run_import_worker():
    """What `manage.py db_worker --batch` does, in this process: run every queued task, then stop.

    The worker sets its own handlers for SIGINT and SIGTERM (a graceful stop); they are put back
    afterwards, so that Ctrl-C still stops pytest. Between tasks it closes connections that are
    too old or broken, as Django does after a request; inside a test's transaction that would
    close the test's connection (on PostgreSQL), so it is left out here, as Django's test
    client leaves it out of its requests.
    """
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    try:
        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            call_command(
                "db_worker",
                "--batch",
                "--no-reload",
                "--no-startup-delay",
                "--interval=0",
                verbosity=0,
            )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def page_messages(response):
    return [str(message) for message in response.context["messages"]]


def table_rows(response, css_class):
    """The cells of the rows of the preview table `css_class`, as text."""
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.rows, self.cell = 0, [], None

        def handle_starttag(self, tag, attrs):
            classes = (dict(attrs).get("class") or "").split()
            if tag == "table" and css_class in classes:
                self.depth = 1
            elif self.depth and tag == "tbody":
                self.depth = 2
            elif self.depth == 2 and tag == "tr":
                self.rows.append([])
            elif self.depth == 2 and tag in ("td", "th"):
                self.cell = ""

        def handle_endtag(self, tag):
            if self.depth == 2 and tag in ("td", "th"):
                self.rows[-1].append(self.cell.strip())
                self.cell = None
            elif tag == "table":
                self.depth = 0

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    parser = Rows()
    parser.feed(response.content.decode())
    return parser.rows


# -- who may use the page ---------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client):
    for url in (IMPORT_URL, TEMPLATE_URL, EXPORT_URL):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_leader_may_neither_open_nor_post_the_upload_page(leader_client):
    data = workbook_bytes(VALID_SHEETS)

    assert leader_client.get(IMPORT_URL).status_code == 403
    assert upload(leader_client, data).status_code == 403
    refused = leader_client.post(CONFIRM_URL, {"token": "x" * 32, "sha256": "0" * 64})
    assert refused.status_code == 403
    assert set(record_counts().values()) == {0}
    assert pending_files() == []


def test_import_link_is_in_the_header_only_for_those_who_may_import(client, staff_member, leader):
    link = f'href="{IMPORT_URL}"'
    client.force_login(staff_member)
    assert link in client.get(reverse("dashboard:statistics")).content.decode()

    client.force_login(leader)
    assert link not in client.get(reverse("dashboard:statistics")).content.decode()


def test_staff_sees_the_upload_form_and_the_template_link(staff_client):
    response = staff_client.get(IMPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file" name="workbook"' in html
    assert 'enctype="multipart/form-data"' in html
    assert f'href="{TEMPLATE_URL}"' in html
    assert "confirm-form" not in html


# -- preview and confirmation -----------------------------------------------------------------


def test_preview_shows_the_counts_per_sheet_and_writes_nothing(staff_client, in_english):
    data = workbook_bytes(VALID_SHEETS)

    response = upload(staff_client, data)

    assert response.status_code == 200
    assert table_rows(response, "count-table") == [
        [sheet, str(created), "0", "0"] for sheet, created in EXPECTED_COUNTS.items()
    ]
    sha256 = hashlib.sha256(data).hexdigest()
    html = response.content.decode()
    assert f'<code class="sha256">{sha256}</code>' in html
    assert f'name="sha256" value="{sha256}"' in html
    assert "Confirm import" in html
    # Nothing written: not a record, not an import run; only the file kept for confirmation.
    assert set(record_counts().values()) == {0}
    assert not ImportRun.objects.exists()
    assert pending_files() == [response.context["pending"].token]


def test_confirmation_queues_the_import_and_writes_no_record_within_the_request(
    staff_client, staff_member, in_english
):
    data = workbook_bytes(VALID_SHEETS)
    preview = upload(staff_client, data)
    token = preview.context["pending"].token

    response = confirm(staff_client, preview)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run_url(run)
    assert (run.file_name, run.user, run.status, run.succeeded) == (
        "ban-ngoai-vu.xlsx",
        staff_member,
        ImportRun.Status.QUEUED,
        False,
    )
    assert run.sha256 == hashlib.sha256(data).hexdigest()
    assert set(record_counts().values()) == {0}
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status) == ("dashboard.tasks.import_confirmed_upload", "READY")
    assert task.args_kwargs == {
        "args": [],
        "kwargs": {
            "run_id": run.pk,
            "token": token,
            "preview_counts": {
                sheet: {"created": created, "updated": 0, "unchanged": 0}
                for sheet, created in EXPECTED_COUNTS.items()
            },
            "language": "en",
        },
    }
    # The file left the session's previews for the worker's queue.
    assert pending_files() == []
    assert queued_files() == [token]
    assert staff_client.session[uploads.SESSION_KEY] == {}
    # The upload page lists it, waiting, linked to its page.
    html = staff_client.get(IMPORT_URL).content.decode()
    assert f'<td class="file"><a href="{run_url(run)}">ban-ngoai-vu.xlsx</a></td>' in html
    assert '<td class="result">queued</td>' in html


def test_worker_imports_the_confirmed_file_and_records_the_user(
    staff_client, staff_member, in_english
):
    preview = upload(staff_client, workbook_bytes(VALID_SHEETS))
    confirm(staff_client, preview)

    run_import_worker()

    assert record_counts() == EXPECTED_COUNTS
    run = ImportRun.objects.get()
    assert (run.status, run.succeeded, run.user) == (
        ImportRun.Status.SUCCEEDED,
        True,
        staff_member,
    )
    assert run.counts["partners"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert (run.phase, run.rows_done, run.rows_total) == ("writing", 15, 15)
    assert run.problems == []
    assert run.finished_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Agreement.objects.get(ref="A-2024-01").history.get().history_user == staff_member
    assert queued_files() == []
    page = staff_client.get(run_url(run))
    assert page.context["progress"]["text"] == "Imported ban-ngoai-vu.xlsx."
    assert table_rows(page, "count-table") == [
        [sheet, str(created), "0", "0"] for sheet, created in EXPECTED_COUNTS.items()
    ]


def test_a_preview_is_confirmed_once_only(staff_client, in_english):
    preview = upload(staff_client, workbook_bytes(VALID_SHEETS))
    confirm(staff_client, preview)

    again = confirm(staff_client, preview, follow=True)

    assert page_messages(again)[-1] == (
        "This file is no longer waiting for confirmation: it was imported or refused already, or "
        "its preview expired. Nothing was imported; upload it again."
    )
    assert ImportRun.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_preview_of_a_second_upload_counts_updates_and_unchanged_rows(staff_client, in_english):
    confirm(staff_client, upload(staff_client, workbook_bytes(VALID_SHEETS)))
    run_import_worker()
    sheets = dict(VALID_SHEETS)
    sheets["partners"] = [
        VALID_SHEETS["partners"][0],
        *VALID_SHEETS["partners"][1:3],
        [*VALID_SHEETS["partners"][3][:12], "Hợp tác từ 2025"],  # a new note
    ]

    response = upload(staff_client, workbook_bytes(sheets))

    assert table_rows(response, "count-table")[0] == ["partners", "0", "1", "2"]
    assert table_rows(response, "count-table")[1] == ["agreements", "0", "0", "2"]


def test_workbook_with_problems_lists_every_one_and_cannot_be_confirmed(staff_client, in_english):
    response = upload(staff_client, workbook_bytes(BAD_SHEETS), name="bad.xlsx")

    assert response.status_code == 400
    assert table_rows(response, "problem-table") == [list(row) for row in BAD_PROBLEMS]
    assert table_rows(response, "warning-table") == [
        ["partners", "1", "colour", "Unknown column; ignored."]
    ]
    html = response.content.decode()
    assert "3 problems: nothing can be imported." in html
    assert "confirm-form" not in html
    assert 'name="token"' not in html
    assert set(record_counts().values()) == {0}
    # Nothing was kept to confirm.
    assert pending_files() == []
    assert staff_client.session.get(uploads.SESSION_KEY, {}) == {}


def test_confirmation_without_a_waiting_preview_is_refused(staff_client, in_english):
    data = workbook_bytes(BAD_SHEETS)
    upload(staff_client, data, name="bad.xlsx")

    response = staff_client.post(
        CONFIRM_URL,
        {"token": "made-up-token", "sha256": hashlib.sha256(data).hexdigest()},
        follow=True,
    )

    assert page_messages(response) == [
        "This file is no longer waiting for confirmation: it was imported or refused already, or "
        "its preview expired. Nothing was imported; upload it again."
    ]
    assert set(record_counts().values()) == {0}
    assert not ImportRun.objects.exists()
    assert not DBTaskResult.objects.exists()


CHANGED_FILE_MESSAGE = (
    "The file changed after its preview (its SHA-256 is not the one shown). Nothing was "
    "imported; upload it again and check the preview."
)


def test_confirmation_with_another_hash_is_refused(staff_client, in_english):
    preview = upload(staff_client, workbook_bytes(VALID_SHEETS))

    response = confirm(staff_client, preview, sha256="0" * 64, follow=True)

    assert page_messages(response) == [CHANGED_FILE_MESSAGE]
    assert set(record_counts().values()) == {0}
    assert not ImportRun.objects.exists()
    assert not DBTaskResult.objects.exists()
    # The refused preview is gone: confirming it again with the right hash does nothing.
    assert pending_files() == []
    confirm(staff_client, preview)
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("when", ["before the confirmation", "after the confirmation"])
def test_stored_file_that_changed_is_refused_by_the_worker(staff_client, in_english, when):
    preview = upload(staff_client, workbook_bytes(VALID_SHEETS))
    token = preview.context["pending"].token
    other = workbook_bytes({"partners": VALID_SHEETS["partners"][:2]})
    if when == "before the confirmation":
        (uploads.pending_dir() / token).write_bytes(other)
    confirm(staff_client, preview)
    if when == "after the confirmation":
        (uploads.queued_dir() / token).write_bytes(other)

    run_import_worker()

    run = ImportRun.objects.get()
    assert (run.status, run.succeeded, run.counts) == (ImportRun.Status.FAILED, False, {})
    assert run.problems == [
        {"sheet": "ban-ngoai-vu.xlsx", "row": None, "column": "", "message": CHANGED_FILE_MESSAGE}
    ]
    assert set(record_counts().values()) == {0}
    assert queued_files() == []
    page = staff_client.get(run_url(run))
    assert table_rows(page, "problem-table") == [
        ["ban-ngoai-vu.xlsx", "—", "—", CHANGED_FILE_MESSAGE]
    ]


def test_worker_refuses_the_import_when_the_records_changed_since_the_preview(
    staff_client, in_english
):
    preview = upload(staff_client, workbook_bytes({"partners": VALID_SHEETS["partners"]}))
    # Meanwhile someone enters Daegu by hand: the import would now update it, not create it.
    create_partner(ref="P-DAEGU", name="Daegu Metropolitan City")
    confirm(staff_client, preview)

    run_import_worker()

    run = ImportRun.objects.get()
    assert (run.status, run.succeeded) == (ImportRun.Status.FAILED, False)
    assert [problem["message"] for problem in run.problems] == [
        "The records changed since the preview: importing ban-ngoai-vu.xlsx would no longer "
        "create, update and leave unchanged the rows it showed. Nothing was imported; upload it "
        "again and check the new preview."
    ]
    assert list(Partner.objects.values_list("ref", "name")) == [
        ("P-DAEGU", "Daegu Metropolitan City")
    ]


def test_workbook_that_became_invalid_fails_with_its_problems_on_the_progress_page(
    staff_client, in_english
):
    partner = create_partner(ref="P-SAVED")
    sheets = {
        "agreements": [
            ["ref", "title", "kind", "partner_refs", "signed_on"],
            ["A-1", "MoU", "mou", "P-SAVED", "2020-01-01"],
        ]
    }
    preview = upload(staff_client, workbook_bytes(sheets))
    assert preview.status_code == 200
    partner.delete()
    confirm(staff_client, preview)

    run_import_worker()

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    response = staff_client.get(run_url(run))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 problem: nothing was imported." in html
    assert table_rows(response, "problem-table") == [
        [
            "agreements",
            "2",
            "partner_refs",
            "No partner has the code “P-SAVED”, in this file or in the database.",
        ]
    ]
    assert "<progress" not in html
    assert "import-run.js" not in html
    assert not Agreement.objects.exists()


def test_csv_file_named_after_its_sheet_is_previewed_and_imported(staff_client):
    data = b"ref,name,kind,country,established_on\nP-1,Daegu,locality,KR,2015-10-15\n"

    preview = upload(staff_client, data, name="partners.csv")
    confirm(staff_client, preview)
    run_import_worker()

    assert table_rows(preview, "count-table") == [["partners", "1", "0", "0"]]
    assert Partner.objects.get().established_on == dt.date(2015, 10, 15)
    assert ImportRun.objects.get().rows_total == 1


# -- bad files --------------------------------------------------------------------------------


def test_text_file_renamed_xlsx_gets_the_engine_message_in_vietnamese(staff_client):
    response = upload(staff_client, b"ref,name\nP-1,Daegu\n", name="notes.xlsx")

    assert response.status_code == 400
    assert table_rows(response, "problem-table") == [
        ["notes.xlsx", "—", "—", "Tệp này không phải là tệp Excel (.xlsx)."]
    ]
    assert set(record_counts().values()) == {0}


def _zip_bomb():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * 20_000_000)
    return stream.getvalue()


def _entities():
    original = zipfile.ZipFile(io.BytesIO(workbook_bytes(VALID_SHEETS)))
    parts = {name: original.read(name) for name in original.namelist()}
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;">]>\n<sst><si><t>&lol2;</t></si></sst>'
    )
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"", "The file is empty."),
        (
            lambda: workbook_bytes(VALID_SHEETS)[:2000],
            "The workbook is damaged and cannot be read.",
        ),
        (
            _zip_bomb,
            "The workbook is refused: a part of it is compressed suspiciously well (a zip bomb?).",
        ),
        (
            _entities,
            "The workbook is refused: its XML declares a document type or entities, which "
            "spreadsheets never need.",
        ),
        (
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
            "This workbook is protected by a password or saved in the old .xls format; save it "
            "as an unprotected .xlsx workbook.",
        ),
    ],
    ids=["empty", "corrupt", "zip-bomb", "entities", "password"],
)
def test_bad_file_shows_the_engine_message_and_writes_nothing(
    staff_client, in_english, make, message
):
    response = upload(staff_client, make(), name="bad.xlsx")

    assert response.status_code == 400
    assert table_rows(response, "problem-table") == [["bad.xlsx", "—", "—", message]]
    assert "confirm-form" not in response.content.decode()
    assert set(record_counts().values()) == {0}
    assert pending_files() == []


def test_file_that_is_neither_xlsx_nor_csv_is_refused_by_the_form(staff_client, in_english):
    response = upload(staff_client, b"%PDF-1.7", name="report.pdf")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "workbook": [
            "Choose an .xlsx workbook, or a .csv file named after its sheet (for example "
            "partners.csv)."
        ]
    }
    assert "result" not in response.context


def test_oversize_upload_is_refused_before_the_engine_reads_it(staff_client, in_english):
    assert MAX_UPLOAD_BYTES == 20 * 1024 * 1024
    data = b"\0" * (21 * 1024 * 1024)

    response = upload(staff_client, data, name="huge.xlsx")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        # filesizeformat puts a no-break space before the unit.
        "workbook": [
            "The file is 21.0\xa0MB; at most 20.0\xa0MB can be uploaded. Split it into "
            "several workbooks or CSV files."
        ]
    }
    assert "result" not in response.context
    assert pending_files() == []


# -- the template workbook --------------------------------------------------------------------


def test_template_has_every_sheet_with_its_column_keys_and_vietnamese_labels(
    staff_client, in_english
):
    response = staff_client.get(TEMPLATE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="import-template.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet.key for sheet in SHEETS]
    for sheet in SHEETS:
        worksheet = workbook[sheet.key]
        header = next(worksheet.iter_rows(max_row=1))
        assert [cell.value for cell in header] == [column.key for column in sheet.columns]
        labels = [cell.comment.text.splitlines()[0] for cell in header]
        assert labels == [column.label for column in sheet.columns]
        assert worksheet.max_row >= 2  # example rows
    partners = workbook["partners"]
    assert partners["J2"].value == dt.datetime(2015, 10, 15)  # a date cell
    assert partners["E1"].comment.text.splitlines() == [
        "Loại",
        "Required.",
        "One of: locality, organization, network, enterprise, university, ngo, diplomatic_mission.",
    ]
    assert partners["J1"].comment.text.splitlines() == [
        "Ngày thiết lập",
        "Optional.",
        "A date: YYYY-MM-DD, or a date cell.",
    ]
    assert workbook["agreements"]["D1"].comment.text.splitlines() == [
        "Mã đối tác",
        "Required.",
        "Codes (ref) of records of the sheet partners, separated by ;.",
    ]


def test_template_imports_cleanly_as_it_is(staff_client):
    response = staff_client.get(TEMPLATE_URL)

    with override("en"):
        result = import_workbook(io.BytesIO(response.content), name="import-template.xlsx")

    assert result.problems == []
    assert result.warnings == []
    assert result.imported
    assert {key: counts.as_dict() for key, counts in result.counts.items()} == {
        sheet.key: {"created": len(EXAMPLE_ROWS[sheet.key]), "updated": 0, "unchanged": 0}
        for sheet in SHEETS
    }


def test_template_examples_name_only_columns_the_import_knows():
    assert list(EXAMPLE_ROWS) == [sheet.key for sheet in SHEETS]
    for sheet in SHEETS:
        keys = {column.key for column in sheet.columns}
        assert 1 <= len(EXAMPLE_ROWS[sheet.key]) <= 2
        for example in EXAMPLE_ROWS[sheet.key]:
            assert set(example) <= keys


def test_template_uploaded_on_the_page_previews_without_problems(staff_client, in_english):
    template = staff_client.get(TEMPLATE_URL).content

    response = upload(staff_client, template, name="import-template.xlsx")

    assert response.status_code == 200
    assert "confirm-form" in response.content.decode()


# -- the record export ------------------------------------------------------------------------


def create_every_kind_of_record(index):
    """One set of records of every type, in year 2015 + index, with links between them."""
    year = 2015 + index
    fields = list(CooperationField.objects.filter(code__in=["economy_trade", "tourism"]))
    daegu = create_partner(
        name=f"Daegu {index}",
        name_local="대구광역시",
        name_vi="Đại Khâu",
        level=Partner.Level.CITY,
        danang_unit="Sở Ngoại vụ",
        established_on=dt.date(year, 3, 1),
        # Text that looks like a formula stays text.
        notes="=1+1, to be checked",
    )
    daegu.fields.set(fields)
    network = create_partner(
        name="CITYNET",
        kind=Partner.Kind.NETWORK,
        country="",
        relationship=Partner.Relationship.COOPERATION,
        established_on=dt.date(year, 1, 1),
        ended_on=dt.date(year + 1, 12, 31),
    )
    first = create_agreement(
        partners=[daegu],
        signed_on=dt.date(year, 4, 2),
        signed_at="Daegu",
        expires_on=dt.date(year + 3, 4, 1),
        responsible_unit="Sở Ngoại vụ",
        summary="Du lịch",
    )
    first.fields.set(fields[:1])
    renewal = create_agreement(
        partners=[daegu, network],
        kind=Agreement.Kind.COOPERATION_AGREEMENT,
        signed_on=dt.date(year + 1, 4, 2),
        effective_on=dt.date(year + 1, 5, 1),
        terminated_on=dt.date(year + 2, 6, 30),
        renews=first,
    )
    create_agreement(partners=[network], signed_on=None, title="Đang đàm phán")
    visit = create_delegation(
        level=Delegation.Level.MINISTER,
        countries=["KR", "JP"],
        start_on=dt.date(year, 3, 1),
        end_on=dt.date(year, 3, 3),
        members=12,
        purpose=Delegation.Purpose.OFFICIAL,
        city_leaders=True,
        head_name="Hong Joon-pyo",
        head_title="Thị trưởng",
        host_unit="Sở Ngoại vụ",
        outcome="Ký kết",
    )
    visit.partners.set([daegu])
    visit.agreements.set([first, renewal])
    create_delegation(
        direction=Delegation.Direction.OUTBOUND,
        level=Delegation.Level.BUSINESS,
        countries=["SG"],
        start_on=dt.date(year, 5, 10),
    )
    festival = create_event(
        countries=["FI", "CN"],
        participants=500,
        start_on=dt.date(year, 5, 31),
        end_on=dt.date(year, 7, 12),
    )
    festival.agreements.set([renewal])
    plant = create_project(
        certified_on=dt.date(year, 5, 1), location="KCN Hòa Khánh", investor_country="KR"
    )
    data_centre = create_project(
        investor_country="SG",
        sector=FdiProject.Sector.INFORMATION_TECHNOLOGY,
        certified_on=dt.date(year, 1, 15),
        registered_capital_usd=Decimal("2500000.50"),
        terminated_on=dt.date(year + 2, 1, 1),
    )
    create_capital_change(
        project=plant, changed_on=dt.date(year + 1, 1, 15), amount_usd=Decimal("15000000")
    )
    create_capital_change(
        project=data_centre, changed_on=dt.date(year, 2, 1), amount_usd=Decimal("-500000.25")
    )
    create_contribution(contributed_on=dt.date(year, 7, 1), amount_usd=Decimal("2500000"))
    create_statistic(indicator="exports_usd", year=year, source="Cục Thống kê")
    create_statistic(
        indicator="visitors_total",
        year=year,
        value=Decimal("17300000.5"),
        status=StatisticsEntry.Status.PROVISIONAL,
    )


def exported(**kwargs):
    stream = io.BytesIO()
    write_workbook(stream, **kwargs)
    stream.seek(0)
    return stream


def delete_every_record():
    for model in (
        StatisticsEntry,
        CapitalContribution,
        FdiProject,
        HostedEvent,
        Delegation,
        Agreement,
        Partner,
    ):
        model.objects.all().delete()


def indicator_values():
    return [
        (row.key, [(cell.value, cell.status, cell.source) for cell in row.cells])
        for row in indicator_table(first=2015, last=2026).rows
    ]


def test_export_download_has_every_sheet_with_the_import_columns_and_typed_cells(leader_client):
    create_every_kind_of_record(0)

    response = leader_client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="records-')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet.key for sheet in SHEETS]
    for sheet in SHEETS:
        header = [cell.value for cell in workbook[sheet.key][1]]
        assert header == [column.key for column in sheet.columns]
    partners = list(workbook["partners"].iter_rows(min_row=2, values_only=True))
    daegu = dict(zip([c.key for c in SHEETS[0].columns], partners[0], strict=True))
    assert daegu["established_on"] == dt.datetime(2015, 3, 1)  # a date cell
    assert daegu["fields"] == "economy_trade;tourism"
    assert daegu["notes"] == "=1+1, to be checked"  # text, not a formula
    assert workbook["partners"]["M2"].data_type == "s"
    delegation = [c.value for c in workbook["delegations"][2]]
    assert delegation[6] == "JP;KR"
    assert delegation[10] == 12  # a number
    assert delegation[12] == "yes"
    project = [c.value for c in workbook["fdi_projects"][2]]
    assert project[7] == 177000000
    statistics = list(workbook["statistics"].iter_rows(min_row=2, values_only=True))
    assert statistics == [
        ("exports_usd", 2015, 4530000000, "Cục Thống kê", "official"),
        ("visitors_total", 2015, 17300000.5, None, "provisional"),
    ]


def test_export_needs_permission_to_view_every_record(client):
    client.force_login(create_user("outsider"))

    assert client.get(EXPORT_URL).status_code == 403


def test_exported_records_import_back_unchanged(tmp_path):
    create_every_kind_of_record(0)
    create_every_kind_of_record(1)
    before = record_counts()

    with override("en"):
        result = import_workbook(exported(), name="records.xlsx")

    assert result.problems == []
    assert result.warnings == []
    assert {key: counts.as_dict() for key, counts in result.counts.items()} == {
        key: {"created": 0, "updated": 0, "unchanged": count} for key, count in before.items()
    }


def test_exported_records_rebuild_the_same_indicators_after_every_record_is_deleted():
    for index in range(3):
        create_every_kind_of_record(index)
    counts, figures = record_counts(), indicator_values()
    links = sorted(Agreement.objects.values_list("ref", "partners__ref", "renews__ref"))
    workbook = exported()

    delete_every_record()
    assert set(record_counts().values()) == {0}
    with override("en"):
        result = import_workbook(workbook, name="records.xlsx")

    assert result.problems == []
    assert record_counts() == counts
    assert indicator_values() == figures
    assert sorted(Agreement.objects.values_list("ref", "partners__ref", "renews__ref")) == links


def test_export_queries_do_not_grow_with_the_data(django_assert_num_queries):
    create_every_kind_of_record(0)
    # partners + their fields; agreements (with the renewed one) + partners + fields;
    # delegations + partners + agreements; events + agreements; projects; capital changes
    # (with their project); contributions; statistics.
    with django_assert_num_queries(14):
        exported()

    for index in range(1, 10):
        create_every_kind_of_record(index)
    with django_assert_num_queries(14):
        stream = exported()

    workbook = openpyxl.load_workbook(stream)
    assert workbook["partners"].max_row == 1 + 20


def test_export_all_command_writes_the_same_workbook(tmp_path):
    create_every_kind_of_record(0)
    path = tmp_path / "records.xlsx"
    stdout = StringIO()

    with override("en"):
        call_command("export_all", str(path), stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        f"Wrote {path}.",
        "partners: 2 rows",
        "agreements: 3 rows",
        "delegations: 2 rows",
        "events: 1 row",
        "fdi_projects: 2 rows",
        "fdi_capital_changes: 2 rows",
        "fdi_contributions: 1 row",
        "statistics: 2 rows",
    ]

    def cells(source):
        workbook = openpyxl.load_workbook(source)
        return {name: list(workbook[name].values) for name in workbook.sheetnames}

    assert cells(path) == cells(exported())
