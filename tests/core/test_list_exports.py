"""CSV and workbook downloads of the record lists (danang_intl/exports.py)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from danang_intl.exports import neutralise
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_delegation,
    create_event,
    create_partner,
    create_project,
)
from tests.lists import freeze_today

pytestmark = pytest.mark.django_db

LIST_URLS = ["/partners/", "/agreements/", "/delegations/", "/events/", "/investment/projects/"]


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def xlsx_rows(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)], sheet


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_has_the_columns_of_the_screen_in_the_users_language(
    leader_client, in_english, url, export_format
):
    page = leader_client.get(url)
    screen_labels = [str(header.label) for header in page.context["headers"]]

    response = leader_client.get(url, {"format": export_format})

    assert response.status_code == 200
    if export_format == "csv":
        header = csv_rows(response)[0]
    else:
        header = xlsx_rows(response)[0][0]
    assert header == screen_labels


def test_export_labels_are_vietnamese_by_default(leader_client):
    response = leader_client.get("/partners/", {"format": "csv"})

    assert csv_rows(response)[0][:3] == ["mã", "tên", "tên bằng chữ bản địa"]


def test_download_is_named_after_the_list_and_the_day(leader_client, monkeypatch):
    freeze_today(monkeypatch, dt.date(2025, 12, 31))

    response = leader_client.get("/agreements/", {"format": "xlsx"})

    assert response["Content-Disposition"] == 'attachment; filename="agreements-2025-12-31.xlsx"'


def test_csv_export_has_iso_dates_plain_numbers_and_names_in_every_script(
    leader_client, in_english, monkeypatch
):
    freeze_today(monkeypatch)
    daegu = create_partner(
        ref="KR-DAEGU", name="Daegu", name_local="대구광역시", established_on=dt.date(2009, 11, 18)
    )
    create_agreement(partners=[daegu])
    create_agreement(partners=[daegu])

    rows = csv_rows(leader_client.get("/partners/", {"format": "csv"}))

    assert rows[1] == [
        "KR-DAEGU",
        "Daegu",
        "대구광역시",
        "",
        "locality",
        "South Korea",
        "friendship and cooperation",
        "2009-11-18",
        "",
        "active today",
        "2",
        "0",
    ]


def test_xlsx_export_has_dates_as_dates_and_amounts_as_numbers(leader_client, in_english):
    project = create_project(
        ref="IRC-1",
        name="Nhà máy ICT VINA III",
        certified_on=dt.date(2024, 5, 1),
        registered_capital_usd=Decimal("177000000.50"),
    )
    create_capital_change(project=project, amount_usd=Decimal("-1000000"))

    rows, sheet = xlsx_rows(leader_client.get("/investment/projects/", {"format": "xlsx"}))

    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["certified on"] == dt.datetime(2024, 5, 1)  # a date cell reads back so
    assert sheet.cell(2, header.index("certified on") + 1).number_format == "DD/MM/YYYY"
    assert values["registered capital (USD)"] == pytest.approx(177000000.5)
    assert values["capital now (USD)"] == pytest.approx(176000000.5)
    assert values["project name"] == "Nhà máy ICT VINA III"
    assert values["terminated on"] is None


def test_negative_capital_stays_a_number_in_both_formats(leader_client, in_english):
    project = create_project(ref="IRC-1", registered_capital_usd=Decimal("100"))
    create_capital_change(project=project, amount_usd=Decimal("-250.25"))

    rows, _sheet = xlsx_rows(leader_client.get("/investment/projects/", {"format": "xlsx"}))
    capital_now = rows[0].index("capital now (USD)")
    assert rows[1][capital_now] == pytest.approx(-150.25)

    csv_table = csv_rows(leader_client.get("/investment/projects/", {"format": "csv"}))
    assert csv_table[1][capital_now] == "-150.25"


DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_looks_like_a_formula_is_neutralised_in_csv_and_xlsx(
    leader_client, in_english, text
):
    create_partner(ref="P-1", name=text, name_local=text)

    csv_table = csv_rows(leader_client.get("/partners/", {"format": "csv"}))
    rows, _sheet = xlsx_rows(leader_client.get("/partners/", {"format": "xlsx"}))

    assert csv_table[1][1] == "'" + text
    # XML turns a carriage return into a line feed when the workbook is read back.
    assert rows[1][1] == "'" + text.replace("\r", "\n")
    assert rows[1][2] == "'" + text.replace("\r", "\n")


def test_harmless_text_is_left_alone():
    assert neutralise("Daegu - Đà Nẵng") == "Daegu - Đà Nẵng"
    assert neutralise("대구") == "대구"
    assert neutralise("") == ""


def test_export_holds_every_filtered_record_not_only_the_page(leader_client):
    for number in range(30):
        create_event(ref=f"E-{number:02d}", countries=["KR"])
    create_event(ref="E-JP", countries=["JP"])

    csv_table = csv_rows(leader_client.get("/events/", {"format": "csv", "country": "KR"}))
    rows, _sheet = xlsx_rows(
        leader_client.get("/events/", {"format": "xlsx", "country": "KR", "page": "2"})
    )

    assert len(csv_table) == 31
    assert len(rows) == 31
    assert {row[0] for row in rows[1:]} == {f"E-{number:02d}" for number in range(30)}


def test_export_keeps_the_sort_of_the_list(leader_client):
    for number in range(3):
        create_event(ref=f"E-{number}", start_on=dt.date(2024, 1, 1 + number))

    csv_table = csv_rows(leader_client.get("/events/", {"format": "csv", "sort": "start"}))

    assert [row[0] for row in csv_table[1:]] == ["E-0", "E-1", "E-2"]


def test_export_with_an_invalid_filter_gives_the_page_with_the_message(leader_client, in_english):
    response = leader_client.get("/agreements/", {"format": "xlsx", "signed_year": "99999"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Ensure this value is less than or equal to 2100." in response.content.decode()


def test_export_is_refused_to_a_user_without_a_role(client):
    from tests.factories import create_user

    client.force_login(create_user("norole"))

    assert client.get("/partners/", {"format": "csv"}).status_code == 403


def _make_delegations(count):
    for _number in range(count):
        create_delegation(countries=["KR", "JP"]).partners.set([create_partner()])


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_costs_the_same_queries_for_ten_times_the_records(
    leader_client, django_assert_num_queries, export_format
):
    # Session, user, the user's and the group's permissions; the delegations.
    _make_delegations(3)
    with django_assert_num_queries(5):
        leader_client.get("/delegations/", {"format": export_format, "country": "KR"})
    _make_delegations(27)
    with django_assert_num_queries(5):
        leader_client.get("/delegations/", {"format": export_format, "country": "KR"})


def test_agreement_export_costs_the_same_queries_for_ten_times_the_records(
    leader_client, django_assert_num_queries
):
    # Session, user, permissions (2); the agreements; their partners.
    for _number in range(3):
        create_agreement()
    with django_assert_num_queries(6):
        leader_client.get("/agreements/", {"format": "xlsx"})
    for _number in range(27):
        create_agreement()
    with django_assert_num_queries(6):
        leader_client.get("/agreements/", {"format": "xlsx"})
