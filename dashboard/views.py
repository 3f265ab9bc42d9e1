from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from dashboard.exports import indicator_file_name, write_indicator_csv, write_indicator_xlsx
from dashboard.indicators import indicator_table, parse_year_range
from dashboard.selectors import record_overview


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
