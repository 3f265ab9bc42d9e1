"""The workbook import (data contract, section 1) and `manage.py import_workbook`."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from agreements.models import Agreement
from dashboard.importer import ImportProgress, import_workbook, readers
from dashboard.management.commands import import_workbook as import_workbook_command
from dashboard.models import ImportRun, StatisticsEntry
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalChange, CapitalContribution, FdiProject
from partners.models import Partner
from tests.factories import create_capital_change, create_partner, create_project, create_user

pytestmark = pytest.mark.django_db

# A workbook with every sheet and every contract column; Excel date cells and ISO text mixed.
# fmt: off
VALID_SHEETS = {
    "partners": [
        ["ref", "name", "name_local", "name_vi", "kind", "level", "country", "relationship",
         "danang_unit", "established_on", "ended_on", "fields", "notes"],
        ["P-DAEGU", "Daegu", "대구광역시", "Đại Khâu", "locality", "city", "kr",
         "friendship_cooperation", "", dt.date(2015, 10, 15), None, "economy_trade; tourism", ""],
        ["P-CITYNET", "CITYNET", "", "", "network", "", "", "cooperation", "Sở Ngoại vụ",
         "2019-01-01", "", "urban_development", "Da Nang chaired PNLG 2022-2025"],
        ["P-GENOVA", "Genova", "", "", "Locality", "city", "IT", "friendship_cooperation", "",
         "2025-06-01", "", "", ""],
    ],
    "agreements": [
        ["ref", "title", "kind", "partner_refs", "danang_signatory", "signed_on", "signed_at",
         "effective_on", "expires_on", "terminated_on", "fields", "summary", "renews_ref",
         "responsible_unit"],
        ["A-2015-01", "Biên bản ghi nhớ Daegu", "mou", "P-DAEGU", "UBND thành phố",
         dt.datetime(2015, 10, 15), "Daegu", None, "2020-10-14", None, "tourism", "", "", ""],
        ["A-2024-01", "Tăng cường hợp tác Daegu", "cooperation_agreement", "P-DAEGU ; P-CITYNET",
         "UBND thành phố", "2024-04-02", "Đà Nẵng", "2024-05-01", "", "",
         "economy_trade;investment", "Gia hạn", "A-2015-01", "Sở Ngoại vụ"],
    ],
    "delegations": [
        ["ref", "direction", "title", "head_name", "head_title", "level", "countries",
         "partner_refs", "start_on", "end_on", "members", "purpose", "city_leaders", "host_unit",
         "outcome", "agreement_refs"],
        ["D-1", "inbound", "Đoàn thành phố Daegu", "Hong Joon-pyo", "Thị trưởng", "local_leader",
         "kr", "P-DAEGU", dt.date(2024, 3, 1), dt.date(2024, 3, 3), 12, "official", "Có", "",
         "", "A-2024-01"],
        ["D-2", "outbound", "Xúc tiến đầu tư tại Singapore", "", "", "business", "SG; MY", "",
         "2025-05-10", "", "8", "investment_promotion", "no", "Sở Ngoại vụ", "", ""],
    ],
    "events": [
        ["ref", "name", "kind", "start_on", "end_on", "countries", "participants",
         "agreement_refs"],
        ["E-DIFF-2025", "Lễ hội pháo hoa quốc tế Đà Nẵng", "festival", dt.date(2025, 5, 31),
         "2025-07-12", "FI;CN;PL", 500, "A-2015-01;A-2024-01"],
    ],
    "fdi_projects": [
        ["ref", "name", "investor", "investor_country", "sector", "location", "certified_on",
         "registered_capital_usd", "terminated_on"],
        ["4321000123", "Nhà máy ICT VINA III", "Dentium Co., Ltd.", "KR", "manufacturing",
         "KCN Đà Nẵng", dt.date(2024, 5, 1), 177000000, None],
        [4321000124, "Trung tâm dữ liệu", "Data Co.", "sg", "information_technology", "",
         "2023-01-15", "2500000.50", "2025-01-01"],
    ],
    "fdi_capital_changes": [
        ["project_ref", "changed_on", "amount_usd"],
        ["4321000123", "2025-01-15", 15000000],
        ["4321000124", dt.date(2024, 2, 1), "-500000.25"],
    ],
    "fdi_contributions": [
        ["ref", "investor", "investor_country", "company", "contributed_on", "amount_usd"],
        ["C-1", "Tokyo Capital", "JP", "Công ty CP Du lịch Đà Nẵng", "2025-07-01", 2500000],
    ],
    "statistics": [
        ["indicator", "year", "value", "source", "status"],
        ["exports_usd", 2025, 4530000000, "Cục Thống kê", ""],
        ["visitors_total", "2025", "17300000", "", "provisional"],
    ],
}
# fmt: on

EXPECTED_COUNTS = {
    "partners": 3,
    "agreements": 2,
    "delegations": 2,
    "events": 1,
    "fdi_projects": 2,
    "fdi_capital_changes": 2,
    "fdi_contributions": 1,
    "statistics": 2,
}


def write_workbook(path, sheets):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path, rows, *, bom=False):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
        writer = csv.writer(stream)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
    return path


def write_csv_folder(folder, sheets, *, bom=False):
    folder.mkdir()
    for title, rows in sheets.items():
        write_csv(folder / f"{title}.csv", rows, bom=bom)
    return folder


def run_command(path, *args):
    """stdout and stderr of a successful `import_workbook`, in English."""
    stdout, stderr = StringIO(), StringIO()
    with override("en"):
        call_command("import_workbook", str(path), *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue().splitlines(), stderr.getvalue().splitlines()


def run_failing_command(path):
    """stderr lines and the error of an `import_workbook` that must fail."""
    stderr = StringIO()
    with override("en"), pytest.raises(CommandError) as failure:
        call_command("import_workbook", str(path), stdout=StringIO(), stderr=stderr)
    return stderr.getvalue().splitlines(), failure.value


def problems_of(path):
    with override("en"):
        result = import_workbook(path)
    assert not result.imported
    return [str(problem) for problem in result.problems]


def workbook_problems(tmp_path, sheets):
    return problems_of(write_workbook(tmp_path / "bad.xlsx", sheets))


def record_counts():
    return {
        "partners": Partner.objects.count(),
        "agreements": Agreement.objects.count(),
        "delegations": Delegation.objects.count(),
        "events": HostedEvent.objects.count(),
        "fdi_projects": FdiProject.objects.count(),
        "fdi_capital_changes": CapitalChange.objects.count(),
        "fdi_contributions": CapitalContribution.objects.count(),
        "statistics": StatisticsEntry.objects.count(),
    }


def history_counts():
    models = (
        Partner,
        Agreement,
        Delegation,
        HostedEvent,
        FdiProject,
        CapitalChange,
        CapitalContribution,
        StatisticsEntry,
    )
    return {model.__name__: model.history.count() for model in models}


PARTNER_HEADER = ["ref", "name", "kind", "country", "established_on"]


# -- a valid import ---------------------------------------------------------------------------


def test_valid_workbook_creates_every_record_type(tmp_path):
    path = write_workbook(tmp_path / "ban-ngoai-vu.xlsx", VALID_SHEETS)

    stdout, stderr = run_command(path)

    assert stdout == [
        "Imported ban-ngoai-vu.xlsx.",
        "partners: 3 created, 0 updated, 0 unchanged",
        "agreements: 2 created, 0 updated, 0 unchanged",
        "delegations: 2 created, 0 updated, 0 unchanged",
        "events: 1 created, 0 updated, 0 unchanged",
        "fdi_projects: 2 created, 0 updated, 0 unchanged",
        "fdi_capital_changes: 2 created, 0 updated, 0 unchanged",
        "fdi_contributions: 1 created, 0 updated, 0 unchanged",
        "statistics: 2 created, 0 updated, 0 unchanged",
    ]
    assert stderr == []
    assert record_counts() == EXPECTED_COUNTS

    daegu = Partner.objects.get(ref="P-DAEGU")
    assert daegu.name_local == "대구광역시"
    assert daegu.country == "KR"
    assert daegu.established_on == dt.date(2015, 10, 15)  # an Excel date cell
    assert daegu.ended_on is None
    assert sorted(daegu.fields.values_list("code", flat=True)) == ["economy_trade", "tourism"]
    citynet = Partner.objects.get(ref="P-CITYNET")
    assert (citynet.country, citynet.danang_unit) == ("", "Sở Ngoại vụ")
    assert Partner.objects.get(ref="P-GENOVA").kind == Partner.Kind.LOCALITY

    first, renewal = Agreement.objects.get(ref="A-2015-01"), Agreement.objects.get(ref="A-2024-01")
    assert first.signed_on == dt.date(2015, 10, 15)  # an Excel datetime cell
    assert first.expires_on == dt.date(2020, 10, 14)
    assert renewal.renews == first
    assert renewal.responsible_unit == "Sở Ngoại vụ"
    assert sorted(renewal.partners.values_list("ref", flat=True)) == ["P-CITYNET", "P-DAEGU"]
    assert sorted(renewal.fields.values_list("code", flat=True)) == ["economy_trade", "investment"]

    visit = Delegation.objects.get(ref="D-1")
    assert visit.countries == ["KR"]
    assert (visit.start_on, visit.end_on) == (dt.date(2024, 3, 1), dt.date(2024, 3, 3))
    assert (visit.members, visit.city_leaders) == (12, True)
    assert list(visit.partners.values_list("ref", flat=True)) == ["P-DAEGU"]
    assert list(visit.agreements.values_list("ref", flat=True)) == ["A-2024-01"]
    mission = Delegation.objects.get(ref="D-2")
    assert [c.code for c in mission.countries] == ["MY", "SG"]
    assert (mission.members, mission.city_leaders) == (8, False)

    festival = HostedEvent.objects.get(ref="E-DIFF-2025")
    assert festival.participants == 500
    assert sorted(festival.agreements.values_list("ref", flat=True)) == ["A-2015-01", "A-2024-01"]

    ict = FdiProject.objects.get(ref="4321000123")
    assert ict.registered_capital_usd == Decimal("177000000.00")
    assert ict.certified_on == dt.date(2024, 5, 1)
    data_centre = FdiProject.objects.get(ref="4321000124")  # a number cell keeps no ".0"
    assert data_centre.registered_capital_usd == Decimal("2500000.50")
    assert data_centre.investor_country == "SG"
    assert data_centre.capital_changes.get().amount_usd == Decimal("-500000.25")
    assert ict.capital_changes.get().changed_on == dt.date(2025, 1, 15)

    assert CapitalContribution.objects.get(ref="C-1").amount_usd == Decimal("2500000")
    exports = StatisticsEntry.objects.get(indicator="exports_usd", year=2025)
    assert (exports.value, exports.source, exports.status) == (
        Decimal("4530000000"),
        "Cục Thống kê",
        "official",
    )
    assert StatisticsEntry.objects.get(indicator="visitors_total").status == "provisional"

    run = ImportRun.objects.get()
    assert (run.file_name, run.succeeded, run.user) == ("ban-ngoai-vu.xlsx", True, None)
    assert run.counts["partners"] == {"created": 3, "updated": 0, "unchanged": 0}


def test_imported_records_have_history_with_their_links(tmp_path):
    importer = create_user("importer")
    path = write_workbook(tmp_path / "w.xlsx", VALID_SHEETS)

    with override("en"):
        result = import_workbook(path, user=importer)

    assert result.imported
    record = Agreement.objects.get(ref="A-2024-01").history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        importer,
        "Import of w.xlsx",
    )
    assert sorted(link.partner.ref for link in record.partners.all()) == ["P-CITYNET", "P-DAEGU"]
    assert ImportRun.objects.get().user == importer


def test_text_with_tabs_line_breaks_and_backslashes_is_imported_exactly(tmp_path):
    # No carriage return: an xlsx file stores line breaks as a single line feed.
    notes = "Dòng 1\tcột\nDòng 2 \\N C:\\tài liệu\nhết"
    path = write_workbook(
        tmp_path / "w.xlsx",
        {
            "partners": [
                PARTNER_HEADER + ["notes"],
                ["P-1", "Đà Nẵng \\ Huế", "locality", "VN", "2020-01-01", notes],
            ]
        },
    )

    assert import_workbook(path).imported

    partner = Partner.objects.get(ref="P-1")
    assert (partner.name, partner.notes) == ("Đà Nẵng \\ Huế", notes)
    assert partner.history.get().notes == notes


def test_updated_record_gets_a_history_row_with_its_new_values_and_links(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", VALID_SHEETS)
    import_workbook(path)
    changed = {**VALID_SHEETS, "agreements": [row[:] for row in VALID_SHEETS["agreements"]]}
    changed["agreements"][2][1] = "Tăng cường hợp tác Daegu (sửa đổi)"
    changed["agreements"][2][3] = "P-DAEGU"

    assert import_workbook(write_workbook(tmp_path / "v2.xlsx", changed)).imported

    latest, first = Agreement.objects.get(ref="A-2024-01").history.order_by("-history_id")
    assert (latest.history_type, latest.title) == ("~", "Tăng cường hợp tác Daegu (sửa đổi)")
    assert [link.partner.ref for link in latest.partners.all()] == ["P-DAEGU"]
    assert sorted(link.partner.ref for link in first.partners.all()) == ["P-CITYNET", "P-DAEGU"]


def test_second_import_of_the_same_workbook_changes_nothing(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", VALID_SHEETS)
    run_command(path)
    history_before = history_counts()
    links_before = sorted(
        Agreement.objects.get(ref="A-2024-01").partners.values_list("pk", flat=True)
    )

    stdout, _stderr = run_command(path)

    assert stdout[1:] == [
        f"{sheet}: 0 created, 0 updated, {count} unchanged"
        for sheet, count in EXPECTED_COUNTS.items()
    ]
    assert record_counts() == EXPECTED_COUNTS
    assert history_counts() == history_before
    links_after = sorted(
        Agreement.objects.get(ref="A-2024-01").partners.values_list("pk", flat=True)
    )
    assert links_after == links_before
    assert ImportRun.objects.count() == 2


def test_a_row_whose_ref_exists_updates_that_record_only(tmp_path):
    run_command(write_workbook(tmp_path / "first.xlsx", VALID_SHEETS))
    changed = {key: [list(row) for row in rows] for key, rows in VALID_SHEETS.items()}
    changed["partners"][1][1] = "Daegu Metropolitan City"
    changed["agreements"][2][3] = "P-DAEGU"  # one partner fewer
    changed["fdi_capital_changes"][1][2] = 16000000
    changed["statistics"][1][2] = 4600000000

    stdout, _stderr = run_command(write_workbook(tmp_path / "second.xlsx", changed))

    assert stdout[1:] == [
        "partners: 0 created, 1 updated, 2 unchanged",
        "agreements: 0 created, 1 updated, 1 unchanged",
        "delegations: 0 created, 0 updated, 2 unchanged",
        "events: 0 created, 0 updated, 1 unchanged",
        "fdi_projects: 0 created, 0 updated, 2 unchanged",
        "fdi_capital_changes: 0 created, 1 updated, 1 unchanged",
        "fdi_contributions: 0 created, 0 updated, 1 unchanged",
        "statistics: 0 created, 1 updated, 1 unchanged",
    ]
    assert Partner.objects.get(ref="P-DAEGU").name == "Daegu Metropolitan City"
    renewal = Agreement.objects.get(ref="A-2024-01")
    assert list(renewal.partners.values_list("ref", flat=True)) == ["P-DAEGU"]
    assert renewal.history.first().history_type == "~"
    assert CapitalChange.objects.get(project__ref="4321000123").amount_usd == Decimal("16000000")
    assert record_counts() == EXPECTED_COUNTS


def test_rows_may_name_records_already_in_the_database(tmp_path):
    create_partner(ref="P-SAVED")
    create_project(ref="IRC-SAVED", certified_on=dt.date(2020, 1, 1))
    path = write_workbook(
        tmp_path / "w.xlsx",
        {
            "agreements": [
                ["ref", "title", "kind", "partner_refs"],
                ["A-1", "MoU", "mou", "P-SAVED"],
            ],
            "fdi_capital_changes": [
                ["project_ref", "changed_on", "amount_usd"],
                ["IRC-SAVED", "2021-01-01", 100],
            ],
        },
    )

    run_command(path)

    assert Agreement.objects.get(ref="A-1").partners.get().ref == "P-SAVED"
    assert CapitalChange.objects.get().project.ref == "IRC-SAVED"


def test_folder_of_csv_files_imports_like_the_workbook(tmp_path):
    folder = write_csv_folder(tmp_path / "export", VALID_SHEETS, bom=True)

    stdout, stderr = run_command(folder)

    assert stdout[0] == "Imported export."
    assert stderr == []
    assert record_counts() == EXPECTED_COUNTS
    assert Partner.objects.get(ref="P-DAEGU").established_on == dt.date(2015, 10, 15)
    assert Delegation.objects.get(ref="D-1").city_leaders is True


def test_single_csv_file_named_after_its_sheet_imports_that_sheet(tmp_path):
    path = write_csv(tmp_path / "statistics.csv", VALID_SHEETS["statistics"])

    stdout, _stderr = run_command(path)

    assert stdout == ["Imported statistics.csv.", "statistics: 2 created, 0 updated, 0 unchanged"]


def test_vietnamese_column_labels_are_accepted_as_aliases(tmp_path):
    path = write_workbook(
        tmp_path / "w.xlsx",
        {
            "Đối tác": [
                ["Mã", "Tên", "LOẠI", "quoc gia", "Ngày thiết lập", "Lĩnh vực hợp tác"],
                ["P-1", "Daegu", "locality", "KR", "2015-10-15", "tourism"],
            ],
            "agreements": [
                ["Mã", "Tên thỏa thuận", "Loại", "Mã đối tác", "ngay ky"],
                ["A-1", "MoU", "mou", "P-1", "2016-01-01"],
            ],
        },
    )

    stdout, stderr = run_command(path)

    assert stderr == []
    assert stdout[1:] == [
        "partners: 1 created, 0 updated, 0 unchanged",
        "agreements: 1 created, 0 updated, 0 unchanged",
    ]
    assert Partner.objects.get(ref="P-1").fields.get().code == "tourism"
    assert Agreement.objects.get(ref="A-1").signed_on == dt.date(2016, 1, 1)


def test_unknown_column_gives_a_warning_and_is_ignored(tmp_path):
    path = write_workbook(
        tmp_path / "w.xlsx",
        {
            "partners": [
                PARTNER_HEADER + ["colour"],
                ["P-1", "Daegu", "locality", "KR", None, "red"],
            ],
        },
    )

    stdout, stderr = run_command(path)

    assert stderr == ["partners, row 1, colour: Unknown column; ignored."]
    assert stdout[1] == "partners: 1 created, 0 updated, 0 unchanged"


def test_dry_run_checks_and_counts_but_writes_nothing(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", VALID_SHEETS)

    stdout, _stderr = run_command(path, "--dry-run")

    assert stdout[:2] == [
        "Checked w.xlsx; nothing was written.",
        "partners: 3 created, 0 updated, 0 unchanged",
    ]
    assert set(record_counts().values()) == {0}
    assert not ImportRun.objects.exists()


# -- an invalid workbook ----------------------------------------------------------------------


def test_invalid_workbook_writes_nothing_and_names_every_problem(tmp_path):
    sheets = {
        "partners": [
            PARTNER_HEADER,
            ["P-1", "Daegu", "locality", "KR", "2015-10-15"],
            ["P-2", "Busan", "city", "KR", ""],
            ["P-3", "Nowhere", "locality", "XX", ""],
            ["P-1", "Daegu again", "locality", "KR", ""],
        ],
        "agreements": [
            ["ref", "title", "kind", "partner_refs", "signed_on"],
            ["A-1", "MoU", "mou", "P-1; P-404", "2020-01-01"],
            ["A-2", "MoU", "mou", "P-1", "31/12/2024"],
        ],
        "delegations": [
            ["ref", "direction", "title", "level", "countries", "start_on", "end_on"],
            ["D-1", "inbound", "Daegu", "local_leader", "KR", "2024-03-05", "2024-03-01"],
        ],
        "fdi_projects": VALID_SHEETS["fdi_projects"][:2]
        + [["IRC-9", "Hotel", "X", "JP", "tourism_hospitality", "", "2024-01-01", -5, ""]],
        "statistics": [["indicator", "year", "value"], ["exports_usd", "25", 10]],
    }
    path = write_workbook(tmp_path / "bad.xlsx", sheets)

    stderr, error = run_failing_command(path)

    assert stderr == [
        "partners, row 3, kind: “city” is not one of: locality, organization, network, "
        "enterprise, university, ngo, diplomatic_mission.",
        "partners, row 4, country: “XX” is not an ISO 3166-1 alpha-2 country code.",
        "partners, row 5, ref: The code is already used in row 2.",
        "agreements, row 2, partner_refs: No partner has the code “P-404”, in this file or in "
        "the database.",
        "agreements, row 3, signed_on: “31/12/2024” is not a date; use YYYY-MM-DD.",
        "delegations, row 2, end_on: A delegation cannot end before it starts.",
        "fdi_projects, row 3, registered_capital_usd: Ensure this value is greater than or "
        "equal to 0.",
        "statistics, row 2, year: “25” is not a year of four digits.",
    ]
    assert str(error) == "bad.xlsx: 8 problems; nothing was written."
    assert error.returncode == 1
    assert set(record_counts().values()) == {0}
    assert not ImportRun.objects.exists()


def test_invalid_row_on_the_last_sheet_keeps_the_valid_sheets_unwritten(tmp_path):
    sheets = dict(VALID_SHEETS)
    sheets["statistics"] = [["indicator", "year", "value"], ["exports_usd", 2025, -1]]

    problems = workbook_problems(tmp_path, sheets)

    assert problems == [
        "statistics, row 2, value: Ensure this value is greater than or equal to 0."
    ]
    assert set(record_counts().values()) == {0}


# -- bad files --------------------------------------------------------------------------------


def test_text_file_renamed_to_xlsx_is_not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("ref,name\nP-1,Daegu\n")

    stderr, _error = run_failing_command(path)

    assert stderr == ["notes.xlsx: This file is not an Excel workbook (.xlsx)."]


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")

    assert problems_of(path) == ["empty.xlsx: The file is empty."]


def test_corrupt_zip_is_refused(tmp_path):
    whole = write_workbook(tmp_path / "whole.xlsx", VALID_SHEETS).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])

    assert problems_of(path) == ["cut.xlsx: The workbook is damaged and cannot be read."]


def test_password_protected_workbook_is_refused_with_advice(tmp_path):
    path = tmp_path / "secret.xlsx"
    # Excel encrypts a protected workbook into a Compound File Binary container.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)

    assert problems_of(path) == [
        "secret.xlsx: This workbook is protected by a password or saved in the old .xls "
        "format; save it as an unprotected .xlsx workbook."
    ]


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * 20_000_000)

    assert problems_of(path) == [
        "bomb.xlsx: The workbook is refused: a part of it is compressed suspiciously well "
        "(a zip bomb?)."
    ]


def test_workbook_declaring_xml_entities_is_refused(tmp_path):
    path = write_workbook(tmp_path / "laughs.xlsx", VALID_SHEETS)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;">]>\n<sst><si><t>&lol2;</t></si></sst>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    assert problems_of(path) == [
        "laughs.xlsx: The workbook is refused: its XML declares a document type or entities, "
        "which spreadsheets never need."
    ]


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")

    assert problems_of(path) == ["report.xlsx: This file is not an Excel workbook (.xlsx)."]


def test_csv_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes("ref,name,kind\nP-1,Genève,locality\n".encode("latin-1"))

    assert problems_of(path) == ["partners: The file is not UTF-8 text."]


def test_csv_named_after_no_sheet_is_refused(tmp_path):
    path = write_csv(tmp_path / "contacts.csv", [PARTNER_HEADER])

    assert problems_of(path) == [
        "contacts.csv: A CSV file must be named after its sheet, for example partners.csv."
    ]


# -- bad rows ---------------------------------------------------------------------------------


def test_missing_required_column_is_one_problem_for_the_sheet(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [
                ["ref", "name", "country"],
                ["P-1", "Daegu", "KR"],
                ["P-2", "Busan", "KR"],
            ],
        },
    )

    assert problems == ["partners, row 1, kind: This required column is missing."]


def test_blank_required_value_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [PARTNER_HEADER, ["P-1", "", "locality", "KR", ""]],
        },
    )

    assert problems == ["partners, row 2, name: This value is required."]


def test_unknown_choice_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "delegations": [
                ["ref", "direction", "title", "level", "countries", "start_on"],
                ["D-1", "sideways", "Daegu", "local_leader", "KR", "2024-03-01"],
            ],
        },
    )

    assert problems == [
        "delegations, row 2, direction: “sideways” is not one of: inbound, outbound."
    ]


def test_country_code_that_does_not_exist_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "delegations": [
                ["ref", "direction", "title", "level", "countries", "start_on"],
                ["D-1", "inbound", "Daegu", "local_leader", "KR; XX; Korea", "2024-03-01"],
            ],
        },
    )

    assert problems == [
        "delegations, row 2, countries: “XX” is not an ISO 3166-1 alpha-2 country code.",
        "delegations, row 2, countries: “KOREA” is not an ISO 3166-1 alpha-2 country code.",
    ]


def test_locality_without_country_is_a_problem_from_the_model(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [PARTNER_HEADER, ["P-1", "Daegu", "locality", "", ""]],
        },
    )

    assert problems == ["partners, row 2, country: A locality must have a country."]


def test_date_that_is_not_a_date_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [
                PARTNER_HEADER,
                ["P-1", "Daegu", "locality", "KR", "2015-02-30"],
                ["P-2", "Busan", "locality", "KR", 42005],
            ],
        },
    )

    assert problems == [
        "partners, row 2, established_on: “2015-02-30” is not a date; use YYYY-MM-DD.",
        "partners, row 3, established_on: “42005” is not a date; use YYYY-MM-DD.",
    ]


def test_end_before_start_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "events": [
                ["ref", "name", "kind", "start_on", "end_on"],
                ["E-1", "DIFF", "festival", "2025-06-01", dt.date(2025, 5, 31)],
            ],
            "partners": [
                PARTNER_HEADER + ["ended_on"],
                ["P-1", "Daegu", "locality", "KR", "2015-10-15", "2015-10-14"],
            ],
        },
    )

    assert problems == [
        "partners, row 2, ended_on: The relationship cannot end before it was established.",
        "events, row 2, end_on: An event cannot end before it starts.",
    ]


def test_negative_amount_is_a_problem_where_the_contract_forbids_it(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "fdi_contributions": [
                VALID_SHEETS["fdi_contributions"][0],
                ["C-1", "Tokyo Capital", "JP", "DNG Tourism", "2025-07-01", -2500000],
                ["C-2", "Tokyo Capital", "JP", "DNG Tourism", "2025-07-01", "1,000,000"],
            ],
            "fdi_capital_changes": [
                ["project_ref", "changed_on", "amount_usd"],
                ["4321000123", "2025-01-15", -15000000],  # a reduction: allowed
            ],
            "fdi_projects": VALID_SHEETS["fdi_projects"][:2],
        },
    )

    assert problems == [
        "fdi_contributions, row 2, amount_usd: Ensure this value is greater than or equal to 0.01.",
        "fdi_contributions, row 3, amount_usd: “1,000,000” is not a number; use . as the "
        "decimal mark and no thousands separator.",
    ]


def test_members_must_be_at_least_one(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "delegations": [
                ["ref", "direction", "title", "level", "countries", "start_on", "members"],
                ["D-1", "inbound", "Daegu", "local_leader", "KR", "2024-03-01", 0],
                ["D-2", "inbound", "Daegu", "local_leader", "KR", "2024-03-01", 2.5],
            ],
        },
    )

    assert problems == [
        "delegations, row 2, members: Ensure this value is greater than or equal to 1.",
        "delegations, row 3, members: “2.5” is not a whole number.",
    ]


def test_capital_change_before_its_project_is_certified_is_a_problem(tmp_path):
    create_project(ref="IRC-SAVED", certified_on=dt.date(2020, 1, 1))
    problems = workbook_problems(
        tmp_path,
        {
            "fdi_projects": VALID_SHEETS["fdi_projects"][:2],
            "fdi_capital_changes": [
                ["project_ref", "changed_on", "amount_usd"],
                ["4321000123", "2024-04-30", 100],
                ["IRC-SAVED", "2019-12-31", 100],
                ["IRC-SAVED", "2020-01-01", 100],
                ["IRC-SAVED", "2020-01-01", 200],
            ],
        },
    )

    assert problems == [
        "fdi_capital_changes, row 2, changed_on: Capital cannot change before the project is "
        "certified.",
        "fdi_capital_changes, row 3, changed_on: Capital cannot change before the project is "
        "certified.",
        "fdi_capital_changes, row 5, changed_on: This project already has a capital change on "
        "this date in row 4.",
    ]


def test_duplicate_ref_in_the_file_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "fdi_contributions": [
                VALID_SHEETS["fdi_contributions"][0],
                VALID_SHEETS["fdi_contributions"][1],
                VALID_SHEETS["fdi_contributions"][1],
            ],
            "statistics": [
                ["indicator", "year", "value"],
                ["exports_usd", 2025, 1],
                ["exports_usd", 2025, 2],
            ],
        },
    )

    assert problems == [
        "fdi_contributions, row 3, ref: The code is already used in row 2.",
        "statistics, row 3, year: This indicator already has a value for this year in row 2.",
    ]


def test_dangling_partner_ref_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [PARTNER_HEADER, ["P-1", "Daegu", "locality", "KR", ""]],
            "agreements": [
                ["ref", "title", "kind", "partner_refs", "renews_ref"],
                ["A-1", "MoU", "mou", "P-1;P-2", "A-0"],
            ],
            "delegations": [
                ["ref", "direction", "title", "level", "countries", "start_on", "agreement_refs"],
                ["D-1", "inbound", "Daegu", "local_leader", "KR", "2024-03-01", "A-1;A-9"],
            ],
            "fdi_capital_changes": [
                ["project_ref", "changed_on", "amount_usd"],
                ["IRC-0", "2024-01-01", 1],
            ],
        },
    )

    assert problems == [
        "agreements, row 2, partner_refs: No partner has the code “P-2”, in this file or in the "
        "database.",
        "agreements, row 2, renews_ref: No agreement has the code “A-0”, in this file or in the "
        "database.",
        "delegations, row 2, agreement_refs: No agreement has the code “A-9”, in this file or in "
        "the database.",
        "fdi_capital_changes, row 2, project_ref: No FDI project has the code “IRC-0”, in this "
        "file or in the database.",
    ]


def test_unknown_field_code_is_a_problem(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [
                PARTNER_HEADER + ["fields"],
                ["P-1", "Daegu", "locality", "KR", "", "fun"],
            ],
        },
    )

    assert problems == ["partners, row 2, fields: “fun” is not a field code."]


def test_renewals_may_not_loop(tmp_path):
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [PARTNER_HEADER, ["P-1", "Daegu", "locality", "KR", ""]],
            "agreements": [
                ["ref", "title", "kind", "partner_refs", "renews_ref"],
                ["A-1", "MoU", "mou", "P-1", "A-2"],
                ["A-2", "MoU", "mou", "P-1", "A-1"],
                ["A-3", "MoU", "mou", "P-1", "A-3"],
            ],
        },
    )

    assert problems == [
        "agreements, row 2, renews_ref: Renewals cannot form a loop.",
        "agreements, row 3, renews_ref: Renewals cannot form a loop.",
        "agreements, row 4, renews_ref: An agreement cannot renew itself.",
    ]


def test_booleans_and_years_accept_the_contract_spellings(tmp_path):
    rows = [["ref", "direction", "title", "level", "countries", "start_on", "city_leaders"]]
    spellings = ["yes", "No", "TRUE", "false", "1", "0", "có", "KHÔNG", True, "maybe"]
    for number, spelling in enumerate(spellings):
        rows.append([f"D-{number}", "inbound", "x", "other", "KR", "2024-01-01", spelling])

    problems = workbook_problems(tmp_path, {"delegations": rows})

    assert problems == [
        "delegations, row 11, city_leaders: “maybe” is not yes or no (also true/false, 1/0, "
        "có/không)."
    ]


# -- speed ------------------------------------------------------------------------------------


def _generated_folder(folder, size):
    sheets = {
        "partners": [PARTNER_HEADER]
        + [[f"P-{n}", f"City {n}", "locality", "KR", "2020-01-01"] for n in range(size)],
        "delegations": [
            ["ref", "direction", "title", "level", "countries", "start_on", "partner_refs"]
        ]
        + [
            [f"D-{n}", "inbound", "Visit", "other", "KR;JP", "2024-01-01", f"P-{n};P-0"]
            for n in range(size)
        ],
    }
    return write_csv_folder(folder, sheets)


def test_import_queries_do_not_grow_with_the_number_of_rows(tmp_path):
    counts = {}
    for size in (20, 200):
        folder = _generated_folder(tmp_path / f"rows{size}", size)
        with CaptureQueriesContext(connection) as first:
            assert import_workbook(folder).imported
        with CaptureQueriesContext(connection) as second:
            assert import_workbook(folder).imported
        counts[size] = (len(first), len(second))
        Delegation.objects.all().delete()
        Partner.objects.all().delete()

    # First import, 38 on SQLite: a savepoint; field codes; per sheet, four statements to
    # (re)create its staging tables, its saved records by ref, then its rows and links staged;
    # one query per rule across rows (duplicates in each sheet, the delegations' dangling
    # partners); a savepoint for the writing; per sheet, insert the new records, note their
    # keys, (delegations) insert their links, the last history id, their history and one
    # snapshot per link table; the import log; the release; four statements dropping the
    # staging tables; the release.
    # Second import, 27: the same checks, the delegations' saved partner links, and nothing to
    # write but the import log.
    # On PostgreSQL, each takes the import lock (locking.py) and analyses the two sheets' staging
    # tables: three queries more.
    # Rows travel in batches of thousands, so ten times the rows costs the same queries.
    assert counts[20] == counts[200]
    assert counts[20] == ((38, 27) if connection.vendor == "sqlite" else (41, 30))


def test_large_file_reports_progress_on_stderr(tmp_path):
    folder = _generated_folder(tmp_path / "large", 10_000)
    stdout, stderr = run_command(folder)

    assert stderr == [
        "partners: 10000 rows read",
        "delegations: 10000 rows read",
        "Writing 20000 rows…",
    ]
    assert stdout[1:] == [
        "partners: 10000 created, 0 updated, 0 unchanged",
        "delegations: 10000 created, 0 updated, 0 unchanged",
    ]


def test_progress_counts_the_rows_checked_out_of_the_rows_the_workbook_declares(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", VALID_SHEETS)
    reports = []

    assert import_workbook(path, progress=reports.append).imported

    # At the start, at the end of each sheet, then before writing; no line for a log.
    assert reports[0] == ImportProgress("checking", 0, 15)
    assert [report.rows_done for report in reports[1:-1]] == [3, 5, 7, 8, 10, 12, 13, 15]
    assert reports[-1] == ImportProgress("writing", 15, 15)
    assert {report.message for report in reports} == {""}


def test_progress_of_csv_files_is_reported_every_hundred_rows_out_of_their_lines(tmp_path):
    folder = _generated_folder(tmp_path / "csv", 150)
    reports = []

    assert import_workbook(folder, progress=reports.append).imported

    assert [(report.phase, report.rows_done, report.rows_total) for report in reports] == [
        ("checking", 0, 300),
        ("checking", 100, 300),
        ("checking", 150, 300),  # the end of partners
        ("checking", 200, 300),
        ("checking", 300, 300),
        ("checking", 300, 300),  # the end of delegations
        ("writing", 300, 300),
    ]


def test_rows_checked_never_exceed_the_rows_a_reader_estimated(tmp_path, monkeypatch):
    # A worksheet whose <dimension> says less than it holds (some programs write "A1").
    monkeypatch.setattr(readers, "_worksheet_size", lambda worksheet: lambda: 1)
    path = write_workbook(tmp_path / "w.xlsx", {"partners": VALID_SHEETS["partners"]})
    reports = []

    import_workbook(path, progress=reports.append)

    assert [(report.rows_done, report.rows_total) for report in reports] == [
        (0, 1),
        (3, 3),
        (3, 3),
    ]


class Terminal(StringIO):
    def isatty(self):
        return True


def test_command_draws_a_progress_bar_in_place_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(import_workbook_command, "REDRAW_SECONDS", 0)
    folder = _generated_folder(tmp_path / "csv", 150)
    stderr = Terminal()

    with override("en"):
        call_command("import_workbook", str(folder), stdout=StringIO(), stderr=stderr)

    # Each frame starts at the beginning of the line and clears the rest of it; no colour.
    frames = stderr.getvalue().split("\r")
    assert frames[:3] == [
        "",
        "[------------------------------]   0% Reading and checking the rows: 0 of 300\x1b[K",
        "[##########--------------------]  33% Reading and checking the rows: 100 of 300\x1b[K",
    ]
    assert frames[-2] == (
        "[##############################] 100% Reading and checking the rows: 300 of 300\x1b[K"
    )
    assert frames[-1] == "Writing 300 rows…\x1b[K\n"


def test_command_draws_no_bar_when_quiet(tmp_path):
    folder = _generated_folder(tmp_path / "csv", 150)
    stderr = Terminal()

    call_command("import_workbook", str(folder), stdout=StringIO(), stderr=stderr, verbosity=0)

    assert stderr.getvalue() == ""


def test_upload_as_a_file_object_is_read_like_a_path(tmp_path):
    data = write_workbook(tmp_path / "w.xlsx", VALID_SHEETS).read_bytes()

    result = import_workbook(io.BytesIO(data), name="upload.xlsx")

    assert result.imported
    assert ImportRun.objects.get().file_name == "upload.xlsx"


def test_empty_csv_file_is_refused(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes(b"")

    assert problems_of(path) == ["partners.csv: The file is empty."]


def test_workbook_without_any_known_sheet_is_refused(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Sheet1": [["a", "b"], [1, 2]]})

    with override("en"):
        result = import_workbook(path)

    assert [str(problem) for problem in result.problems] == [
        "w.xlsx: There is no sheet to import; the sheets are named partners, agreements, "
        "delegations, events, fdi_projects, fdi_capital_changes, fdi_contributions, statistics."
    ]
    assert [str(warning) for warning in result.warnings] == [
        "Sheet1: Not the name of a sheet; sheet ignored."
    ]


def test_moving_a_saved_project_after_its_capital_changes_is_a_problem(tmp_path):
    project = create_project(ref="IRC-1", certified_on=dt.date(2020, 1, 1))
    create_capital_change(project=project, changed_on=dt.date(2020, 6, 1))
    row = ["IRC-1", "Hotel", "X", "JP", "tourism_hospitality", "", "2020-07-01", 5, ""]

    problems = workbook_problems(tmp_path, {"fdi_projects": [VALID_SHEETS["fdi_projects"][0], row]})

    assert problems == [
        "fdi_projects, row 2, certified_on: The project has capital changes dated before this day."
    ]


def test_workbook_too_large_once_unpacked_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    path = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * 3 * 1024 * 1024)

    assert problems_of(path) == [
        "huge.xlsx: The workbook is too large once unpacked (over 2 MB); import it as CSV "
        "files instead."
    ]


def test_command_records_the_importing_user(tmp_path):
    staffer = create_user("staffer")
    path = write_csv(tmp_path / "statistics.csv", VALID_SHEETS["statistics"])

    run_command(path, "--user", "staffer")

    run = ImportRun.objects.get()
    assert (run.user, run.file_name, run.succeeded) == (staffer, "statistics.csv", True)
    assert StatisticsEntry.history.filter(history_user=staffer).count() == 2
