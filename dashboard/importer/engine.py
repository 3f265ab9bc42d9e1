"""The all-or-nothing import of a workbook (data contract, section 1).

    result = import_workbook("ban-ngoai-vu-2025.xlsx", user=request.user)

1. Read every sheet in dependency order (partners before the agreements that name them, ...),
   a batch of rows at a time. Parse each cell, build the record a row describes (the saved
   record when its key is already in the database, with the row's values on top), run the
   model's own validation, tell a new record from a changed or unchanged one, and stream the
   row into the sheet's staging table (staging.py). Memory holds one batch, whatever the file.
2. Check what spans rows with one query per rule over the staging tables: duplicate keys within
   a sheet, references to records that neither the file nor the database has, renewals that
   loop, capital changes dated before their project's certification.
3. Only when no problem was found anywhere, write every sheet from its staging table, within the
   same transaction.

The upload page (through the import worker, dashboard/tasks.py) and `manage.py import_workbook`
both call `import_workbook`. Its `progress` callback hears where the import stands
(`ImportProgress`): rows read and checked out of the rows the file holds, then the writing.
"""

import itertools
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from agreements.partner_columns import refresh_partner_columns
from danang_intl.search import SEARCHED_ATTRIBUTES, search_text_for
from dashboard.cache import bump_data_version
from dashboard.importer import values as v
from dashboard.importer.bulk import record_values
from dashboard.importer.locking import import_lock
from dashboard.importer.problems import (
    CHECKING,
    WRITING,
    ImportProgress,
    ImportResult,
    Problem,
    SheetCounts,
)
from dashboard.importer.readers import UnreadableSheet, open_source
from dashboard.importer.sheets import FIELD_CODES, SHEETS, SHEETS_BY_KEY, sheet_names
from dashboard.importer.staging import (
    CREATE,
    INVALID,
    KEY_COLUMN_ROLES,
    UNCHANGED,
    UPDATE,
    Staging,
    code_attribute,
    through_fields,
)
from dashboard.importer.validation import SheetRules
from dashboard.models import ImportRun
from partners.models import CooperationField

# A line for the log is reported every this many rows, so a small file stays quiet.
PROGRESS_EVERY = 10_000
# The numbers for a progress bar are reported every this many rows checked: often enough for a
# bar that moves every second, rarely enough to cost nothing next to checking the rows.
PROGRESS_TICK = 100
# Rows checked and staged together: one lookup of their saved records, one COPY. What the import
# holds in memory at a time.
BATCH_ROWS = 2_000
# Values per `__in` lookup: below SQLite's oldest limit of 999 bound parameters.
LOOKUP_CHUNK = 900


def chunks(items, size=LOOKUP_CHUNK):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@dataclass
class SheetState:
    sheet: object
    title: str
    present: list[str] = field(default_factory=list)
    stage: object = None
    counts: SheetCounts = field(default_factory=SheetCounts)
    compared_fields: list | None = None
    rules: SheetRules = None
    # False when the sheet could not be read: its refs are unknown, so references to it are not
    # reported as dangling (that would bury the real problem under noise).
    readable: bool = True


