"""The import checks rows a batch at a time and the rules across rows over its staging tables:
a file split into many batches gives the same problems and the same records as one batch."""

import datetime as dt

import pytest
from django.db import connection
from django.utils.translation import override

from agreements.models import Agreement
from dashboard.importer import engine, import_workbook
from investment.models import CapitalChange
from tests.dashboard.test_import import (
    PARTNER_HEADER,
    record_counts,
    workbook_problems,
    write_csv_folder,
)
from tests.factories import create_agreement, create_capital_change, create_partner, create_project

pytestmark = pytest.mark.django_db

AGREEMENT_HEADER = ["ref", "title", "kind", "partner_refs", "renews_ref"]


@pytest.fixture
def one_row_batches(monkeypatch):
    """Every row in a batch of its own: each rule has to see past the batch it was found in."""
    monkeypatch.setattr(engine, "BATCH_ROWS", 1)


@pytest.fixture(autouse=True)
def problems_in_english():
    with override("en"):
        yield


def test_rules_across_rows_see_every_batch(tmp_path, one_row_batches):
    create_project(ref="IRC-SAVED", certified_on=dt.date(2020, 1, 1))
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [
                PARTNER_HEADER,
                ["P-1", "Daegu", "locality", "KR", ""],
                ["P-2", "Busan", "locality", "KR", ""],
                ["P-1", "Daegu again", "locality", "KR", ""],
            ],
            "agreements": [
                AGREEMENT_HEADER,
                ["A-1", "MoU", "mou", "P-2;P-404", "A-3"],
                ["A-2", "MoU", "mou", "P-1", ""],
                ["A-3", "MoU", "mou", "P-1", "A-1"],
            ],
            "fdi_capital_changes": [
                ["project_ref", "changed_on", "amount_usd"],
                ["IRC-SAVED", "2019-12-31", 100],
                ["IRC-SAVED", "2021-01-01", 100],
                ["IRC-SAVED", "2021-01-01", 200],
            ],
        },
    )

    assert problems == [
        "partners, row 4, ref: The code is already used in row 2.",
        "agreements, row 2, partner_refs: No partner has the code “P-404”, in this file or in "
        "the database.",
        "agreements, row 2, renews_ref: Renewals cannot form a loop.",
        "agreements, row 4, renews_ref: Renewals cannot form a loop.",
        "fdi_capital_changes, row 2, changed_on: Capital cannot change before the project is "
        "certified.",
        "fdi_capital_changes, row 4, changed_on: This project already has a capital change on "
        "this date in row 3.",
    ]
    assert set(record_counts().values()) == {0, 1}
    assert not Agreement.objects.exists()


def test_values_too_long_or_too_large_for_their_columns_are_problems(tmp_path):
    _smallest, largest_integer = connection.ops.integer_field_range("PositiveIntegerField")
    problems = workbook_problems(
        tmp_path,
        {
            "partners": [PARTNER_HEADER, ["P-1", "D" * 201, "locality", "KR", ""]],
            "delegations": [
                ["ref", "direction", "title", "level", "countries", "start_on", "members"],
                ["D-1", "inbound", "Visit", "other", "KR", "2024-01-01", "9" * 30],
            ],
            "fdi_contributions": [
                ["ref", "investor", "investor_country", "company", "contributed_on", "amount_usd"],
                ["C-1", "Investor", "KR", "Company", "2024-01-01", "1" * 20],
            ],
        },
    )

    assert problems == [
        "partners, row 2, name: Ensure this value has at most 200 characters (it has 201).",
        "delegations, row 2, members: Ensure this value is less than or equal to "
        f"{largest_integer}.",
        "fdi_contributions, row 2, amount_usd: Ensure that there are no more than 16 digits in "
        "total.",
    ]


def test_renewal_loop_through_saved_agreements_is_found(tmp_path):
    partner = create_partner(ref="P-1")
    first = create_agreement(ref="A-1", partners=[partner])
    second = create_agreement(ref="A-2", partners=[partner], renews=first)
    create_agreement(ref="A-3", partners=[partner], renews=second)

    problems = workbook_problems(
        tmp_path, {"agreements": [AGREEMENT_HEADER, ["A-1", "MoU", "mou", "P-1", "A-3"]]}
    )

    assert problems == ["agreements, row 2, renews_ref: Renewals cannot form a loop."]
    assert Agreement.objects.get(ref="A-1").renews is None


