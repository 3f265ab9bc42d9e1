import io
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from agreements.reminders import reminders_due
from dashboard import uploads
from dashboard.attention import attention_sections
from dashboard.cache import note_import_succeeded
from dashboard.exports import indicator_file_name, write_indicator_csv, write_indicator_xlsx
from dashboard.forms import ImportConfirmForm, WorkbookUploadForm
from dashboard.home import card_links, charts_for, dashboard_year, home_figures, year_choices
from dashboard.importer import SHEETS, import_workbook
from dashboard.importer.export import write_template, write_workbook
from dashboard.indicators import UNIT_LABELS, YEAR_MAX, YEAR_MIN, indicator_table, parse_year_range
from dashboard.models import ImportRun
from dashboard.selectors import import_runs_recent, statistics_by_year
from dashboard.statistics import STATISTIC_KEYS
from dashboard.tasks import import_confirmed_upload


def home(request):
    """The leaders' dashboard for `?year=` (default: this year): headline cards with the change
    on the year before, charts and the partners' map, all from the indicator engine and grouped
    selectors, cached until the data changes (dashboard/home.py). A bad year gives the page with
    the message, status 400."""
    today = timezone.localdate()
    query_year = request.GET.get("year", "").strip()
    try:
        year = dashboard_year(query_year, today=today)
    except ValidationError as error:
        context = {
            "errors": error.messages,
            "query_year": query_year,
            "year_choices": year_choices(today=today),
        }
        return render(request, "dashboard/home.html", context, status=400)
    figures = home_figures(year=year)
    links = card_links(year=year, user=request.user)
    context = {
        **figures,
        "cards": [{**card, "link": links.get(card["key"])} for card in figures["cards"]],
        "charts": charts_for(figures["charts"], user=request.user),
        "previous_year": year - 1,
        "year_choices": year_choices(today=today, chosen=year),
    }
    return render(request, "dashboard/home.html", context)


@permission_required(("agreements.view_agreement", "partners.view_partner"), raise_exception=True)
def attention(request):
    """What needs the staff's attention today (dashboard/attention.py) and the expiry reminders
    `send_reminders` sends or has sent today, with their recipients; a fixed number of queries
    whatever the data."""
    today = timezone.localdate()
    context = {
        "today": today,
        "sections": attention_sections(today=today),
        "reminders": reminders_due(today=today),
    }
    return render(request, "dashboard/attention.html", context)


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


# -- the workbook import and the record export (data contract, section 1) ---------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Who may download every record: whoever may see every kind of record the workbook holds.
RECORD_VIEW_PERMISSIONS = tuple(
    f"{sheet.model._meta.app_label}.view_{sheet.model._meta.model_name}" for sheet in SHEETS
)


@permission_required("dashboard.import_workbook", raise_exception=True)
def import_upload(request):
    """The upload page: a workbook is checked by the same engine as `manage.py import_workbook`,
    in a dry run, and the page shows what importing it would do (rows to create, update or leave
    unchanged per sheet, warnings, every problem row by row). Nothing is written here; a file
    without problems is kept until staff confirm it (`import_confirm`)."""
    if request.method != "POST":
        return _render_import_page(request, {"form": WorkbookUploadForm()})
    form = WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import_page(request, {"form": form}, status=400)
    upload = form.cleaned_data["workbook"]
    file_name = Path(upload.name).name
    data = b"".join(upload.chunks())
    # The engine reads the very bytes whose hash the page shows and the confirmation carries.
    result = import_workbook(io.BytesIO(data), name=file_name, user=request.user, dry_run=True)
    pending = None
    if not result.problems:
        pending = uploads.PendingUpload(
            token=uploads.store(data),
            file_name=file_name,
            sha256=uploads.file_sha256(data),
            counts=_import_counts(result),
        )
        uploads.remember(request.session, pending)
    return _import_preview(request, result, pending=pending)


@require_POST
@permission_required("dashboard.import_workbook", raise_exception=True)
def import_confirm(request):
    """Queue a previewed file for the import worker and go to its progress page: only the
    session's own upload, and only with the SHA-256 the preview showed. Nothing is imported in
    the request: the worker (dashboard/tasks.py) hashes the stored bytes again and imports them
    only when they still have that SHA-256 and the import does what the preview said (the same
    counts); otherwise nothing is written and the progress page says why."""
    pending = uploads.recall(request.session, request.POST.get("token", ""))
    if pending is None or not pending.path.is_file():
        if pending is not None:
            # A preview is confirmed once at most, whatever happens next.
            uploads.forget(request.session, pending.token)
        messages.error(request, uploads.NOT_WAITING)
        return redirect("dashboard:import")
    form = ImportConfirmForm(request.POST)
    if not form.is_valid() or form.cleaned_data["sha256"] != pending.sha256:
        uploads.forget(request.session, pending.token)
        messages.error(request, uploads.FILE_CHANGED)
        return redirect("dashboard:import")
    if not uploads.queue(request.session, pending):
        messages.error(request, uploads.NOT_WAITING)
        return redirect("dashboard:import")
    # The run and its task are saved together: the worker never finds one without the other.
    with transaction.atomic():
        run = ImportRun.objects.create(
            file_name=pending.file_name[:255], user=request.user, sha256=pending.sha256
        )
        import_confirmed_upload.enqueue(
            run_id=run.pk,
            token=pending.token,
            preview_counts=pending.counts,
            language=translation.get_language(),
        )
    return redirect(run)