class WorkbookImport:
    """One run of the import; use `import_workbook` rather than this class directly."""

    def __init__(
        self, *, file_name, user=None, progress=None, reason=None, run=None, expected_counts=None
    ):
        self.file_name = file_name
        self.user = user
        self.progress = progress
        # The queued ImportRun to complete (upload page), rather than a new one.
        self.run_record = run
        # The counts the preview showed: anything else is not what staff confirmed.
        self.expected_counts = expected_counts
        self.rows_checked = 0
        self.rows_total = None
        self.reason = reason or _("Import of {file}").format(file=file_name)
        # One moment for the whole import: its history rows all carry it.
        self.started_at = timezone.now()
        self.result = ImportResult(file_name)
        self.states = {}
        self.field_codes = set()
        self.staging = None

    # -- reporting -----------------------------------------------------------------------------

    def problem(self, sheet, row, column, message):
        self.result.problems.append(Problem(sheet, row, column, str(message)))

    def warning(self, sheet, row, column, message):
        self.result.warnings.append(Problem(sheet, row, column, str(message)))

    def report_progress(self, phase, message=""):
        if self.progress is not None:
            total = self.rows_total
            if total is not None:
                # The reader's count is an estimate; a bar never goes past its end.
                total = max(total, self.rows_checked)
            self.progress(ImportProgress(phase, self.rows_checked, total, message))

    # -- the run -------------------------------------------------------------------------------

    def run(self, source, *, name=None, dry_run=False):
        with open_source(source, sheet_keys=sheet_names(), name=name) as opened:
            self.result.problems.extend(opened.problems)
            self.result.warnings.extend(opened.warnings)
            if opened.problems:
                return self.result
            if not opened.sheets:
                self.problem(
                    self.file_name,
                    None,
                    "",
                    _("There is no sheet to import; the sheets are named {sheets}.").format(
                        sheets=", ".join(sheet.key for sheet in SHEETS)
                    ),
                )
                return self.result
            # The staging tables live in this transaction (on PostgreSQL, the import lock's).
            with transaction.atomic():
                self.staging = Staging()
                self.check_and_write(opened, dry_run=dry_run)
                self.staging.drop()
        return self.result

    def check_and_write(self, opened, *, dry_run):
        self.field_codes = set(CooperationField.objects.values_list("code", flat=True))
        if self.progress is not None:
            self.rows_total = self.count_rows(opened.sheets)
            self.report_progress(CHECKING)
        for sheet in SHEETS:
            if sheet.key in opened.sheets:
                self.check_sheet(sheet, opened.sheets[sheet.key])
        if not self.states and not self.result.problems:
            self.problem(
                self.file_name, None, "", _("There is nothing to import: every sheet is empty.")
            )
        for state in self.states.values():
            if state.stage is not None:
                state.stage.analyze()
        self.check_across_rows()
        self.result.problems.sort(key=self._problem_order)
        if not self.result.problems:
            self.write(dry_run=dry_run)

    @staticmethod
    def count_rows(sheets):
        """The data rows of every sheet as the readers estimate them, or None if one cannot."""
        total = 0
        for source in sheets.values():
            rows = source.count_rows()
            if rows is None:
                return None
            total += rows
        return total

    def _problem_order(self, problem):
        sheet = SHEETS_BY_KEY.get(problem.sheet)
        if sheet is None:
            return (-1, 0, 0)
        order = list(sheet.columns_by_key)
        column = order.index(problem.column) if problem.column in order else len(order)
        return (SHEETS.index(sheet), problem.row or 0, column)

    # -- reading and checking one sheet --------------------------------------------------------

    def check_sheet(self, sheet, source):
        state = SheetState(sheet, source.title, rules=SheetRules(sheet))
        self.states[sheet.key] = state
        try:
            rows = source.rows()
            layout = self.read_header(state, rows)
            if layout is None:
                return
            state.stage = self.staging.add(sheet, state.present)
            # Problems of the rows already checked, to forget if the sheet turns out unreadable.
            first_row_problem = len(self.result.problems)
            for batch in chunks(self.parse_rows(state, layout, rows), BATCH_ROWS):
                self.check_batch(state, batch)
        except UnreadableSheet as error:
            state.readable = False
            if state.stage is not None:
                del self.result.problems[first_row_problem:]
                state.stage.clear()
            self.problem(sheet.key, None, "", str(error))
            return
        self.report_progress(CHECKING)

    def read_header(self, state, rows):
        """The columns of the sheet and where they are: [(column, position)], or None."""
        sheet = state.sheet
        header = next(rows, None)
        if header is None or all(v.is_blank(cell) for cell in header):
            # An empty sheet (a template left blank) is as good as a missing one.
            del self.states[sheet.key]
            return None
        positions = {}
        for index, cell in enumerate(header):
            if v.is_blank(cell):
                continue
            key = sheet.column_for(cell)
            if key is None:
                self.warning(sheet.key, 1, v.as_text(cell), _("Unknown column; ignored."))
            elif key in positions:
                self.problem(sheet.key, 1, key, _("This column appears more than once."))
            else:
                positions[key] = index
        missing = [
            column.key
            for column in sheet.columns
            if column.required and column.key not in positions
        ]
        for key in missing:
            self.problem(sheet.key, 1, key, _("This required column is missing."))
        if missing:
            state.readable = False
            return None
        columns = [column for column in sheet.columns if column.key in positions]
        state.present = [column.key for column in columns]
        return [(column, positions[column.key]) for column in columns]

    def parse_rows(self, state, layout, rows):
        """Every data row's cells, parsed: (number, values, errors, references)."""
        sheet = state.sheet
        reference_columns = {reference.column for reference in sheet.references}
        for number, cells in enumerate(rows, start=2):
            if (number - 1) % PROGRESS_EVERY == 0:
                self.report_progress(
                    CHECKING,
                    _("{sheet}: {rows} rows read").format(sheet=sheet.key, rows=number - 1),
                )
            width = len(cells)
            if all(v.is_blank(cell) for cell in cells):
                continue
            values, errors, references = {}, {}, {}
            for column, index in layout:
                raw = cells[index] if index < width else None
                if v.is_blank(raw):
                    value = column.default
                else:
                    try:
                        value = column.parse(raw)
                    except v.CellError as error:
                        errors[column.key] = error.messages
                        continue
                if column.required and (value is None or value == "" or value == []):
                    errors[column.key] = [_("This value is required.")]
                    continue
                if column.key in reference_columns:
                    references[column.key] = value
                else:
                    values[column.key] = value
            self.result.rows_read += 1
            yield number, values, errors, references

    @staticmethod
    def row_key(sheet, values, references, errors):
        if any(key in errors for key in sheet.key_columns):
            return None
        both = values | references
        return tuple(both.get(key) for key in sheet.key_columns)

    @staticmethod
    def duplicate_message(sheet, first_row):
        if sheet.key == "fdi_capital_changes":
            return "changed_on", _(
                "This project already has a capital change on this date in row {row}."
            ).format(row=first_row)
        if sheet.key == "statistics":
            return "year", _(
                "This indicator already has a value for this year in row {row}."
            ).format(row=first_row)
        return "ref", _("The code is already used in row {row}.").format(row=first_row)

    # -- one batch -----------------------------------------------------------------------------

    def check_batch(self, state, batch):
        """Check a batch of parsed rows against the model and the saved records; stage them."""
        sheet = state.sheet
        stage = state.stage
        keyed = [
            (number, values, errors, references, self.row_key(sheet, values, references, errors))
            for number, values, errors, references in batch
        ]
        saved = self.load_saved(state, {key for *_row, key in keyed if key is not None})
        searched = sheet.model._meta.label in SEARCHED_ATTRIBUTES
        stage_fields = stage.fields
        staged, links = [], []
        for number, values, errors, references, key in keyed:
            record, saved_references = saved.get(key, (None, None))
            instance, before = self.build_instance(state, values, record)
            self.check_field_codes(state, references, errors)
            state.rules.check(instance, errors)
            self.report_row(state, number, errors)
            if errors:
                action = INVALID
            elif record is None:
                action = CREATE
            elif self.differs(state, instance, before, references, saved_references):
                action = UPDATE
            else:
                action = UNCHANGED
            self.count(state, action)
            if searched and action in (CREATE, UPDATE):
                instance.search_text = search_text_for(instance)
            key_text = [_key_text(part) for part in key or ()]
            key_text += [None] * (len(KEY_COLUMN_ROLES) - len(key_text))
            staged.append(
                (
                    number,
                    action,
                    record.pk if record is not None else None,
                    *key_text,
                    *record_values(stage_fields, instance),
                    *(references.get(reference.column) for reference, _f in stage.foreign_keys),
                )
            )
            for reference in stage.many_to_many:
                for position, code in enumerate(references.get(reference.column) or ()):
                    links.append((number, reference.column, position, code))
            self.rows_checked += 1
            if self.rows_checked % PROGRESS_TICK == 0:
                self.report_progress(CHECKING)
        stage.append(staged, links)

    def count(self, state, action):
        counts = state.counts
        if action == CREATE:
            counts.created += 1
        elif action == UPDATE:
            counts.updated += 1
        elif action == UNCHANGED:
            counts.unchanged += 1

    def load_saved(self, state, keys):
        """The saved records that rows of this batch update, by row key, each with the codes its
        foreign keys and links name: {key: (record, {reference column: code or codes})}."""
        sheet = state.sheet
        model = sheet.model
        stage = state.stage
        if not keys:
            return {}
        codes = {
            f"_code_{reference.column}": F(f"{reference.field}__{code_attribute(reference.target)}")
            for reference, _field in stage.present_foreign_keys
        }
        records = {}
        if sheet.key_columns == ("ref",):
            for batch in chunks(ref for (ref,) in keys):
                for record in model.objects.filter(ref__in=batch).annotate(**codes):
                    records[(record.ref,)] = record
        elif sheet.key == "fdi_capital_changes":
            project_refs = {ref for ref, _changed_on in keys}
            for batch in chunks(project_refs):
                for record in model.objects.filter(project__ref__in=batch).annotate(**codes):
                    key = (record._code_project_ref, record.changed_on)
                    if key in keys:
                        records[key] = record
        elif sheet.key == "statistics":
            indicators = {indicator for indicator, _year in keys}
            for record in model.objects.filter(indicator__in=indicators):
                key = (record.indicator, record.year)
                if key in keys:
                    records[key] = record
        linked = {record.pk: {} for record in records.values()}
        for reference in stage.many_to_many:
            through, source, target = through_fields(model._meta.get_field(reference.field))
            code = f"{target.name}__{code_attribute(reference.target)}"
            for batch in chunks(linked):
                pairs = through.objects.filter(**{f"{source.attname}__in": batch}).values_list(
                    source.attname, code
                )
                for pk, linked_code in pairs:
                    linked[pk].setdefault(reference.column, set()).add(linked_code)
        saved = {}
        for key, record in records.items():
            references = linked[record.pk]
            for reference, _field in stage.present_foreign_keys:
                references[reference.column] = getattr(record, f"_code_{reference.column}")
            saved[key] = (record, references)
        return saved

    def build_instance(self, state, values, record):
        """The record a row describes, and the saved values of what its columns fill (None for a
        new record), as `get_prep_value` gives them."""
        columns = state.sheet.columns_by_key
        if record is None:
            values = {columns[k].model_field: value for k, value in values.items()}
            return state.rules.new_instance(values), None
        before = {
            f.attname: f.get_prep_value(getattr(record, f.attname))
            for f in self.compared_fields(state)
        }
        for k, value in values.items():
            setattr(record, columns[k].model_field, value)
        return record, before

    def differs(self, state, instance, before, references, saved_references):
        """Whether a row changes its saved record: a value, a foreign key or a link."""
        for f in self.compared_fields(state):
            if f.get_prep_value(getattr(instance, f.attname)) != before[f.attname]:
                return True
        for reference, _field in state.stage.present_foreign_keys:
            if references.get(reference.column) != saved_references.get(reference.column):
                return True
        for reference in state.stage.many_to_many:
            wanted = set(references.get(reference.column) or ())
            if wanted != saved_references.get(reference.column, set()):
                return True
        return False

    def compared_fields(self, state):
        """The model fields (foreign keys aside) this sheet's columns fill: what an update may
        change."""
        cached = state.compared_fields
        if cached is None:
            meta = state.sheet.model._meta
            cached = [
                meta.get_field(column.model_field)
                for column in state.sheet.columns
                if column.key in state.present and column.model_field
            ]
            state.compared_fields = cached
        return cached

    def report_row(self, state, number, errors):
        order = list(state.sheet.columns_by_key)
        # Columns in sheet order; a message on the whole row ("") or on a field without a
        # column comes last.
        for column_key in sorted(
            errors, key=lambda k: order.index(k) if k in order else len(order)
        ):
            for message in errors[column_key]:
                self.problem(state.sheet.key, number, column_key, message)

    def check_field_codes(self, state, references, errors):
        for reference in state.sheet.references:
            if reference.target != FIELD_CODES:
                continue
            named = references.get(reference.column)
            if not named or reference.column in errors:
                continue
            for code in named:
                if code not in self.field_codes:
                    errors.setdefault(reference.column, []).append(
                        dangling_message(FIELD_CODES, code)
                    )

    # -- across rows ---------------------------------------------------------------------------

    def check_across_rows(self):
        """Duplicate keys, dangling references, renewal loops and certification dates, each one
        query over the staging tables."""
        for key, state in self.states.items():
            stage = state.stage
            if stage is None or not state.readable:
                continue
            sheet = state.sheet
            duplicates = stage.duplicates()
            for number, first_row in duplicates:
                column, message = self.duplicate_message(sheet, first_row)
                self.problem(key, number, column, message)
            for reference in sheet.references:
                if reference.target == FIELD_CODES or reference.column not in state.present:
                    continue
                target = self.states.get(reference.target)
                if target is not None and not target.readable:
                    continue
                target_stage = target.stage if target is not None else None
                for number, code in stage.dangling(reference, target_stage):
                    message = dangling_message(reference.target, code)
                    self.problem(key, number, reference.column, message)
                if reference.target == key:
                    for number in stage.self_renewals(reference):
                        self.problem(
                            key, number, reference.column, _("An agreement cannot renew itself.")
                        )
                    for number in stage.renewal_loops(reference):
                        self.problem(
                            key, number, reference.column, _("Renewals cannot form a loop.")
                        )
            if key == "fdi_projects":
                for number in stage.certified_after_saved_changes():
                    self.problem(
                        key,
                        number,
                        "certified_on",
                        _("The project has capital changes dated before this day."),
                    )
            elif key == "fdi_capital_changes":
                projects = self.states.get("fdi_projects")
                projects_stage = projects.stage if projects is not None else None
                duplicate_rows = {number for number, _first in duplicates}
                for number in stage.changes_before_certification(projects_stage, duplicate_rows):
                    self.problem(
                        key,
                        number,
                        "changed_on",
                        _("Capital cannot change before the project is certified."),
                    )

    # -- writing -------------------------------------------------------------------------------

    def write(self, *, dry_run):
        # Every row is checked: the count is exact now.
        self.rows_total = self.rows_checked
        self.report_progress(
            WRITING,
            _("Writing {rows} rows…").format(rows=self.rows_checked)
            if self.rows_checked >= PROGRESS_EVERY
            else "",
        )
        try:
            with transaction.atomic(), import_lock():
                for sheet in SHEETS:
                    state = self.states.get(sheet.key)
                    if state is not None:
                        self.write_sheet(state)
                        self.result.counts[sheet.key] = state.counts
                self.refresh_agreement_partner_columns()
                if dry_run:
                    transaction.set_rollback(True)
                    return
                counts = {key: counts.as_dict() for key, counts in self.result.counts.items()}
                if self.expected_counts is not None and counts != self.expected_counts:
                    # Someone changed the records since the preview: this is not what staff
                    # confirmed.
                    transaction.set_rollback(True)
                    self.result.counts.clear()
                    self.problem(
                        self.file_name,
                        None,
                        "",
                        _(
                            "The records changed since the preview: importing {file} would no "
                            "longer create, update and leave unchanged the rows it showed. "
                            "Nothing was imported; upload it again and check the new preview."
                        ).format(file=self.file_name),
                    )
                    return
                # In the transaction: the run says succeeded exactly when the records are written.
                self.result.import_run = self.record_success(counts)
        except DatabaseError as error:
            # Validation passed, so this is the database disagreeing (a record saved by someone
            # else meanwhile): nothing was written; say so and keep a trace of the attempt.
            self.result.counts.clear()
            self.problem(
                self.file_name,
                None,
                "",
                _("The database refused the import, nothing was written: {error}").format(
                    error=error
                ),
            )
            if self.run_record is None:
                ImportRun.objects.create(
                    file_name=self.file_name[:255],
                    user=self.user,
                    status=ImportRun.Status.FAILED,
                    problems=[problem.as_dict() for problem in self.result.problems],
                    finished_at=timezone.now(),
                )
            return
        self.result.imported = True

    def write_sheet(self, state):
        """Write one sheet from its staging table, with the history of what it created or
        changed. Bulk writes skip save() and the signals, so django-simple-history would not
        see the import: its history rows are copied here, with the importing user and the file
        name as the reason."""
        counts = state.counts
        if not counts.created and not counts.updated:
            return
        meta = state.sheet.model._meta
        updated_fields = list(self.compared_fields(state))
        if meta.label in SEARCHED_ATTRIBUTES:
            updated_fields.append(meta.get_field("search_text"))
        if state.sheet.key == "agreements" and counts.created:
            state.stage.fill_partner_columns()
        state.stage.write(
            updated_fields=updated_fields, creates=counts.created > 0, updates=counts.updated > 0
        )
        if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            state.stage.write_history(
                creates=counts.created > 0,
                updates=counts.updated > 0,
                values={
                    "history_date": self.started_at,
                    "history_change_reason": self.reason[:100],
                    "history_user": self.user.pk if self.user is not None else None,
                },
            )
        # Bulk writes send no model signals: the dashboard's cached figures are told here.
        bump_data_version()

    def refresh_agreement_partner_columns(self):
        """What agreements keep from their partners (agreements/partner_columns.py), for the
        agreements this import updated (their partners may have changed) and those of the
        partners it updated. New agreements took theirs when inserted (write_sheet); a new
        partner is linked only to agreements of this file."""
        written = Q()
        for key, lookup in (("agreements", "pk__in"), ("partners", "partners__in")):
            state = self.states.get(key)
            if state is not None and state.counts.updated:
                # The staging table name comes from staging.py; the values are parameters.
                written |= Q(**{lookup: RawSQL(*state.stage.updated_pks())})  # noqa: S611
        if written:
            agreements = Agreement.objects.filter(written).values("pk")
            refresh_partner_columns(Agreement.objects.filter(pk__in=agreements))

    def record_success(self, counts):
        fields = {
            "succeeded": True,
            "status": ImportRun.Status.SUCCEEDED,
            "counts": counts,
            "phase": WRITING,
            "rows_done": self.rows_checked,
            "rows_total": self.rows_total,
            "finished_at": timezone.now(),
        }
        run = self.run_record
        if run is None:
            return ImportRun.objects.create(
                file_name=self.file_name[:255], user=self.user, **fields
            )
        for name, value in fields.items():
            setattr(run, name, value)
        run.save(update_fields=list(fields))
        return run


