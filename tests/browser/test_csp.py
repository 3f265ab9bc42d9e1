"""The pages work under the Content-Security-Policy: nothing is blocked and nothing errs.

A `securitypolicyviolation` listener is installed before any of the page's own scripts run (an init
script, which the policy does not govern), and the console and uncaught errors are recorded, so a
blocked inline style or script shows up here rather than as a silently broken chart.
"""

import pytest

from dashboard.demo import load_demo
from partners.models import Partner
from tests.browser.test_dashboard import assert_charts_drawn
from tests.factories import create_staff_member

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber + " " + (event.sample || "")
  );
});
"""


@pytest.fixture
def watched_page(page):
    """The page, with `page.problems()`: CSP violations, console errors and uncaught errors."""
    page.add_init_script(RECORD_VIOLATIONS)
    errors = []

    def on_console(message):
        # Chromium asks for /favicon.ico by itself; the app has none, and that is no error of it.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def problems():
        return {"violations": page.evaluate("window.__cspViolations"), "errors": list(errors)}

    page.problems = problems
    return page


def test_every_kind_of_page_works_under_the_content_security_policy(
    watched_page, sign_in, live_server
):
    load_demo()
    partner = Partner.objects.order_by("pk").first()
    sign_in(create_staff_member("chuyenvien"))
    page = watched_page

    page.goto(f"{live_server.url}/?year=2025")
    assert_charts_drawn(page)  # plotly.js drew every chart and the world map
    page.emulate_media(media="print")
    page.wait_for_selector("[data-charts-layout=print]")
    page.emulate_media(media="screen")
    assert page.problems() == {"violations": [], "errors": []}

    for path, ready in [
        ("/indicators/?first=2021&last=2025", "table.indicator-table"),
        ("/partners/", "table"),
        ("/import/", "input[name=workbook]"),
        # Where staff type the records: admin's list, form (with its widgets) and history.
        ("/admin/partners/partner/", "#result_list"),
        (f"/admin/partners/partner/{partner.pk}/change/", "#partner_form"),
        (f"/admin/partners/partner/{partner.pk}/history/", "#content"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector(ready)
        assert page.problems() == {"violations": [], "errors": []}, path


def test_an_inline_script_would_be_blocked(watched_page, sign_in, live_server):
    """The policy is really enforced: what an injected script would try is refused."""
    sign_in(create_staff_member("chuyenvien"))
    page = watched_page

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.appendChild(script);
        }"""
    )

    assert page.evaluate("window.__injected === undefined")
    assert any(v.startswith("script-src") for v in page.problems()["violations"])