def test_file_in_many_batches_creates_and_updates_as_one(tmp_path, one_row_batches):
    saved_partner = create_partner(ref="P-SAVED", name="Old name")
    saved = create_agreement(ref="A-SAVED", partners=[saved_partner])
    folder = write_csv_folder(
        tmp_path / "many",
        {
            "partners": [
                PARTNER_HEADER,
                ["P-NEW", "Đà Lạt", "locality", "KR", ""],
                ["P-SAVED", "New name", "locality", "KR", ""],
            ],
            "agreements": [
                AGREEMENT_HEADER,
                ["A-RENEWAL", "Renewal", "mou", "P-NEW;P-SAVED", "A-NEW"],
                ["A-NEW", "New", "mou", "P-NEW", ""],
                ["A-SAVED", "MoU", "mou", "P-NEW", "A-NEW"],
            ],
        },
    )

    result = import_workbook(folder)

    assert result.imported, result.problems
    assert {key: counts.as_dict() for key, counts in result.counts.items()} == {
        "partners": {"created": 1, "updated": 1, "unchanged": 0},
        "agreements": {"created": 2, "updated": 1, "unchanged": 0},
    }
    renewal = Agreement.objects.get(ref="A-RENEWAL")
    assert renewal.renews.ref == "A-NEW"
    assert sorted(renewal.partners.values_list("ref", flat=True)) == ["P-NEW", "P-SAVED"]
    saved.refresh_from_db()
    assert saved.renews.ref == "A-NEW"
    assert list(saved.partners.values_list("ref", flat=True)) == ["P-NEW"]
    assert saved.history.first().history_type == "~"
    assert list(saved.history.first().partners.values_list("partner__ref", flat=True)) == ["P-NEW"]

    again = import_workbook(folder)
    assert {key: counts.as_dict()["unchanged"] for key, counts in again.counts.items()} == {
        "partners": 2,
        "agreements": 3,
    }


def test_a_link_kept_by_an_update_keeps_its_row(tmp_path):
    """Only the links the file no longer names are deleted: a kept link is the same row."""
    daegu, busan = create_partner(ref="P-DAEGU"), create_partner(ref="P-BUSAN")
    saved = create_agreement(ref="A-1", partners=[daegu, busan])
    through = Agreement.partners.through
    kept = through.objects.get(agreement=saved, partner=daegu).pk
    folder = write_csv_folder(
        tmp_path / "links",
        {"agreements": [AGREEMENT_HEADER, ["A-1", "MoU", "mou", "P-DAEGU", ""]]},
    )

    assert import_workbook(folder).imported

    assert list(through.objects.filter(agreement=saved).values_list("pk", flat=True)) == [kept]


def test_saved_capital_changes_are_matched_by_project_and_day(tmp_path, one_row_batches):
    project = create_project(ref="IRC-1", certified_on=dt.date(2020, 1, 1))
    change = create_capital_change(project=project, changed_on=dt.date(2021, 5, 1))
    folder = write_csv_folder(
        tmp_path / "changes",
        {
            "fdi_capital_changes": [
                ["project_ref", "changed_on", "amount_usd"],
                ["IRC-1", "2021-05-01", "2500.50"],
                ["IRC-1", "2022-05-01", "-100"],
            ]
        },
    )

    result = import_workbook(folder)

    assert result.counts["fdi_capital_changes"].as_dict() == {
        "created": 1,
        "updated": 1,
        "unchanged": 0,
    }
    change.refresh_from_db()
    assert str(change.amount_usd) == "2500.50"
    assert CapitalChange.objects.filter(project=project).count() == 2


def test_staging_tables_are_gone_after_an_import(tmp_path):
    folder = write_csv_folder(
        tmp_path / "p", {"partners": [PARTNER_HEADER, ["P-1", "Daegu", "locality", "KR", ""]]}
    )

    assert import_workbook(folder).imported
    assert import_workbook(folder, dry_run=True).ok

    tables = connection.introspection.table_names(include_views=False)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT relname FROM pg_class WHERE relpersistence = 't'")
        temporary = [name for (name,) in cursor.fetchall()]
    assert not [name for name in tables + temporary if name.startswith("import_stage")]
