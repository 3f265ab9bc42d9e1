"""The indicator table as a page (`/indicators/`): the same numbers as the CSV, the workbook and
`manage.py indicators`, group headings, "no data", statistics badges, the year-range picker,
bad input, queries; and the city's published figures on the demo data."""

import csv
import datetime as dt
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from dashboard.demo import DEFAULT_SEED, load_demo
from dashboard.indicators import INDICATORS, indicator_table
from dashboard.models import StatisticsEntry
from delegations.models import Delegation
from tests.dashboard.figure_cells import FigureCells, decimal_or_none
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_contribution,
    create_delegation,
    create_event,
    create_leader,
    create_partner,
    create_project,
    create_statistic,
)

D = dt.date
M = 1_000_000
URL = "/indicators/"


def csv_values(text):
    rows = list(csv.reader(StringIO(text)))
    years = [int(year) for year in rows[0][2:]]
    return {
        row[0]: dict(zip(years, map(decimal_or_none, row[2:]), strict=True)) for row in rows[1:]
    }


def xlsx_values(content, years):
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(content)).active
    keys = {i.key for i in INDICATORS}
    return {
        row[-1].value: {
            year: decimal_or_none(cell.value) for year, cell in zip(years, row[2:], strict=False)
        }
        for row in sheet.iter_rows(min_row=4)
        if row[-1].value in keys
    }


@pytest.fixture
def records(db):
    partner = create_partner(name="Daegu", established_on=D(2020, 1, 1))
    create_partner(name="Sakai", country="JP", established_on=D(2023, 12, 31))
    create_agreement(partners=[partner], signed_on=D(2023, 4, 1))
    create_delegation(
        level=Delegation.Level.HEAD_OF_STATE, start_on=D(2024, 3, 1), city_leaders=True
    )
    create_delegation(direction=Delegation.Direction.OUTBOUND, start_on=D(2022, 9, 1))
    create_event(start_on=D(2023, 8, 1))
    project = create_project(certified_on=D(2023, 5, 1), registered_capital_usd=Decimal(177 * M))
    create_capital_change(project=project, changed_on=D(2024, 2, 1), amount_usd=Decimal("-0.5"))
    create_contribution(contributed_on=D(2024, 7, 1), amount_usd=Decimal("2500000.25"))
    create_statistic(indicator="exports_usd", year=2022, value=Decimal("4045000000"))
    create_statistic(
        indicator="exports_usd",
        year=2023,
        value=Decimal("4530000000.50"),
        status=StatisticsEntry.Status.PROVISIONAL,
        source="Cục Thống kê",
    )
    create_statistic(indicator="visitors_total", year=2024, value=Decimal(17_300_000))


# The same numbers everywhere


def test_page_csv_workbook_and_command_give_identical_numbers(records, leader_client):
    query = {"from": "2022", "to": "2024"}
    out = StringIO()
    call_command("indicators", "--from", "2022", "--to", "2024", stdout=out)

    page = leader_client.get(URL, query)
    download = leader_client.get("/indicators.csv", query)
    workbook = leader_client.get("/indicators.xlsx", query)

    assert page.status_code == download.status_code == workbook.status_code == 200
    from_page = FigureCells(page.content.decode()).raw_values()
    from_command = csv_values(out.getvalue())
    assert list(from_page) == [i.key for i in INDICATORS]
    assert from_page == from_command
    assert from_page == csv_values(download.content.decode())
    assert from_page == xlsx_values(workbook.content, [2022, 2023, 2024])
    assert from_page["fdi_attracted_usd"] == {
        2022: 0,
        2023: Decimal(177 * M),
        2024: Decimal("2499999.75"),
    }
    assert from_page["exports_usd"][2024] is None


