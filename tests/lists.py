"""Helpers of the record list tests (danang_intl/lists.py and the five lists)."""

import datetime as dt

from django.utils import timezone

# The fixed "today" of the list tests: status filters and columns are about today.
TODAY = dt.date(2025, 12, 31)


def freeze_today(monkeypatch, day=TODAY):
    """Make `timezone.localdate()` return `day` for the code under test."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day


def listed_refs(response):
    """The codes of the records a list page shows, in the order shown."""
    return [record.ref for record, _cells in response.context["rows"]]


def listed_set(response):
    return set(listed_refs(response))


def column_texts(response, label):
    """The cell texts of the column headed `label` (in the active language)."""
    index = [str(header.label) for header in response.context["headers"]].index(label)
    return [cells[index].text for _record, cells in response.context["rows"]]
