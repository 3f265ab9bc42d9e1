"""CSV and workbook downloads of any record list, with the list's own columns.

Labels and texts come in the user's language; in the workbook dates are dates and amounts are
numbers, so a reader can sum and sort them. A text that a spreadsheet would read as a formula
(it begins with =, +, -, @, a tab or a carriage return) is neutralised with a leading
apostrophe, in both formats: exported names and notes are typed in by many people, and a
formula in them would run on the reader's computer. Values that are numbers or dates are never
texts, so a negative capital change stays a number.
"""

import csv
import datetime as dt
import re
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters a sheet title may not hold, and its length limit (Excel's rules).
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_TITLE_MAX = 31


def neutralise(text):
    """`text`, with an apostrophe in front if a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def typed_value(value):
    """A value for a workbook cell: numbers and dates as such, anything else as safe text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | Decimal | dt.date):
        return value
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    return neutralise(str(value))


def csv_text(value):
    """A value for a CSV cell: ISO dates, plain numbers with "." as the mark, safe text."""
    value = typed_value(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def export_response(export_format, *, columns, objects, name, title):
    """The download of `objects` (every filtered record) as CSV or xlsx, named
    `<name>-<today>.<format>`."""
    if export_format == "csv":
        response = HttpResponse(content_type=CSV_CONTENT_TYPE)
        write_csv(response, columns, objects)
    else:
        response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
        write_xlsx(response, columns, objects, title=str(title))
    file_name = f"{name}-{timezone.localdate():%Y-%m-%d}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def write_csv(stream, columns, objects):
    # A byte order mark: Excel, which most readers open a CSV with, otherwise takes UTF-8 for
    # the local code page and garbles every Vietnamese letter.
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow([neutralise(str(column.label)) for column in columns])
    for obj in objects:
        writer.writerow([csv_text(column.value(obj)) for column in columns])


def write_xlsx(stream, columns, objects, *, title):
    # openpyxl is imported here: only workbook downloads pay for it.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.freeze_panes = "A2"
    for index in range(1, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralise(str(column.label)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for obj in objects:
        row = []
        for column in columns:
            value = typed_value(column.value(obj))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, int):
                cell.number_format = "#,##0"
            row.append(cell)
        sheet.append(row)
    workbook.save(stream)


def sheet_title(title):
    return _SHEET_TITLE_FORBIDDEN.sub(" ", title)[:_SHEET_TITLE_MAX] or "Sheet"
