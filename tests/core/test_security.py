"""What protects the app (docs/security.md): HTTPS-only production settings, the browser's security
headers and Content-Security-Policy, the sign-in lockout, passwords and sessions.

Production settings are read in a fresh process with the production environment, as a server
starts; the rest runs in the test process, whose settings are the laptop's (debug on).
"""

import datetime as dt
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import RequestFactory

from danang_intl.signin import forwarded_client_ip
from tests.factories import create_leader, create_user

ROOT = Path(__file__).resolve().parents[2]
HOST = "doingoai.danang.gov.vn"
PASSWORD = "correct-horse-battery"  # tests.factories.create_user's


def _manage(*args, tmp_path, **env):
    """`manage.py <args>` in a fresh process with only the given DJANGO_ settings and a database
    of its own that nothing here creates."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'never-created.sqlite3'}"
    environment.update(env)
    return subprocess.run(  # noqa: S603 (this test's own arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production(**env):
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
    } | env


# Asks the sign-in page over plain HTTP, over HTTPS and through a proxy that ended TLS, and prints
# what came back. The page needs no database for an anonymous visitor.
REQUESTS = f"""
import json
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

# The hashed names of production's static files exist only once collectstatic has run, which a
# fresh clone has not; the headers and cookies under test do not depend on them.
override_settings(STORAGES={{
    **settings.STORAGES,
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}).enable()

client = Client(HTTP_HOST="{HOST}")
answers = {{
    "plain": client.get("/accounts/login/"),
    "https": client.get("/accounts/login/", secure=True),
    "proxied": client.get("/accounts/login/", headers={{"x-forwarded-proto": "https"}}),
}}
print(json.dumps({{
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    **{{
        name: {{
            "status": r.status_code,
            "location": r.headers.get("Location"),
            "hsts": r.headers.get("Strict-Transport-Security"),
            "csrf_cookie_secure": bool(r.cookies["csrftoken"]["secure"])
            if "csrftoken" in r.cookies else None,
        }}
        for name, r in answers.items()
    }},
}}))
"""


def _answers(tmp_path, **env):
    result = _manage("shell", "-c", REQUESTS, tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


HSTS = "max-age=31536000; includeSubDomains; preload"


# Production settings


def test_production_settings_pass_the_deploy_check_without_a_warning(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **_production()
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_plain_http_to_https_with_hsts_and_secure_cookies(tmp_path):
    answers = _answers(tmp_path, **_production())

    assert answers["plain"] == {
        "status": 301,
        "location": f"https://{HOST}/accounts/login/",
        "hsts": None,  # a browser only trusts it over HTTPS
        "csrf_cookie_secure": None,
    }
    assert answers["https"] == {
        "status": 200,
        "location": None,
        "hsts": HSTS,
        "csrf_cookie_secure": True,
    }
    assert answers["session_cookie_secure"] is True
    assert answers["session_cookie_httponly"] is True
    # Without DJANGO_BEHIND_PROXY a forged X-Forwarded-Proto does not pass for HTTPS.
    assert answers["proxied"]["status"] == 301


def test_behind_a_proxy_its_x_forwarded_proto_says_the_visitor_used_https(tmp_path):
    answers = _answers(tmp_path, **_production(DJANGO_BEHIND_PROXY="1"))

    assert answers["proxied"] == {
        "status": 200,
        "location": None,
        "hsts": HSTS,
        "csrf_cookie_secure": True,
    }
    assert answers["plain"]["status"] == 301


def test_plain_http_switch_serves_without_redirect_and_the_deploy_check_says_so(tmp_path):
    env = _production(DJANGO_HTTPS="0")

    answers = _answers(tmp_path, **env)
    check = _manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **env)

    assert answers["plain"] == {
        "status": 200,
        "location": None,
        "hsts": None,
        "csrf_cookie_secure": False,
    }
    assert answers["session_cookie_secure"] is False
    assert check.returncode != 0
    assert "security.W008" in check.stderr  # SECURE_SSL_REDIRECT
    assert "security.W012" in check.stderr  # SESSION_COOKIE_SECURE


def test_mistyped_number_setting_stops_the_start(tmp_path):
    result = _manage("check", tmp_path=tmp_path, **_production(DJANGO_HSTS_SECONDS="a year"))

    assert result.returncode != 0
    assert "DJANGO_HSTS_SECONDS must be a whole number of at least 0; got 'a year'." in (
        result.stderr
    )


# Headers of every response, in debug too


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/partners/", "/indicators.csv"])
def test_every_response_carries_the_security_headers(leader_client, path):
    response = leader_client.get(path)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_event_handler():
    """The policy runs only the app's own script files, so a template with either is broken."""
    offenders = [
        str(template.relative_to(ROOT))
        for template in (ROOT / "templates").rglob("*.html")
        if INLINE_SCRIPT.search(template.read_text()) or EVENT_HANDLER.search(template.read_text())
    ]

    assert offenders == []


# Signing in: lockout after five failures for one user name from one address


def _sign_in(client, username, password, address="10.0.0.7"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _fail(client, username, times, address="10.0.0.7"):
    return [_sign_in(client, username, "wrong-password", address) for _ in range(times)]


LOCKED = (
    "Too many failed sign-ins with this user name. Signing in is locked for 15 minutes; try again"
    " later, or ask an administrator to unlock it."
)
MISMATCH = "Your user name and password did not match. Please try again."


@pytest.fixture
def lan(db):
    return create_leader("lan")


@pytest.mark.django_db
def test_fifth_failed_sign_in_locks_the_user_name_on_the_sign_in_page(client, in_english, lan):
    responses = _fail(client, "lan", 5)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert MISMATCH in responses[3].content.decode()
    locked = responses[4].content.decode()
    assert LOCKED in locked
    assert MISMATCH not in locked
    # Still the sign-in page, with its form and the user name typed.
    assert [t.name for t in responses[4].templates][0] == "registration/login.html"
    assert 'name="username" value="lan"' in locked


@pytest.mark.django_db
def test_right_password_is_refused_while_the_user_name_is_locked(client, in_english, lan):
    _fail(client, "lan", 5)

    response = _sign_in(client, "lan", PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert client.get("/")["Location"] == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_lock_holds_one_user_name_from_one_address_only(client, lan):
    create_leader("hoa")
    _fail(client, "lan", 5)

    assert _sign_in(client, "hoa", PASSWORD).status_code == 302  # another user, same address
    client.logout()
    assert _sign_in(client, "lan", PASSWORD, address="10.0.0.8").status_code == 302


@pytest.mark.django_db
def test_lock_ends_fifteen_minutes_after_the_last_failure(client, lan):
    _fail(client, "lan", 5)

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=14))
    assert _sign_in(client, "lan", PASSWORD).status_code == 429
    # That try restarted the wait: another 15 minutes from now.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - dt.timedelta(minutes=15, seconds=1)
    )
    response = _sign_in(client, "lan", PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/")


@pytest.mark.django_db
def test_administrator_unlocks_a_user_name_at_once(client, lan):
    _fail(client, "lan", 5)

    reset(username="lan")  # what `manage.py axes_reset_username lan` and admin's delete do
    response = _sign_in(client, "lan", PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_successful_sign_in_forgets_the_earlier_failures(client, lan):
    _fail(client, "lan", 4)
    assert _sign_in(client, "lan", PASSWORD).status_code == 302
    client.logout()

    responses = _fail(client, "lan", 4)

    assert [r.status_code for r in responses] == [200, 200, 200, 200]


@pytest.mark.django_db
def test_admin_sign_in_page_is_guarded_by_the_same_lock(client, lan):
    _fail(client, "lan", 5)

    response = client.post(
        "/admin/login/", {"username": "lan", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_test_client_login_still_works_under_the_lock_watch(client, lan):
    assert client.login(username="lan", password=PASSWORD) is True
    assert client.get("/").status_code == 200


def test_behind_the_proxy_the_visitor_is_the_address_the_proxy_appended():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="127.0.0.1"
    )

    assert forwarded_client_ip(request) == "203.0.113.9"  # not the forged 6.6.6.6
    assert forwarded_client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.7")) == "10.0.0.7"


# Passwords, sessions, signing out


@pytest.mark.django_db
def test_password_shorter_than_ten_characters_is_refused():
    user = create_user("minh")

    with pytest.raises(ValidationError) as error:
        validate_password("Qx7#mPz2w", user)  # 9 characters
    assert error.value.error_list[0].code == "password_too_short"
    validate_password("Qx7#mPz2wK", user)  # 10: accepted


@pytest.mark.django_db
def test_session_lasts_a_working_day_and_ends_with_the_browser(client, lan):
    response = _sign_in(client, "lan", PASSWORD)

    cookie = response.cookies["sessionid"]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")  # a browser-session cookie
    assert cookie["httponly"] is True
    assert client.session.get_expiry_age() == 10 * 60 * 60


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/indicators/", "/partners/", "/admin/"])
def test_sign_out_is_in_the_header_of_every_page(leader_client, path):
    page = leader_client.get(path).content.decode()

    assert '<form action="/accounts/logout/" method="post">' in page or (
        path == "/admin/" and 'id="logout-form"' in page
    )
