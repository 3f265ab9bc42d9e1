from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from dashboard.exports import indicator_file_name, write_indicator_csv, write_indicator_xlsx
from dashboard.indicators import UNIT_LABELS, YEAR_MAX, YEAR_MIN, indicator_table, parse_year_range
from dashboard.selectors import record_overview, statistics_by_year
from dashboard.statistics import STATISTIC_KEYS


def home(request):
    today = timezone.localdate()
    return render(
        request, "dashboard/home.html", {"today": today, "overview": record_overview(day=today)}
    )


def indicators_csv(request):
    """The indicator table as CSV (data contract, section 2), `?from=2020&to=2025[&until=MM-DD]`;
    by default the six years up to this one."""
    return _indicator_download(request, "csv", "text/csv; charset=utf-8", write_indicator_csv)


def indicators_xlsx(request):
    """The same table as a workbook, with labels in the user's language."""
    return _indicator_download(
        request,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        write_indicator_xlsx,
    )


def _indicator_download(request, extension, content_type, write):
    try:
        first, last = parse_year_range(request.GET.get("from"), request.GET.get("to"))
        table = indicator_table(first=first, last=last, until=request.GET.get("until"))
    except ValidationError as error:
        return HttpResponseBadRequest(
            " ".join(error.messages), content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{indicator_file_name(table, extension)}"'
    )
    write(table, response)
    return response


def indicators(request):
    """The yearly indicator table as a page (data contract, section 2), read from the same query
    as `/indicators.csv`: `?from=2020&to=2025[&until=MM-DD]`. It renders `indicator_table` and
    computes no figure; bad input gives the page again with the message, status 400."""
    query = {name: request.GET.get(name, "").strip() for name in ("from", "to", "until")}
    try:
        first, last = parse_year_range(query["from"], query["to"])
        table = indicator_table(first=first, last=last, until=query["until"])
    except ValidationError as error:
        context = {"query": query, "errors": error.messages}
        return render(request, "dashboard/indicators.html", context, status=400)
    # The picker and the download links carry the range as the engine read it, defaults filled.
    until = "{:02d}-{:02d}".format(*table.until) if table.until else ""
    query = {"from": table.first, "to": table.last, "until": until}
    context = {
        "table": table,
        "query": query,
        "download_query": urlencode({name: value for name, value in query.items() if value}),
    }
    return render(request, "dashboard/indicators.html", context)


@permission_required("dashboard.view_statisticsentry", raise_exception=True)
def statistics(request):
    """The statistics keys staff may enter (dashboard/statistics.py) with their labels and
    units, and the values entered per year; the values in one query."""
    entries = statistics_by_year(first=YEAR_MIN, last=YEAR_MAX)
    years = sorted({year for by_year in entries.values() for year in by_year})
    rows = [
        {
            "key": key,
            "unit": UNIT_LABELS[key.unit],
            "entries": [entries.get(key.key, {}).get(year) for year in years],
        }
        for key in STATISTIC_KEYS
    ]
    return render(request, "dashboard/statistics.html", {"years": years, "rows": rows})
