"""Every record as an import workbook, and the template workbook (data contract, section 1).

`write_workbook` writes each sheet of `SHEETS`, in order, with exactly the import's column keys
(the optional ones it understands too: renews_ref, agreement_refs, status, ...) and one row per
record: dates as date cells, amounts and counts as numbers, lists `;`-joined, booleans yes/no.
`import_workbook` reads the file back as it is; imported into the same database, every row is
unchanged.

`write_template` writes the same sheets and columns with a few example rows that import cleanly
together, and on each header cell a comment with the column's Vietnamese label and what it takes.

Both are built from the sheet definitions of sheets.py, never from a list of their own, so a
column added to the import is exported and documented with no change here.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries.fields import Country, MultipleCountriesDescriptor

from dashboard.importer import values as v
from dashboard.importer.sheets import FIELD_CODES, SHEETS
from partners.reference import COOPERATION_FIELDS

# The order of the rows in each sheet; sheets keyed by `ref` are sorted by it.
ROW_ORDER = {
    "fdi_capital_changes": ("project__ref", "changed_on"),
    "statistics": ("indicator", "year"),
}


def _reference_attribute(reference):
    """What a reference column holds of the records it names: their code or their ref."""
    return "code" if reference.target == FIELD_CODES else "ref"


def sheet_records(sheet):
    """Every record of `sheet`, in a fixed order, with the records its reference columns name.

    Queries: one for the records with their foreign keys (select_related), one per
    many-to-many reference column (prefetch); never one per record.
    """
    model = sheet.model
    single = [reference.field for reference in sheet.references if not reference.many]
    many = [
        Prefetch(
            reference.field,
            queryset=model._meta.get_field(reference.field).related_model._default_manager.only(
                "pk", _reference_attribute(reference)
            ),
        )
        for reference in sheet.references
        if reference.many
    ]
    records = model._default_manager.prefetch_related(*many)
    if single:
        records = records.select_related(*single)
    return records.order_by(*ROW_ORDER.get(sheet.key, sheet.key_columns))


def record_values(sheet, record):
    """The row of `record`: one Python value per column of `sheet`, in column order."""
    references = {reference.column: reference for reference in sheet.references}
    row = []
    for column in sheet.columns:
        reference = references.get(column.key)
        if reference is None:
            value = getattr(record, column.model_field)
        elif reference.many:
            attribute = _reference_attribute(reference)
            value = sorted(
                getattr(item, attribute) for item in getattr(record, reference.field).all()
            )
        else:
            target = getattr(record, reference.field)
            value = None if target is None else getattr(target, _reference_attribute(reference))
        row.append(cell_value(value))
    return row


def cell_value(value):
    """A model value as the import reads it back: None for a blank cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Country):
        return value.code or None
    if isinstance(value, list | tuple | MultipleCountriesDescriptor):
        items = [item.code if isinstance(item, Country) else str(item) for item in value]
        return ";".join(items) or None
    if isinstance(value, Decimal):
        # A whole amount as an int, which a workbook stores exactly at any size; cents as a
        # decimal (read back as a float: exact up to 15 significant digits).
        return int(value) if value == value.to_integral_value() else value
    return value


def write_workbook(stream, *, sheets=SHEETS):
    """Every record of every sheet to `stream` as an .xlsx workbook; returns rows per sheet."""
    # openpyxl is imported here: only workbook downloads pay for it.
    from openpyxl import Workbook

    # Write-only: rows go to disk as they are written, whatever the number of records.
    workbook = Workbook(write_only=True)
    written = {}
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.key)
        worksheet.append(_header_cells(worksheet, sheet))
        count = 0
        for record in sheet_records(sheet):
            worksheet.append([_cell(worksheet, value) for value in record_values(sheet, record)])
            count += 1
        written[sheet.key] = count
    workbook.save(stream)
    return written


