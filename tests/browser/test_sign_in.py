from urllib.parse import urlparse

import pytest
from django.utils import timezone

from tests.factories import create_leader

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_signs_in_and_sees_the_dashboard_in_vietnamese(page, sign_in, live_server):
    sign_in(create_leader("lanhdao"))

    assert page.url == f"{live_server.url}/"
    assert page.locator("html").get_attribute("lang") == "vi"
    # partners, agreements, inbound, outbound, events, FDI, exports, visitors
    assert page.locator(".card").count() == 8
    # Nothing is fetched from any host but the app itself.
    assert page.requested_hosts == {urlparse(live_server.url).netloc}


def test_leader_switches_to_english_and_stays_on_the_same_page(page, sign_in, live_server):
    sign_in(create_leader("lanhdao"))

    page.click(".language-switch button[value=en]")
    page.wait_for_load_state()

    assert page.url == f"{live_server.url}/"
    assert page.locator("html").get_attribute("lang") == "en"
    this_year = timezone.localdate().year
    assert page.locator("h1").inner_text() == f"The city's foreign affairs at a glance {this_year}"


def test_anonymous_visitor_only_sees_the_login_page(page, live_server):
    page.goto(f"{live_server.url}/admin/partners/partner/")

    assert "/login/" in page.url
    assert page.locator("input[name=password]").count() == 1
