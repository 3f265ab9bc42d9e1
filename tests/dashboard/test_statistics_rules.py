from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from dashboard.models import StatisticsEntry
from tests.factories import create_statistic

pytestmark = pytest.mark.django_db


def test_one_statistics_value_per_indicator_and_year():
    create_statistic(indicator="exports_usd", year=2025)

    with pytest.raises(IntegrityError):
        create_statistic(indicator="exports_usd", year=2025)


def test_unknown_statistics_key_is_refused():
    entry = StatisticsEntry(indicator="happiness", year=2025, value=Decimal("1"))

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()

    assert "indicator" in refused.value.message_dict


def test_statistics_value_cannot_be_negative():
    entry = StatisticsEntry(indicator="visitors_total", year=2025, value=Decimal("-1"))

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()

    assert "value" in refused.value.message_dict


def test_statistics_entry_keeps_source_and_status():
    entry = create_statistic(source="Cục Thống kê", status=StatisticsEntry.Status.PROVISIONAL)

    assert entry.get_status_display() == "provisional"
    assert entry.source == "Cục Thống kê"