def test_page_shows_values_in_vietnamese_number_style_with_their_change(records, leader_client):
    cells = FigureCells(leader_client.get(URL, {"from": "2022", "to": "2024"}).content.decode())

    exports = cells.cells["exports_usd"][2023]
    assert (exports["raw"], exports["value"], exports["change"]) == (
        "4530000000.5",
        "4,53 tỷ USD",
        "+12%",
    )
    assert cells.cells["visitors_total"][2024]["value"] == "17,3 triệu lượt"
    assert cells.cells["fdi_new_capital_usd"][2023]["value"] == "177 triệu USD"
    assert cells.cells["fdi_adjusted_capital_usd"][2024]["value"] == "-0,5 USD"
    assert cells.cells["partners_active"][2023]["value"] == "2"
    assert [cells.cells["partners_active"][y]["change"] for y in (2022, 2023, 2024)] == [
        "0%",
        "+100%",
        "0%",
    ]
    # events_hosted 0, 0, 1, 0 from 2021: no change on a year of zero, then -100%.
    assert [cells.cells["events_hosted"][y]["change"] for y in (2022, 2023, 2024)] == [
        "",
        "",
        "-100%",
    ]


@pytest.mark.usefixtures("in_english")
def test_page_in_english_uses_english_number_style(records, leader_client):
    cells = FigureCells(leader_client.get(URL, {"from": "2022", "to": "2024"}).content.decode())

    assert cells.cells["exports_usd"][2023]["value"] == "USD 4.53 billion"
    assert cells.cells["visitors_total"][2024]["value"] == "17.3 million"


@pytest.mark.usefixtures("in_english")
def test_rows_are_grouped_under_the_registry_groups(leader_client):
    page = FigureCells(leader_client.get(URL, {"from": "2024", "to": "2024"}).content.decode())

    assert page.groups == [
        "Partners",
        "Agreements",
        "Delegations and events",
        "Investment",
        "Statistics",
    ]


@pytest.mark.usefixtures("in_english")
def test_missing_statistic_shows_no_data_never_zero(records, leader_client):
    page = FigureCells(leader_client.get(URL, {"from": "2022", "to": "2024"}).content.decode())

    missing = page.cells["exports_usd"][2024]
    assert (missing["raw"], missing["value"], missing["change"]) == ("", "no data", "")
    assert page.cells["imports_usd"] == {
        year: {"raw": "", "title": "", "text": "no data", "value": "no data", "change": ""}
        | {"badge": ""}
        for year in (2022, 2023, 2024)
    }
    # Records that simply are not there count as zero: that is a figure, not missing data.
    assert page.cells["events_hosted"][2022]["value"] == "0"


@pytest.mark.usefixtures("in_english")
def test_provisional_statistic_carries_a_badge_and_its_source(records, leader_client):
    page = FigureCells(leader_client.get(URL, {"from": "2022", "to": "2024"}).content.decode())

    provisional = page.cells["exports_usd"][2023]
    assert provisional["badge"] == "provisional"
    assert provisional["title"] == "provisional\nSource: Cục Thống kê"
    official = page.cells["exports_usd"][2022]
    assert (official["badge"], official["title"]) == ("", "")


def test_provisional_badge_is_in_vietnamese_by_default(records, leader_client):
    page = FigureCells(leader_client.get(URL, {"from": "2023", "to": "2023"}).content.decode())

    assert page.cells["exports_usd"][2023]["badge"] == "sơ bộ"
    assert page.cells["exports_usd"][2023]["title"] == "sơ bộ\nNguồn: Cục Thống kê"


# The picker and the downloads


def test_page_defaults_to_six_years_up_to_this_year(leader_client):
    response = leader_client.get(URL)

    table = response.context["table"]
    assert table.years == indicator_table(first=None, last=None).years
    assert len(table.years) == 6
    assert response.context["query"] == {"from": table.first, "to": table.last, "until": ""}