@require_GET
def import_run(request, pk):
    """One import confirmed on the upload page: while it waits and runs, a progress bar that
    static/js/import-run.js updates from `import_run_status` every second; once done, the
    records created, updated and left unchanged per sheet, or every problem row by row. The
    page is whole without JavaScript too (reload it). Whoever started the import and whoever
    may import workbooks may see it; for anyone else it does not exist."""
    run = _visible_import_run(request, pk)
    context = {
        "run": run,
        "title": _("Import of {file}").format(file=run.file_name),
        "progress": _import_run_progress(run),
        "sheet_counts": [
            (sheet.key, run.counts[sheet.key]) for sheet in SHEETS if sheet.key in run.counts
        ],
    }
    return render(request, "dashboard/import_run.html", context)


@require_GET
@never_cache
def import_run_status(request, pk):
    """Where the import stands, as JSON for the progress bar (same access as `import_run`)."""
    return JsonResponse(_import_run_progress(_visible_import_run(request, pk)))


def _visible_import_run(request, pk):
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=pk)
    if not run.visible_to(request.user):
        raise Http404
    if run.status == ImportRun.Status.SUCCEEDED:
        note_import_succeeded(run.pk)
    return run


def _import_run_progress(run):
    """The state of `run` for the progress bar: its numbers and a line saying them."""
    Status = ImportRun.Status
    determinate = (
        run.status == Status.RUNNING
        and run.phase == ImportRun.Phase.CHECKING
        and run.rows_total is not None
    )
    if run.status == Status.QUEUED:
        text = _("Waiting for the import worker to start…")
    elif run.status == Status.SUCCEEDED:
        text = _("Imported {file}.").format(file=run.file_name)
    elif run.status == Status.FAILED:
        text = _("Refused: nothing was imported.")
    elif run.phase == ImportRun.Phase.WRITING:
        text = _("Writing {rows} rows…").format(
            rows=number_format(run.rows_total or 0, force_grouping=True)
        )
    elif determinate:
        text = _("Reading and checking the rows: {done} of {total}").format(
            done=number_format(run.rows_done, force_grouping=True),
            total=number_format(run.rows_total, force_grouping=True),
        )
    else:
        text = _("Reading and checking the rows: {done}").format(
            done=number_format(run.rows_done, force_grouping=True)
        )
    return {
        "status": run.status,
        "finished": run.finished,
        "phase": run.phase,
        "rows_done": run.rows_done,
        "rows_total": run.rows_total,
        # A bar with a value only while the rows are being checked and their number is known;
        # otherwise the browser's moving bar.
        "determinate": determinate,
        "text": text,
    }


def _import_counts(result):
    return {key: counts.as_dict() for key, counts in result.counts.items()}


def _import_preview(request, result, *, pending):
    context = {
        "form": WorkbookUploadForm(),
        "result": result,
        "sheet_counts": [
            (sheet.key, result.counts[sheet.key]) for sheet in SHEETS if sheet.key in result.counts
        ],
        "pending": pending,
        "confirm_form": (
            ImportConfirmForm(initial={"token": pending.token, "sha256": pending.sha256})
            if pending is not None
            else None
        ),
    }
    return _render_import_page(request, context, status=400 if result.problems else 200)


def _render_import_page(request, context, *, status=200):
    """The upload page, with the latest imports under it (who imported which file, and what)."""
    context = {**context, "recent_imports": import_runs_recent()}
    return render(request, "dashboard/import.html", context, status=status)


def import_template(request):
    """The template workbook: every sheet of the import with its column keys, the Vietnamese
    labels as comments on the headers, and example rows that import cleanly."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-template.xlsx"'
    write_template(response)
    return response


@permission_required(RECORD_VIEW_PERMISSIONS, raise_exception=True)
def export_records(request):
    """Every record in the import's own workbook format (as `manage.py export_all`)."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    file_name = f"records-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    write_workbook(response)
    return response
