"""The dashboard's figures through Redis, the cache of production (REDIS_URL).

The rest of the suite runs on the local-memory cache; these tests point Django's cache at a real
Redis (TEST_REDIS_URL, else redis://127.0.0.1:6379/14, emptied before and after). They are
skipped on a laptop without Redis, and fail in CI, which sets TEST_REDIS_URL and starts Redis.
"""

import datetime as dt
import os

import pytest
import redis

from dashboard.cache import DATA_VERSION_KEY
from dashboard.importer import import_workbook
from tests.dashboard.test_home import add_records, shown_figures
from tests.dashboard.test_import import PARTNER_HEADER, write_csv_folder
from tests.factories import create_partner

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def redis_cache(settings):
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        if "TEST_REDIS_URL" in os.environ:
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    server.flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    yield server
    server.flushdb()


def test_figures_are_served_from_redis_until_a_record_is_saved(
    redis_cache, leader_client, django_assert_num_queries
):
    add_records()
    assert shown_figures(leader_client.get("/?year=2025"))["partners_active"] == "2"
    assert any(key.startswith(b":1:dashboard:") for key in redis_cache.keys())

    # session, user, permissions (2): the figures come from Redis
    with django_assert_num_queries(4):
        leader_client.get("/?year=2025")

    create_partner(name="Busan", country="KR", established_on=dt.date(2022, 11, 9))

    assert shown_figures(leader_client.get("/?year=2025"))["partners_active"] == "3"


def test_an_import_gives_the_data_a_new_version_in_redis(redis_cache, leader_client, tmp_path):
    add_records()
    leader_client.get("/?year=2025")
    version_before = redis_cache.get(f":1:{DATA_VERSION_KEY}")
    folder = write_csv_folder(
        tmp_path / "csv",
        {"partners": [PARTNER_HEADER, ["P-HUE", "Hue", "locality", "JP", "2021-01-01"]]},
    )

    assert import_workbook(folder).imported

    assert redis_cache.get(f":1:{DATA_VERSION_KEY}") != version_before
    assert shown_figures(leader_client.get("/?year=2025"))["partners_active"] == "3"