def test_download_links_carry_the_same_range(leader_client):
    response = leader_client.get(URL, {"from": "2020", "to": "2025"})

    html = response.content.decode()
    assert 'href="/indicators.csv?from=2020&amp;to=2025"' in html
    assert 'href="/indicators.xlsx?from=2020&amp;to=2025"' in html
    assert 'name="from" value="2020"' in html
    assert 'name="to" value="2025"' in html


@pytest.mark.usefixtures("in_english")
def test_year_to_date_form_counts_each_year_up_to_the_day(records, leader_client):
    response = leader_client.get(URL, {"from": "2023", "to": "2024", "until": "06-30"})

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["table"].until == (6, 30)
    assert "Year to date: each year from 1 January to 30/06" in html
    assert 'name="until" value="06-30"' in html
    assert 'href="/indicators.csv?from=2023&amp;to=2024&amp;until=06-30"' in html
    page = FigureCells(html).raw_values()
    # The contribution of 1 July is not there by 30 June; the capital change of 1 February is.
    assert page["fdi_contributions_usd"] == {2023: 0, 2024: 0}
    assert page["fdi_adjusted_capital_usd"] == {2023: 0, 2024: Decimal("-0.5")}
    assert (
        page
        == FigureCells(
            leader_client.get(
                URL, {"from": "2023", "to": "2024", "until": "06-30"}
            ).content.decode()
        ).raw_values()
    )


# Bad input


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2025", "to": "2020"}, "Thứ tự năm bị ngược: năm 2025 ở sau năm 2020."),
        (
            {"from": "abc", "to": "2025"},
            "“abc” không phải là năm: hãy nhập bốn chữ số, từ 1900 đến 2100.",
        ),
    ],
)
def test_bad_range_gives_400_with_the_message_in_vietnamese_by_default(
    leader_client, query, message
):
    response = leader_client.get(URL, query)

    assert response.status_code == 400
    assert response.context["errors"] == [message]
    assert message in response.content.decode()
    assert "table" not in response.context
    # The picker keeps what was typed, to correct it.
    assert f'name="from" value="{query["from"]}"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2025", "to": "2020"}, "The years are reversed: 2025 comes after 2020."),
        ({"from": "abc", "to": "2025"}, "“abc” is not a year: give four digits from 1900 to 2100."),
        (
            {"from": "1900", "to": "2100"},
            "A table covers at most 50 years; 1900 to 2100 is 201 years.",
        ),
        (
            {"from": "2020", "to": "2025", "until": "02-30"},
            "“02-30” is not a day of the year: give it as MM-DD, for example 09-30.",
        ),
        (
            {"from": "2020", "to": "2025", "until": "9-30"},
            "“9-30” is not a day of the year: give it as MM-DD, for example 09-30.",
        ),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_bad_range_gives_400_with_the_message_in_english(leader_client, query, message):
    response = leader_client.get(URL, query)

    assert response.status_code == 400
    assert response.context["errors"] == [message]
    assert message in response.content.decode()


@pytest.mark.usefixtures("in_english")
def test_two_bad_years_give_both_messages(leader_client):
    response = leader_client.get(URL, {"from": "20x0", "to": "3000"})

    assert response.status_code == 400
    assert response.context["errors"] == [
        "“20x0” is not a year: give four digits from 1900 to 2100.",
        "“3000” is not a year: give four digits from 1900 to 2100.",
    ]


# Access and queries


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/indicators/"


def test_leader_and_staff_see_the_page_and_the_navigation_links(leader_client, staff_member):
    html = leader_client.get(URL).content.decode()

    assert 'href="/indicators/"' in html
    assert 'href="/statistics/"' in html
    leader_client.force_login(staff_member)
    assert leader_client.get(URL).status_code == 200


def test_home_page_links_to_the_indicators_and_statistics(leader_client):
    html = leader_client.get("/").content.decode()

    assert html.count('href="/indicators/"') == 2  # navigation and the home page
    assert html.count('href="/statistics/"') == 2


