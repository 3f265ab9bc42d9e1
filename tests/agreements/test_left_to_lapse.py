"""An agreement "left to lapse": kept in admin, on its page, and through export and import."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils.translation import override

from agreements.models import Agreement
from dashboard.importer import import_workbook
from dashboard.importer.export import write_workbook
from dashboard.importer.sheets import AGREEMENTS, PARTNERS
from tests.factories import create_agreement, create_partner

pytestmark = pytest.mark.django_db


def workbook(sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


@pytest.fixture
def daegu():
    return create_partner(ref="P-DAEGU")


def agreements_sheet(*rows, columns=("ref", "title", "kind", "partner_refs", "left_to_lapse")):
    return {"agreements": [list(columns), *[list(row) for row in rows]]}


def test_export_has_the_column_and_imports_back_unchanged(daegu):
    create_agreement(ref="A-LAPSE", partners=[daegu], left_to_lapse=True)
    create_agreement(ref="A-KEEP", partners=[daegu])
    stream = io.BytesIO()

    write_workbook(stream, sheets=(PARTNERS, AGREEMENTS))
    stream.seek(0)
    rows = list(openpyxl.load_workbook(stream)["agreements"].values)
    stream.seek(0)
    result = import_workbook(stream, name="records.xlsx")

    header = rows[0]
    cells = {row[0]: row[header.index("left_to_lapse")] for row in rows[1:]}
    assert cells == {"A-KEEP": "no", "A-LAPSE": "yes"}
    assert result.problems == []
    assert result.counts["agreements"].as_dict() == {"created": 0, "updated": 0, "unchanged": 2}


def test_import_marks_an_agreement_as_left_to_lapse(daegu):
    create_agreement(ref="A-1", partners=[daegu])

    result = import_workbook(
        workbook(agreements_sheet(["A-1", "Biên bản ghi nhớ", "mou", "P-DAEGU", "có"])),
        name="w.xlsx",
    )

    assert result.problems == []
    assert Agreement.objects.get(ref="A-1").left_to_lapse is True


def test_import_reads_the_vietnamese_column_label_and_defaults_to_no(daegu):
    columns = ("ref", "title", "kind", "partner_refs", "Để hết hạn")
    result = import_workbook(
        workbook(
            agreements_sheet(
                ["A-1", "Biên bản ghi nhớ", "mou", "P-DAEGU", "yes"],
                ["A-2", "Biên bản ghi nhớ", "mou", "P-DAEGU", None],
                columns=columns,
            )
        ),
        name="w.xlsx",
    )

    assert result.problems == []
    assert dict(Agreement.objects.values_list("ref", "left_to_lapse")) == {
        "A-1": True,
        "A-2": False,
    }


def test_workbook_without_the_column_leaves_the_mark_alone(daegu):
    create_agreement(ref="A-1", partners=[daegu], title="Biên bản ghi nhớ", left_to_lapse=True)
    columns = ("ref", "title", "kind", "partner_refs")

    result = import_workbook(
        workbook(
            agreements_sheet(["A-1", "Biên bản ghi nhớ mới", "mou", "P-DAEGU"], columns=columns)
        ),
        name="w.xlsx",
    )

    assert result.problems == []
    agreement = Agreement.objects.get(ref="A-1")
    assert agreement.title == "Biên bản ghi nhớ mới"
    assert agreement.left_to_lapse is True


def test_a_value_that_is_not_yes_or_no_is_a_problem(daegu):
    with override("en"):
        result = import_workbook(
            workbook(agreements_sheet(["A-1", "Biên bản ghi nhớ", "mou", "P-DAEGU", "maybe"])),
            name="w.xlsx",
        )

    assert [str(p) for p in result.problems] == [
        "agreements, row 2, left_to_lapse: “maybe” is not yes or no (also true/false, 1/0, "
        "có/không)."
    ]


def test_agreement_page_says_it_is_left_to_lapse(leader_client, in_english):
    agreement = create_agreement(expires_on=dt.date(2026, 6, 30), left_to_lapse=True)

    response = leader_client.get(f"/agreements/{agreement.pk}/")

    assert "<dt>left to lapse</dt><dd>yes</dd>" in response.content.decode()


def test_staff_marks_an_agreement_as_left_to_lapse_in_admin(staff_client, in_english):
    agreement = create_agreement(expires_on=dt.date(2026, 6, 30))

    page = staff_client.get(f"/admin/agreements/agreement/{agreement.pk}/change/")
    listed = staff_client.get("/admin/agreements/agreement/", {"left_to_lapse__exact": "0"})

    assert 'name="left_to_lapse"' in page.content.decode()
    assert list(listed.context["cl"].result_list) == [agreement]
