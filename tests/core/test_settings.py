"""The server refuses to start with unsafe or mistyped settings; a laptop needs none."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_laptop_starts_with_no_configuration_at_all():
    result = _check()

    assert result.returncode == 0, result.stderr


def test_server_with_debug_off_refuses_to_start_without_a_secret_key():
    result = _check(DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


def test_server_with_debug_off_starts_with_a_secret_key_and_hosts():
    result = _check(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="doingoai.danang.gov.vn"
    )

    assert result.returncode == 0, result.stderr


def test_mistyped_boolean_setting_stops_the_start():
    result = _check(DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_settings_use_da_nang_time_and_vietnamese():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