def _header_cells(worksheet, sheet):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, value=column.key)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _cell(worksheet, value):
    """A cell for `value`; text is always text, even when it starts with "=" like a formula."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters (pasted from other programs) cannot be stored in a workbook's XML.
    cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    # openpyxl reads "=..." as a formula: a note starting with "=" would come back blank, and a
    # spreadsheet program would evaluate it.
    cell.data_type = "s"
    return cell


# -- the template ------------------------------------------------------------------------------

# What a column takes, by its parser; choices and references are described from the model.
PARSER_HINTS = {
    v.date: gettext_lazy("A date: YYYY-MM-DD, or a date cell."),
    v.boolean: gettext_lazy("yes or no (also true/false, 1/0, có/không)."),
    v.decimal: gettext_lazy("A number in USD; . as the decimal mark, no thousands separator."),
    v.whole_number: gettext_lazy("A whole number."),
    v.year: gettext_lazy("A year of four digits."),
    v.country: gettext_lazy("An ISO 3166-1 alpha-2 country code, for example KR."),
    v.country_list: gettext_lazy(
        "ISO 3166-1 alpha-2 country codes separated by ;, for example KR;JP."
    ),
}

# Rows that import cleanly together, into an empty database as into one in use: their codes
# start with VD (ví dụ, example) and the example statistic is for a year nobody reports.
EXAMPLE_ROWS = {
    "partners": [
        {
            "ref": "VD-P-001",
            "name": "Daegu",
            "name_local": "대구광역시",
            "name_vi": "Đại Khâu",
            "kind": "locality",
            "level": "city",
            "country": "KR",
            "relationship": "friendship_cooperation",
            "danang_unit": "UBND thành phố Đà Nẵng",
            "established_on": dt.date(2015, 10, 15),
            "fields": "economy_trade;tourism",
        },
        {
            "ref": "VD-P-002",
            "name": "CITYNET",
            "kind": "network",
            "relationship": "cooperation",
            "danang_unit": "Sở Ngoại vụ",
            "established_on": dt.date(2019, 1, 1),
            "fields": "urban_development",
            "notes": "Tổ chức quốc tế: để trống quốc gia.",
        },
    ],
    "agreements": [
        {
            "ref": "VD-A-001",
            "title": "Biên bản ghi nhớ hợp tác hữu nghị Đà Nẵng – Daegu",
            "kind": "mou",
            "partner_refs": "VD-P-001",
            "danang_signatory": "UBND thành phố Đà Nẵng",
            "signed_on": dt.date(2015, 10, 15),
            "signed_at": "Daegu",
            "expires_on": dt.date(2020, 10, 14),
            "fields": "tourism",
        },
        {
            "ref": "VD-A-002",
            "title": "Thỏa thuận hợp tác giai đoạn 2024–2029",
            "kind": "cooperation_agreement",
            "partner_refs": "VD-P-001;VD-P-002",
            "danang_signatory": "UBND thành phố Đà Nẵng",
            "signed_on": dt.date(2024, 4, 2),
            "signed_at": "Đà Nẵng",
            "effective_on": dt.date(2024, 5, 1),
            "expires_on": dt.date(2029, 4, 30),
            "fields": "economy_trade;investment",
            "summary": "Gia hạn và mở rộng biên bản ghi nhớ năm 2015.",
            "renews_ref": "VD-A-001",
            "responsible_unit": "Sở Ngoại vụ",
        },
    ],
    "delegations": [
        {
            "ref": "VD-D-001",
            "direction": "inbound",
            "title": "Đoàn thành phố Daegu",
            "head_name": "Hong Joon-pyo",
            "head_title": "Thị trưởng",
            "level": "local_leader",
            "countries": "KR",
            "partner_refs": "VD-P-001",
            "start_on": dt.date(2024, 3, 1),
            "end_on": dt.date(2024, 3, 3),
            "members": 12,
            "purpose": "official",
            "city_leaders": "yes",
            "host_unit": "Sở Ngoại vụ",
            "agreement_refs": "VD-A-002",
        },
        {
            "ref": "VD-D-002",
            "direction": "outbound",
            "title": "Đoàn xúc tiến đầu tư tại Singapore và Malaysia",
            "level": "business",
            "countries": "SG;MY",
            "start_on": dt.date(2025, 5, 10),
            "end_on": dt.date(2025, 5, 14),
            "members": 8,
            "purpose": "investment_promotion",
            "city_leaders": "no",
        },
    ],
    "events": [
        {
            "ref": "VD-E-001",
            "name": "Lễ hội pháo hoa quốc tế Đà Nẵng",
            "kind": "festival",
            "start_on": dt.date(2025, 5, 31),
            "end_on": dt.date(2025, 7, 12),
            "countries": "FI;CN;PL",
            "participants": 500,
            "agreement_refs": "VD-A-002",
        },
    ],
    "fdi_projects": [
        {
            "ref": "VD-IRC-001",
            "name": "Nhà máy sản xuất thiết bị",
            "investor": "Example Co., Ltd.",
            "investor_country": "KR",
            "sector": "manufacturing",
            "location": "KCN Hòa Khánh",
            "certified_on": dt.date(2024, 5, 1),
            "registered_capital_usd": 177000000,
        },
    ],
    "fdi_capital_changes": [
        {"project_ref": "VD-IRC-001", "changed_on": dt.date(2025, 1, 15), "amount_usd": 15000000},
    ],
    "fdi_contributions": [
        {
            "ref": "VD-C-001",
            "investor": "Tokyo Capital",
            "investor_country": "JP",
            "company": "Công ty CP Du lịch Đà Nẵng",
            "contributed_on": dt.date(2025, 7, 1),
            "amount_usd": Decimal("2500000.50"),
        },
    ],
    "statistics": [
        {
            "indicator": "exports_usd",
            "year": 2000,
            "value": 1000000,
            "source": "Cục Thống kê thành phố Đà Nẵng",
            "status": "estimated",
        },
    ],
}


def column_note(sheet, column):
    """The comment on a header cell: the Vietnamese label, required or not, what it takes."""
    lines = [column.label, _("Required.") if column.required else _("Optional.")]
    reference = next((r for r in sheet.references if r.column == column.key), None)
    if reference is not None and reference.target == FIELD_CODES:
        codes = ", ".join(code for code, _vi, _en in COOPERATION_FIELDS)
        lines.append(_("Field codes separated by ;: {codes}.").format(codes=codes))
    elif reference is not None and reference.many:
        lines.append(
            _("Codes (ref) of records of the sheet {sheet}, separated by ;.").format(
                sheet=reference.target
            )
        )
    elif reference is not None:
        lines.append(
            _("The code (ref) of a record of the sheet {sheet}.").format(sheet=reference.target)
        )
    elif column.parse in PARSER_HINTS:
        lines.append(str(PARSER_HINTS[column.parse]))
    else:
        choices = sheet.model._meta.get_field(column.model_field).choices
        if choices:
            lines.append(
                _("One of: {choices}.").format(choices=", ".join(value for value, _l in choices))
            )
    return "\n".join(lines)


def write_template(stream):
    """The template workbook to `stream`: every sheet, its column keys, example rows."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.key)
        worksheet.append([column.key for column in sheet.columns])
        for cell, column in zip(worksheet[1], sheet.columns, strict=True):
            cell.font = Font(bold=column.required)
            cell.comment = Comment(column_note(sheet, column), "", width=320, height=160)
        for example in EXAMPLE_ROWS[sheet.key]:
            worksheet.append([cell_value(example.get(column.key)) for column in sheet.columns])
        worksheet["A2"].comment = Comment(
            _("Example rows: replace them with your own before importing."), ""
        )
        worksheet.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = max(
                12, len(column.key) + 4
            )
    workbook.save(stream)
