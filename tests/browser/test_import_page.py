"""Staff import a workbook through the upload page, in the browser, as a person would."""

from urllib.parse import urlparse

import pytest

from dashboard.models import ImportRun
from tests.dashboard.test_import import EXPECTED_COUNTS, VALID_SHEETS, record_counts, write_workbook
from tests.dashboard.test_import_page import BAD_PROBLEMS, BAD_SHEETS
from tests.factories import create_staff_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_staff_previews_a_workbook_with_problems_then_imports_a_valid_one(
    page, sign_in, live_server, tmp_path
):
    staff = create_staff_member("chuyenvien")
    bad = write_workbook(tmp_path / "bad.xlsx", BAD_SHEETS)
    valid = write_workbook(tmp_path / "ban-ngoai-vu.xlsx", VALID_SHEETS)
    sign_in(staff)

    page.click("header nav a[href='/import/']")
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/import/"
    assert page.locator("html").get_attribute("lang") == "vi"

    # A workbook with problems: every problem in the table, no way to confirm.
    page.set_input_files("input[name=workbook]", str(bad))
    page.click("button.preview-button")
    page.wait_for_load_state()
    rows = page.locator(".problem-table tbody tr")
    assert rows.count() == len(BAD_PROBLEMS)
    assert rows.nth(0).locator("td").all_inner_texts()[:3] == ["partners", "3", "kind"]
    assert rows.nth(1).locator("td").all_inner_texts()[:3] == ["agreements", "2", "partner_refs"]
    # The engine's messages are in Vietnamese (the default language) where translated.
    assert "P-404" in rows.nth(1).locator("td.message").inner_text()
    assert page.locator(".confirm-button").count() == 0
    assert set(record_counts().values()) == {0}

    # A valid workbook: the counts per sheet, then the confirmation.
    page.set_input_files("input[name=workbook]", str(valid))
    page.click("button.preview-button")
    page.wait_for_load_state()
    assert page.locator(".problem-table").count() == 0
    for sheet, created in EXPECTED_COUNTS.items():
        row = page.locator(f".count-table tr[data-sheet={sheet}]")
        assert row.locator(".created").inner_text() == str(created)
        assert row.locator(".updated").inner_text() == "0"
    assert set(record_counts().values()) == {0}

    page.click(".confirm-button")
    page.wait_for_load_state()

    assert page.url == f"{live_server.url}/import/"
    success = page.locator(".messages li.success")
    assert success.first.inner_text() == "Đã nhập dữ liệu từ ban-ngoai-vu.xlsx."
    assert success.nth(1).inner_text().startswith("partners: 3")
    assert record_counts() == EXPECTED_COUNTS
    assert ImportRun.objects.get().user == staff
    assert page.requested_hosts == {urlparse(live_server.url).netloc}
