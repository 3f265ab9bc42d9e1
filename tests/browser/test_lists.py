"""Looking records up in the browser: the header's search in any script, a filtered list and its
workbook download."""

import datetime as dt

import openpyxl
import pytest
from django.utils import timezone

from tests.factories import (
    create_agreement,
    create_event,
    create_partner,
    create_staff_member,
)

pytestmark = pytest.mark.django_db(transaction=True)


def search_from_header(page, query):
    page.fill(".header-search input[name=q]", query)
    page.press(".header-search input[name=q]", "Enter")
    page.wait_for_load_state()


def section_links(page, index):
    """The record links of one section of the search page (0: partners ... 4: FDI projects)."""
    section = page.locator(".search-section").nth(index)
    return section.locator("tbody a").all_inner_texts()


def test_header_search_finds_daegu_by_its_korean_name(page, sign_in, live_server):
    create_partner(ref="KR-DAEGU", name="Daegu", name_local="대구광역시")
    create_partner(ref="KR-BUSAN", name="Busan", name_local="부산광역시")
    sign_in(create_staff_member("nhanvien"))

    search_from_header(page, "대구")

    assert page.url.startswith(f"{live_server.url}/search/?q=")
    assert section_links(page, 0) == ["Daegu"]
    page.locator(".search-section").first.get_by_role("link", name="Daegu").click()
    page.wait_for_url(f"{live_server.url}/partners/*/")
    assert page.locator("h1").inner_text().startswith("Daegu")


def test_header_search_finds_da_nang_without_accents(page, sign_in, live_server):
    create_event(ref="E-DIFF", name="Lễ hội pháo hoa quốc tế Đà Nẵng")
    create_event(ref="E-LANTERN", name="Lễ hội đèn lồng Hội An")
    sign_in(create_staff_member("nhanvien"))

    search_from_header(page, "da nang")

    assert section_links(page, 3) == ["Lễ hội pháo hoa quốc tế Đà Nẵng"]


def test_agreements_expiring_this_year_are_filtered_and_downloaded(
    page, sign_in, live_server, tmp_path
):
    this_year = timezone.localdate().year
    daegu = create_partner(ref="KR-DAEGU", name="Daegu")
    create_agreement(
        ref="A-ENDS-THIS-YEAR",
        title="Biên bản ghi nhớ hết hạn năm nay",
        partners=[daegu],
        signed_on=dt.date(this_year - 3, 1, 1),
        expires_on=dt.date(this_year, 12, 31),
    )
    create_agreement(
        ref="A-ENDS-NEXT-YEAR",
        partners=[daegu],
        signed_on=dt.date(this_year - 3, 1, 1),
        expires_on=dt.date(this_year + 1, 1, 1),
    )
    create_agreement(ref="A-NO-END", partners=[daegu], signed_on=dt.date(this_year - 1, 1, 1))
    sign_in(create_staff_member("nhanvien"))

    page.goto(f"{live_server.url}/agreements/")
    page.click(".filter-fields summary")
    page.fill("#id_expires_year", str(this_year))
    page.click(".filter-actions button[type=submit]")
    page.wait_for_load_state()

    rows = page.locator(".record-table tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text() == "A-ENDS-THIS-YEAR"

    with page.expect_download() as download_info:
        page.click(".downloads a:has-text('xlsx')")
    download = download_info.value
    assert download.suggested_filename.startswith("agreements-")
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(table) == 2
    assert table[0][:2] == ["mã", "tiêu đề"]
    assert table[1][0] == "A-ENDS-THIS-YEAR"
    assert table[1][1] == "Biên bản ghi nhớ hết hạn năm nay"
    assert table[1][3] == "Daegu"
    assert table[1][5] == dt.datetime(this_year, 12, 31)
