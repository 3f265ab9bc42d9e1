"""Reads of the official statistics entered per year and of the record of imports."""

from dashboard.models import ImportRun, StatisticsEntry


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


# The imports the upload page lists; the admin ("Imports") has them all.
RECENT_IMPORTS_SHOWN = 10


def import_runs_recent(*, limit=RECENT_IMPORTS_SHOWN):
    """The latest imports, newest first, each with its user and, summed over its sheets, the
    records it created, updated and left unchanged (`created`, `updated`, `unchanged`); one
    query."""
    runs = list(ImportRun.objects.select_related("user").order_by("-started_at", "-pk")[:limit])
    for run in runs:
        for key in ("created", "updated", "unchanged"):
            setattr(run, key, sum(counts.get(key, 0) for counts in run.counts.values()))
    return runs
