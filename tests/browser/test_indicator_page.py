"""The indicator page in a browser: a leader picks the years, reads the table, and prints it on one
A4 landscape page without the navigation; nothing is fetched from another host."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from dashboard.models import StatisticsEntry
from tests.factories import (
    create_agreement,
    create_contribution,
    create_delegation,
    create_event,
    create_leader,
    create_partner,
    create_project,
    create_statistic,
)

pytestmark = pytest.mark.django_db(transaction=True)

D = dt.date
# A PDF page object, not the page tree ("/Type /Pages").
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


@pytest.fixture
def records():
    daegu = create_partner(name="Daegu", established_on=D(2019, 5, 1))
    create_partner(name="Genova", country="IT", established_on=D(2025, 3, 1))
    create_agreement(partners=[daegu], signed_on=D(2024, 4, 1))
    create_delegation(start_on=D(2024, 3, 1), city_leaders=True)
    create_event(start_on=D(2023, 8, 1))
    create_project(certified_on=D(2024, 5, 1), registered_capital_usd=Decimal(177_000_000))
    create_contribution(contributed_on=D(2025, 7, 1), amount_usd=Decimal(2_500_000))
    create_statistic(indicator="exports_usd", year=2024, value=Decimal("4045000000"))
    create_statistic(
        indicator="exports_usd",
        year=2025,
        value=Decimal("4530000000"),
        status=StatisticsEntry.Status.PROVISIONAL,
        source="Cục Thống kê thành phố Đà Nẵng",
    )
    create_statistic(indicator="visitors_total", year=2025, value=Decimal(17_300_000))


def open_six_years(page, live_server):
    page.click(".site-header nav a[href='/indicators/']")
    page.wait_for_load_state()
    page.fill("#id_from", "2020")
    page.fill("#id_to", "2025")
    page.click(".range-picker button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.usefixtures("records")
def test_leader_picks_six_years_reads_the_table_and_prints_it_on_one_page(
    page, sign_in, live_server
):
    sign_in(create_leader("lanhdao"))

    open_six_years(page, live_server)

    assert page.url == f"{live_server.url}/indicators/?from=2020&to=2025&until="
    assert page.locator("thead th.year").all_inner_texts() == [str(y) for y in range(2020, 2026)]
    assert page.locator("tr[data-key]").count() == 24
    assert page.locator("tr.group-heading").count() == 5
    exports = page.locator("tr[data-key=exports_usd] td[data-year='2025']")
    assert exports.locator(".value").inner_text() == "4,53 tỷ USD"
    assert exports.locator(".change").inner_text() == "+12%"
    assert exports.locator(".badge").is_visible()
    assert exports.get_attribute("title").endswith("Cục Thống kê thành phố Đà Nẵng")
    visitors = page.locator("tr[data-key=visitors_total] td[data-year='2025'] .value")
    assert visitors.inner_text() == "17,3 triệu lượt"

    page.emulate_media(media="print")

    assert page.locator(".site-header nav").is_hidden()
    assert page.locator(".range-picker").is_hidden()
    assert page.locator(".indicator-table").is_visible()
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    assert len(PDF_PAGE.findall(pdf)) == 1
    # Nothing is fetched from any host but the app itself.
    assert page.requested_hosts == {urlparse(live_server.url).netloc}


@pytest.mark.usefixtures("records")
def test_table_in_english_prints_on_one_page_too(page, sign_in, live_server):
    sign_in(create_leader("lanhdao"))
    page.click(".language-switch button[value=en]")
    page.wait_for_load_state()

    open_six_years(page, live_server)

    assert page.locator("html").get_attribute("lang") == "en"
    exports = page.locator("tr[data-key=exports_usd] td[data-year='2025'] .value")
    assert exports.inner_text() == "USD 4.53 billion"
    page.emulate_media(media="print")
    assert len(PDF_PAGE.findall(page.pdf(format="A4", landscape=True))) == 1


def test_leader_asks_for_the_first_nine_months_of_each_year(page, sign_in, live_server):
    sign_in(create_leader("lanhdao"))
    page.goto(f"{live_server.url}/indicators/?from=2024&to=2025")

    page.fill("#id_until", "09-30")
    page.click(".range-picker button[type=submit]")
    page.wait_for_load_state()

    assert page.url == f"{live_server.url}/indicators/?from=2024&to=2025&until=09-30"
    assert page.locator("#id_until").input_value() == "09-30"
    assert "30/09" in page.locator(".period").inner_text()
    csv_link = page.locator(".downloads a").first.get_attribute("href")
    assert csv_link == "/indicators.csv?from=2024&to=2025&until=09-30"


def test_reversed_years_show_the_message_on_the_page(page, sign_in, live_server):
    sign_in(create_leader("lanhdao"))
    page.goto(f"{live_server.url}/indicators/")

    page.fill("#id_from", "2025")
    page.fill("#id_to", "2020")
    page.click(".range-picker button[type=submit]")
    page.wait_for_load_state()

    assert page.locator(".errorlist").inner_text() == (
        "Thứ tự năm bị ngược: năm 2025 ở sau năm 2020."
    )
    assert page.locator(".indicator-table").count() == 0
