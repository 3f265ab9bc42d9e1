"""Browser tests: Debian's chromium driven by Playwright against the live test server.

No browser is ever downloaded: Playwright starts /usr/bin/chromium. Every request the page makes
is recorded, so a test can assert that nothing left for another host.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API keeps an event loop running in the test's thread; the ORM calls the
# tests make around it (creating users and records) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is needed for browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page in a fresh context; `page.requested_hosts` collects every host it asked."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).netloc))
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    """Sign a user in through the login form, as a person would."""

    def sign_in_as(user, password="correct-horse-battery"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("section.login button[type=submit]")
        page.wait_for_load_state()
        return page

    return sign_in_as
