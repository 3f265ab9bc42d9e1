"""Renderings of the indicator table; they format figures, they never compute one."""

import csv
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from dashboard.indicators import COUNT, GROUPS, UNIT_LABELS
from dashboard.models import StatisticsEntry

CENT = Decimal("0.01")


def write_indicator_csv(table, stream):
    """The machine-readable table of the data contract (section 2) to a text stream:
    `indicator,unit,<year>,…`, one row per indicator in registry order, a blank cell for no value.
    """
    # "\n" rather than csv's default "\r\n": the same bytes from the command and the download,
    # and friendlier to the shell tools the command's output is piped into.
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["indicator", "unit", *table.years])
    for row in table.rows:
        writer.writerow(
            [row.key, row.unit, *(csv_value(cell.value, row.unit) for cell in row.cells)]
        )


def csv_value(value, unit):
    """A count as a whole number; USD as a plain decimal, `.` as the mark, no thousands separator,
    in its shortest exact form with at most two decimals (177000000, 213500000.5, 0.25)."""
    if value is None:
        return ""
    if unit == COUNT:
        return str(int(value))
    text = format(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP), "f")
    text = text.rstrip("0").rstrip(".")  # quantize left a "." with two digits to strip from
    return "0" if text == "-0" else text


def indicator_file_name(table, extension):
    """indicators-2020-2025.csv, or indicators-2020-2025-until-09-30.csv for year-to-date."""
    name = f"indicators-{table.first}-{table.last}"
    if table.until:
        name += "-until-{:02d}-{:02d}".format(*table.until)
    return f"{name}.{extension}"


def write_indicator_xlsx(table, stream):
    """The indicator table as a workbook for people: labels in the active language, numbers as
    numbers with a thousands format (Excel shows the reader's own separators, so a Vietnamese
    reader sees 4.530.000.000), the change on the year before as percentages, and a comment on
    statistics that are not final or carry a source."""
    # openpyxl is imported here: only workbook downloads pay for it.
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")
    sheet.append([xlsx_title(table)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header = [_("Indicator"), _("Unit")]
    header += [str(year) for year in table.years]
    header += [_("Change %(year)s") % {"year": year} for year in table.years]
    header += [_("Code")]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)

    labels = dict(GROUPS)
    group = None
    years = len(table.years)
    for row in table.rows:
        if row.indicator.group != group:
            group = row.indicator.group
            sheet.append([str(labels[group])])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True, italic=True)
        sheet.append(
            [str(row.label), str(UNIT_LABELS[row.unit])]
            + [cell.value for cell in row.cells]
            + [cell.change for cell in row.cells]
            + [row.key]
        )
        number = "#,##0" if row.unit == COUNT else "#,##0.00"
        for i, cell in enumerate(row.cells):
            value_cell = sheet.cell(sheet.max_row, 3 + i)
            value_cell.number_format = number
            sheet.cell(sheet.max_row, 3 + years + i).number_format = "0.0%"
            note = statistic_note(cell)
            if note:
                value_cell.comment = Comment(note, "")

    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.column_dimensions["A"].width = 48
    for column in range(3, 3 + 2 * years):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    workbook.save(stream)


def xlsx_title(table):
    if table.until:
        return _("Yearly indicators %(first)s–%(last)s, each year to %(day)02d/%(month)02d") % {
            "first": table.first,
            "last": table.last,
            "day": table.until[1],
            "month": table.until[0],
        }
    return _("Yearly indicators %(first)s–%(last)s") % {"first": table.first, "last": table.last}


def statistic_note(cell):
    """The status of a statistic unless it is official, and its source; "" when neither."""
    parts = []
    if cell.status and cell.status != StatisticsEntry.Status.OFFICIAL:
        parts.append(str(StatisticsEntry.Status(cell.status).label))
    if cell.source:
        parts.append(_("Source: %(source)s") % {"source": cell.source})
    return "\n".join(parts)
