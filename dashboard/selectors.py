"""Reads of the official statistics entered per year."""

from dashboard.models import StatisticsEntry


def statistics_by_year(*, first, last):
    """The statistics entries of the years `first` to `last` as {indicator: {year: entry}}, in one
    query (data contract, section 2: "the `statistics` value for (key, Y)")."""
    entries = {}
    for entry in (
        StatisticsEntry.objects.filter(year__range=(first, last))
        .order_by()
        .only("indicator", "year", "value", "status", "source")
    ):
        entries.setdefault(entry.indicator, {})[entry.year] = entry
    return entries