def dangling_message(target, ref):
    if target == "partners":
        return _("No partner has the code “{ref}”, in this file or in the database.").format(
            ref=ref
        )
    if target == "agreements":
        return _("No agreement has the code “{ref}”, in this file or in the database.").format(
            ref=ref
        )
    if target == "fdi_projects":
        return _("No FDI project has the code “{ref}”, in this file or in the database.").format(
            ref=ref
        )
    return _("“{code}” is not a field code.").format(code=ref)


def import_workbook(
    source,
    *,
    name=None,
    user=None,
    dry_run=False,
    progress=None,
    run=None,
    expected_counts=None,
):
    """Validate the workbook `source` and, when it has no problem at all, import it.

    `source` is a path (an .xlsx file, a .csv file named after its sheet, or a folder of them)
    or a binary file object (an upload; pass its `name`). `progress` is called with an
    `ImportProgress` every PROGRESS_TICK rows checked and when writing starts; its `message` is
    a line for the log every PROGRESS_EVERY rows of a large file. With `dry_run`, everything is
    checked and counted, nothing kept. A successful import is recorded as a new ImportRun, or
    in `run` (a queued one) in the same transaction as the records. With `expected_counts` (per
    sheet, as the preview counted them) the import is rolled back, with a problem saying so, if
    it would create, update or leave unchanged other numbers of rows.
    Returns an `ImportResult`: `problems` (nothing was written when there are any), `warnings`
    and, per sheet, the counts of records created, updated and unchanged.
    """
    from pathlib import Path

    if name is None:
        name = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "")
        name = Path(name or "upload").name
    workbook_import = WorkbookImport(
        file_name=name, user=user, progress=progress, run=run, expected_counts=expected_counts
    )
    return workbook_import.run(source, name=name, dry_run=dry_run)


def _key_text(part):
    """A part of a row's key as the staging tables compare it (a date as ISO text)."""
    if part is None:
        return None
    if hasattr(part, "isoformat"):
        return part.isoformat()
    return str(part)
