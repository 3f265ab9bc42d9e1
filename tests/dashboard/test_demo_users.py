import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from dashboard.management.commands.create_demo_users import DEMO_USERS

pytestmark = pytest.mark.django_db


def test_demo_users_sign_in_with_the_printed_logins_and_hold_their_roles(settings, capsys):
    settings.DEBUG = True

    call_command("create_demo_users")

    printed = capsys.readouterr().out
    for username, password, role, _ in DEMO_USERS:
        sign_in = RequestFactory().post("/accounts/login/")
        user = authenticate(sign_in, username=username, password=password)
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert f"{role:<15} {username:<12} {password}" in printed


def test_demo_users_are_refused_on_a_server_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="laptop"):
        call_command("create_demo_users")
