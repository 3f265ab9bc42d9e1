"""A leader reads the dashboard of 2025 on the demo data, in Vietnamese and in English, and
prints it on one A4 landscape page; nothing is fetched from another host.

With DASHBOARD_SCREENSHOTS=1 the test also writes docs/screenshots/dashboard-vi.png and
dashboard-en.png (the pictures of the README).
"""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from dashboard.demo import load_demo
from tests.factories import create_leader

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
CHARTS = (
    "partners-map",
    "fdi-attracted",
    "fdi-by-country",
    "fdi-by-sector",
    "delegations",
    "agreements",
    "partners",
)
# The headline figure of each card in the demo data of 2025.
FIGURES_VI = {
    "partners": "60",
    "agreements": "10",
    "delegations_inbound": "2.640",
    "delegations_outbound": "28",
    "events": "20",
    "fdi": "525 triệu USD",
    "exports": "4,53 tỷ USD",
    "visitors": "17,3 triệu lượt",
}
FIGURES_EN = {
    "partners": "60",
    "agreements": "10",
    "delegations_inbound": "2,640",
    "delegations_outbound": "28",
    "events": "20",
    "fdi": "USD 525 million",
    "exports": "USD 4.53 billion",
    "visitors": "17.3 million",
}


@pytest.fixture
def demo_data():
    load_demo()


def headline(page, card):
    """The headline figure of a card, without its badge."""
    figure = page.locator(f'[data-card="{card}"] .figure')
    text = figure.inner_text()
    badge = figure.locator(".badge")
    if badge.count():
        text = text.replace(badge.inner_text(), "")
    return text.strip()


def assert_charts_drawn(page):
    page.wait_for_selector("[data-charts-layout=screen]")
    for chart in CHARTS:
        assert page.locator(f"#chart-{chart} .chart-plot svg.main-svg").count() >= 1, chart
    # The world map: its geo layer, and one shape per country with partners (24 in 2025).
    assert page.locator("#chart-partners-map g.geolayer").count() == 1
    page.wait_for_function(
        "document.querySelectorAll('#chart-partners-map path.choroplethlocation').length >= 24"
    )


def save_screenshot(page, name):
    if os.environ.get("DASHBOARD_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size < 1_000_000, f"{path} is over 1 MB"


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_leader_reads_the_dashboard_in_both_languages_and_prints_it(
    page, sign_in, live_server, demo_data
):
    sign_in(create_leader("lanhdao"))

    page.select_option("#id_year", "2025")
    # Wait for the new page itself: load state alone may be the old page's.
    with page.expect_navigation():
        page.click(".year-picker button[type=submit]")

    assert page.url == f"{live_server.url}/?year=2025"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".card").count() == len(FIGURES_VI)
    assert {card: headline(page, card) for card in FIGURES_VI} == FIGURES_VI
    partners = page.locator('[data-card="partners"] [data-key="partner_countries"]')
    assert partners.inner_text() == "24"
    assert page.locator('[data-card="exports"] .badge').inner_text() == "sơ bộ"
    assert "Báo cáo Ban Chỉ đạo hội nhập quốc tế thành phố" in (
        page.locator('[data-card="exports"] .source').inner_text()
    )
    assert_charts_drawn(page)
    save_screenshot(page, "dashboard-vi.png")

    with page.expect_navigation():
        page.click(".language-switch button[value=en]")

    assert page.url == f"{live_server.url}/?year=2025"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "The city's foreign affairs at a glance 2025"
    assert page.locator('[data-card="partners"] h2').inner_text() == (
        "Partner localities with an active relationship"
    )
    assert {card: headline(page, card) for card in FIGURES_EN} == FIGURES_EN
    assert page.locator('[data-card="exports"] .badge').inner_text() == "provisional"
    assert_charts_drawn(page)
    assert page.locator("#chart-fdi-attracted .gtitle").text_content() == (
        "FDI attracted per year, 2016–2025"
    )
    save_screenshot(page, "dashboard-en.png")

    page.emulate_media(media="print")
    page.wait_for_selector("[data-charts-layout=print]")

    assert page.locator(".year-picker").is_hidden()
    assert page.locator(".chart-numbers").first.is_hidden()
    assert page.locator("#chart-fdi-attracted svg.main-svg").first.is_visible()
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert pdf_pages(pdf) == 1

    # Nothing was fetched from any host but the app itself: no CDN for plotly nor its map.
    assert page.requested_hosts == {urlparse(live_server.url).netloc}


def test_the_numbers_of_a_chart_open_as_a_table(page, sign_in, live_server, demo_data):
    sign_in(create_leader("lanhdao"))
    page.goto(f"{live_server.url}/?year=2025")

    table = page.locator("#chart-fdi-attracted table")
    assert table.is_hidden()
    page.click("#chart-fdi-attracted summary")

    assert table.is_visible()
    last_row = table.locator("tbody tr").last
    assert last_row.locator("th").inner_text() == "2025"
    assert last_row.locator("td").last.inner_text() == "525 triệu USD"


def test_clicking_a_country_on_the_map_opens_its_partners(page, sign_in, live_server, demo_data):
    sign_in(create_leader("lanhdao"))
    page.goto(f"{live_server.url}/?year=2025")
    assert_charts_drawn(page)
    figure = json.loads(page.locator("#figure-partners-map").text_content())
    first_country = page.locator("#chart-partners-map path.choroplethlocation").first

    first_country.scroll_into_view_if_needed()
    box = first_country.bounding_box()

    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    page.wait_for_url(f"{live_server.url}{figure['links'][0][0]}")
    assert page.locator("table tbody tr").count() > 0