def _add_records(n, *, year=2021, statistics_from=2021):
    """n records of every kind over five years from `year`, n statistics from `statistics_from`."""
    partner = create_partner(established_on=D(year, 1, 1))
    for i in range(n):
        day = D(year + i % 5, 1 + i % 12, 1 + i % 28)
        create_partner(established_on=day, country=["KR", "JP", "FR"][i % 3])
        create_agreement(partners=[partner], signed_on=day)
        create_delegation(start_on=day, city_leaders=bool(i % 2))
        create_event(start_on=day)
        project = create_project(certified_on=day)
        create_capital_change(project=project)
        create_contribution(contributed_on=day)
        create_statistic(
            indicator="visitors_total",
            year=statistics_from + i,
            status=StatisticsEntry.Status.ESTIMATED,
            source="Sở Du lịch",
        )


def test_page_needs_the_same_queries_when_the_data_grows_tenfold(
    leader_client, django_assert_num_queries
):
    leader_client.get(URL)  # warm the session and user lookups
    _add_records(2)
    # session, user, the user's and the groups' permissions (for the header links), then the
    # table's: partners, agreements, delegations, events, FDI projects, capital changes,
    # contributions, statistics (8)
    with django_assert_num_queries(12):
        small = leader_client.get(URL, {"from": "2020", "to": "2025"})
    _add_records(20, year=2019, statistics_from=2000)
    with django_assert_num_queries(12):
        large = leader_client.get(URL, {"from": "2020", "to": "2025"})

    assert FigureCells(small.content.decode()).raw_values() != (
        FigureCells(large.content.decode()).raw_values()
    )


# The city's published figures, on the demo data


class DemoFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(seed=DEFAULT_SEED)
        cls.leader = create_leader()

    def setUp(self):
        self.client.force_login(self.leader)

    def command_values(self):
        out = StringIO()
        call_command("indicators", "--from", "2020", "--to", "2025", stdout=out)
        return csv_values(out.getvalue())

    def test_command_shows_the_published_figures(self):
        values = self.command_values()

        self.assertEqual(values["partners_active"][2025], 60)
        self.assertEqual(values["partner_countries"][2025], 24)
        self.assertEqual(values["agreements_signed"][2025], 10)
        self.assertTrue(213 * M <= values["fdi_attracted_usd"][2024] <= 214 * M)
        self.assertTrue(520 * M <= values["fdi_attracted_usd"][2025] <= 530 * M)
        self.assertEqual(values["exports_usd"][2025], Decimal("4530000000"))
        self.assertEqual(values["visitors_total"][2025], 17_300_000)

    def test_page_shows_the_published_figures_in_vietnamese_style(self):
        response = self.client.get(URL, {"from": "2020", "to": "2025"})

        page = FigureCells(response.content.decode())
        self.assertEqual(page.raw_values(), self.command_values())
        exports = page.cells["exports_usd"][2025]
        self.assertEqual(exports["value"], "4,53 tỷ USD")
        self.assertEqual(exports["change"], "+12%")
        self.assertEqual(page.cells["visitors_total"][2025]["value"], "17,3 triệu lượt")
        self.assertEqual(page.cells["visitors_international"][2025]["value"], "7,6 triệu lượt")
        self.assertEqual(page.cells["partners_active"][2025]["value"], "60")
        self.assertRegex(page.cells["fdi_attracted_usd"][2025]["value"], r"^52\d(,\d)? triệu USD$")
        self.assertRegex(page.cells["fdi_attracted_usd"][2024]["value"], r"^213(,\d)? triệu USD$")
        self.assertEqual(exports["badge"], "sơ bộ")

    def test_page_in_english_shows_the_published_figures_in_english_style(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch's choice

        response = self.client.get(URL, {"from": "2020", "to": "2025"})

        page = FigureCells(response.content.decode())
        self.assertEqual(page.cells["exports_usd"][2025]["value"], "USD 4.53 billion")
        self.assertEqual(page.cells["visitors_total"][2025]["value"], "17.3 million")
