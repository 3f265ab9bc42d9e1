"""A database that is down: a clear 503 page, without a traceback, and recovery by itself."""

import socket
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.factories import create_leader

pytestmark = pytest.mark.django_db

MESSAGE = (
    "The records cannot be reached at the moment: the database is not answering. Whatever you "
    "were saving has not been saved."
)


def database_down(error=OperationalError):
    """Every attempt to reach the database fails, as with the server stopped."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=error('connection to server at "127.0.0.1", port 5432 failed'),
    )


def assert_unavailable_page(response, *, language="en"):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert "Traceback" not in content
    assert "port 5432" not in content
    return content


def test_database_down_gives_the_503_page_then_the_app_recovers(
    leader_client, in_english, django_assert_num_queries
):
    with django_assert_num_queries(0), database_down():
        response = leader_client.get("/indicators/")

    content = assert_unavailable_page(response)
    assert "<h1>Temporarily unavailable</h1>" in content
    assert MESSAGE in content
    assert '<a href="/indicators/">Try again</a>' in content
    # Back up: the same client, the same session, nothing to do.
    assert leader_client.get("/indicators/").status_code == 200


def test_503_page_is_in_vietnamese_by_default(leader_client):
    with database_down():
        response = leader_client.get("/")

    assert_unavailable_page(response, language="vi")


def test_database_lost_in_the_session_middleware_gives_the_503_page(in_english):
    client = Client(raise_request_exception=False)
    client.force_login(create_leader())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    with mock.patch.object(SessionStore, "load", side_effect=InterfaceError("connection closed")):
        response = client.get("/indicators/")

    assert MESSAGE in assert_unavailable_page(response)
    assert client.get("/indicators/").status_code == 200


def test_database_lost_in_a_view_gives_the_503_page(leader_client, in_english):
    with mock.patch(
        "dashboard.views.indicator_table", side_effect=OperationalError("server closed")
    ):
        response = leader_client.get("/indicators/")

    assert MESSAGE in assert_unavailable_page(response)


def test_a_post_while_the_database_is_down_offers_the_home_page_again(leader_client, in_english):
    with database_down():
        response = leader_client.post("/i18n/setlang/", {"language": "en"})

    content = assert_unavailable_page(response)
    assert '<a href="/">Try again</a>' in content


def test_other_errors_are_not_taken_for_a_database_down(leader_client):
    with (
        mock.patch("dashboard.views.indicator_table", side_effect=ValueError("a bug")),
        pytest.raises(ValueError, match="a bug"),
    ):
        leader_client.get("/indicators/")


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real server to lose")
@pytest.mark.django_db(transaction=True)
def test_postgresql_that_cannot_be_reached_gives_the_503_page_until_it_is_back(client):
    client.force_login(create_leader())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    try:
        response = client.get("/indicators/")
    finally:
        connection.settings_dict["PORT"] = port
        connection.close()

    assert MESSAGE in assert_unavailable_page(response)
    assert client.get("/indicators/").status_code == 200
