import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from tests.factories import create_administrator, create_leader, create_staff_member


@pytest.fixture
def leader(db):
    return create_leader()


@pytest.fixture
def staff_member(db):
    return create_staff_member()


@pytest.fixture
def administrator(db):
    return create_administrator()


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def staff_client(client, staff_member):
    client.force_login(staff_member)
    return client


@pytest.fixture
def admin_client_role(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a database rolled back or flushed after a test sends
    no signal, so the dashboard's figures cached by one test would outlive its data."""
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def login_passes_the_request():
    """django-axes watches every authenticate() and needs the request for it (who, from where);
    the test client's login() passes none. Give it one from the test client's own address."""
    with pytest.MonkeyPatch.context() as patch:
        login = Client.login

        def login_with_a_request(self, **credentials):
            if "request" not in credentials:
                request = HttpRequest()
                request.META["REMOTE_ADDR"] = "127.0.0.1"
                credentials["request"] = request
            return login(self, **credentials)

        patch.setattr(Client, "login", login_with_a_request)
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Users are created and signed in all over the suite; the real hasher makes that slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def in_english(client):
    """The test client as a user who chose English with the language switch."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
