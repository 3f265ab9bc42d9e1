"""The all-or-nothing import of a workbook (data contract, section 1).

    result = import_workbook("ban-ngoai-vu-2025.xlsx", user=request.user)

1. Read every sheet in dependency order (partners before the agreements that name them, ...),
   parse each cell, build the model instance a row describes (the saved record when its key is
   already in the database, with the row's values on top) and run the model's own validation.
2. Check what spans rows: duplicate keys within a sheet, references to records that neither the
   file nor the database has, renewals that loop, capital changes dated before their project.
3. Only when no problem was found anywhere, write everything in one transaction (writer.py).

The upload page (through the import worker, dashboard/tasks.py) and `manage.py import_workbook`
both call `import_workbook`. Its `progress` callback hears where the import stands
(`ImportProgress`): rows read and checked out of the rows the file holds, then the writing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from dashboard.importer import values as v
from dashboard.importer.locking import import_lock
from dashboard.importer.problems import CHECKING, WRITING, ImportProgress, ImportResult, Problem
from dashboard.importer.readers import UnreadableSheet, open_source
from dashboard.importer.sheets import FIELD_CODES, SHEETS, SHEETS_BY_KEY, sheet_names
from dashboard.importer.writer import SheetWriter, chunks
from dashboard.models import ImportRun
from investment.models import CapitalChange
from partners.models import CooperationField

# A line for the log is reported every this many rows, so a small file stays quiet.
PROGRESS_EVERY = 10_000
# The numbers for a progress bar are reported every this many rows checked: often enough for a
# bar that moves every second, rarely enough to cost nothing next to checking the rows.
PROGRESS_TICK = 100


@dataclass(slots=True)
class Row:
    """One data row: the instance it describes and the references it names."""

    number: int
    key: tuple | None
    instance: object
    # Field values of the saved record before this import (None for a new record), as
    # `get_prep_value` gives them, to tell an update from an unchanged row.
    before: dict | None
    references: dict[str, object]


@dataclass
class SheetState:
    sheet: object
    title: str
    present: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    # Row key -> number of the first row with that key.
    keys: dict = field(default_factory=dict)
    rows_by_key: dict = field(default_factory=dict)
    compared_fields: list | None = None
    validation_plan: tuple | None = None
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
        # Sheet key (or FIELD_CODES) -> {ref: pk} of saved records the file refers to; filled
        # while validating, completed with the new records while writing.
        self.pks = {sheet.key: {} for sheet in SHEETS}
        self.pks[FIELD_CODES] = {}
        # Refs looked up in the database and not found there.
        self.missing = {sheet.key: set() for sheet in SHEETS}
        # fdi_projects ref -> certified_on of saved projects a capital change refers to.
        self.certified_on = {}

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
            self.pks[FIELD_CODES] = dict(CooperationField.objects.values_list("code", "pk"))
            if self.progress is not None:
                self.rows_total = self.count_rows(opened.sheets)
                self.report_progress(CHECKING)
            for sheet in SHEETS:
                if sheet.key in opened.sheets:
                    self.validate_sheet(sheet, opened.sheets[sheet.key])
            if not self.states and not self.result.problems:
                self.problem(
                    self.file_name, None, "", _("There is nothing to import: every sheet is empty.")
                )
        self.result.problems.sort(key=self._problem_order)
        if self.result.problems:
            return self.result
        self.write(dry_run=dry_run)
        return self.result

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

    # -- reading and validating one sheet ------------------------------------------------------

    def validate_sheet(self, sheet, source):
        state = SheetState(sheet, source.title)
        self.states[sheet.key] = state
        try:
            parsed = self.parse_rows(state, source.rows())
        except UnreadableSheet as error:
            state.readable = False
            self.problem(sheet.key, None, "", str(error))
            return
        if parsed is None:
            return
        existing = self.load_existing(state, parsed)
        self.lookup_references(state, parsed)
        for number, values, errors, references in parsed:
            self.build_row(state, number, values, errors, references, existing)
            self.rows_checked += 1
            if self.rows_checked % PROGRESS_TICK == 0:
                self.report_progress(CHECKING)
        self.report_progress(CHECKING)
        if sheet.key == "agreements":
            self.check_renewals(state)
        elif sheet.key == "fdi_projects":
            self.check_certification(state)

    def parse_rows(self, state, rows):
        """Header, then every row's cells: [(number, values, errors, references)], or None."""
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
        layout = [(column, positions[column.key]) for column in columns]
        reference_columns = {reference.column for reference in sheet.references}

        parsed = []
        seen = state.keys
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
            key = self.row_key(sheet, values, references, errors)
            if key is not None:
                if key in seen:
                    column, message = self.duplicate_message(sheet, seen[key])
                    errors.setdefault(column, []).append(message)
                else:
                    seen[key] = number
            parsed.append((number, values, errors, references))
        self.result.rows_read += len(parsed)
        return parsed

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

    # -- the database side ---------------------------------------------------------------------

    def load_existing(self, state, parsed):
        """The saved records that rows of this sheet update, by row key."""
        sheet = state.sheet
        model = sheet.model
        keys = list(state.keys)
        existing = {}
        if sheet.key_columns == ("ref",):
            for batch in chunks(ref for (ref,) in keys):
                for record in model.objects.filter(ref__in=batch):
                    existing[(record.ref,)] = record
                    self.pks[sheet.key][record.ref] = record.pk
        elif sheet.key == "fdi_capital_changes":
            project_refs = {ref for ref, _changed_on in keys}
            self.lookup_refs("fdi_projects", project_refs, force=True)
            refs_by_pk = {
                self.pks["fdi_projects"][ref]: ref
                for ref in project_refs
                if ref in self.pks["fdi_projects"]
            }
            for batch in chunks(refs_by_pk):
                for record in model.objects.filter(project_id__in=batch):
                    existing[(refs_by_pk[record.project_id], record.changed_on)] = record
        elif sheet.key == "statistics":
            indicators = {indicator for indicator, _year in keys}
            for record in model.objects.filter(indicator__in=indicators):
                existing[(record.indicator, record.year)] = record
        return existing

    def lookup_refs(self, target, refs, *, force=False):
        """Find the saved records of sheet `target` among `refs`, remembering their pks.

        Refs that the file itself holds need no lookup, unless `force` (capital changes need
        the pk and the certification date of every project they name).
        """
        known = self.pks[target]
        state = self.states.get(target)
        in_file = set() if force or state is None else {key[0] for key in state.keys}
        wanted = [
            ref
            for ref in refs
            if ref not in known and ref not in in_file and ref not in self.missing[target]
        ]
        model = SHEETS_BY_KEY[target].model
        found = set()
        for batch in chunks(wanted):
            if target == "fdi_projects":
                rows = model.objects.filter(ref__in=batch).values_list("ref", "pk", "certified_on")
                for ref, pk, certified_on in rows:
                    known[ref] = pk
                    self.certified_on[ref] = certified_on
                    found.add(ref)
            else:
                for ref, pk in model.objects.filter(ref__in=batch).values_list("ref", "pk"):
                    known[ref] = pk
                    found.add(ref)
        self.missing[target].update(set(wanted) - found)

    def lookup_references(self, state, parsed):
        for reference in state.sheet.references:
            if reference.target == FIELD_CODES:
                continue
            refs = set()
            for _number, _values, _errors, references in parsed:
                named = references.get(reference.column)
                if named is None:
                    continue
                refs.update(named if reference.many else [named])
            if refs:
                self.lookup_refs(reference.target, refs)

    def reference_exists(self, target, ref):
        if target == FIELD_CODES:
            return ref in self.pks[FIELD_CODES]
        if ref in self.pks[target]:
            return True
        state = self.states.get(target)
        if state is None:
            return False
        return (ref,) in state.keys or not state.readable

    # -- one row -------------------------------------------------------------------------------

    def build_row(self, state, number, values, errors, references, existing):
        sheet = state.sheet
        columns = sheet.columns_by_key
        key = self.row_key(sheet, values, references, errors)
        record = existing.get(key) if key is not None else None
        model_fields = self.compared_fields(state)

        if record is None:
            instance = sheet.model(**{columns[k].model_field: value for k, value in values.items()})
            before = None
        else:
            instance = record
            before = {f.attname: f.get_prep_value(getattr(record, f.attname)) for f in model_fields}
            for k, value in values.items():
                setattr(instance, columns[k].model_field, value)

        self.check_references(state, number, references, errors)
        if sheet.key == "fdi_capital_changes" and "changed_on" not in errors:
            self.check_capital_change(state, number, instance, references, errors)
        self.run_model_validation(state, number, instance, errors)

        order = list(columns)
        # Columns in sheet order; a message on the whole row ("") or on a field without a
        # column comes last.
        for column_key in sorted(
            errors, key=lambda k: order.index(k) if k in order else len(order)
        ):
            for message in errors[column_key]:
                self.problem(sheet.key, number, column_key, message)
        row = Row(number, key, instance, before, references)
        state.rows.append(row)
        if key is not None:
            state.rows_by_key.setdefault(key, row)

    def compared_fields(self, state):
        """The model fields this sheet's columns fill: what an update may change."""
        cached = state.compared_fields
        if cached is None:
            meta = state.sheet.model._meta
            names = [
                column.model_field
                for column in state.sheet.columns
                if column.key in state.present and column.model_field
            ]
            names += [
                reference.field
                for reference in state.sheet.references
                if not reference.many and reference.column in state.present
            ]
            cached = [meta.get_field(name) for name in names]
            state.compared_fields = cached
        return cached

    def check_references(self, state, number, references, errors):
        for reference in state.sheet.references:
            named = references.get(reference.column)
            if not named or reference.column in errors:
                continue
            for ref in named if reference.many else [named]:
                if not self.reference_exists(reference.target, ref):
                    errors.setdefault(reference.column, []).append(
                        dangling_message(reference.target, ref)
                    )

    def check_capital_change(self, state, number, instance, references, errors):
        """Data contract: changed_on not before the project's certified_on.

        CapitalChange.clean knows the rule but only for a saved project, and it would fetch the
        project once per row; the project may also be new in this very file.
        """
        ref = references.get("project_ref")
        projects = self.states.get("fdi_projects")
        if projects is not None and (ref,) in projects.rows_by_key:
            # The file's date wins: the import is about to write it.
            certified_on = projects.rows_by_key[(ref,)].instance.certified_on
        else:
            certified_on = self.certified_on.get(ref)
        if certified_on is not None and instance.changed_on < certified_on:
            errors.setdefault("changed_on", []).append(
                _("Capital cannot change before the project is certified.")
            )

    def run_model_validation(self, state, number, instance, errors):
        """The model's own rules (field validators, clean()), messages mapped to column keys.

        Left out: uniqueness and database constraints (each costs a query per row; the import
        matches rows to saved records by key instead), fields whose cell already failed to parse,
        foreign keys (the records they name may not be saved yet; the import checks them), and
        fields with choices: the parsers checked them against the same lists, and Django's check
        walks the whole list (250 countries) for every value, most of the cost of an import.
        """
        plan = state.validation_plan
        if plan is None:
            plan = state.validation_plan = self.validation_plan(state.sheet)
        column_of, always_excluded, fk_attnames = plan
        exclude = always_excluded | {name for name, key in column_of.items() if key in errors}
        # The primary key and foreign keys are blanked while clean() runs: for a saved record,
        # Agreement.clean walks the renewal chain, FdiProject.clean looks for earlier capital
        # changes and CapitalChange.clean fetches the project, a query per row each, against
        # the database as it was before this file. The import checks these rules in bulk,
        # with the file's values (check_renewals, check_capital_change, check_certification).
        saved_fks = {attname: getattr(instance, attname) for attname in fk_attnames}
        saved_pk = instance.pk
        instance.pk = None
        for attname in fk_attnames:
            setattr(instance, attname, None)
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = "" if name == NON_FIELD_ERRORS else column_of.get(name, name)
                if column in errors:
                    continue
                errors.setdefault(column, []).extend(messages)
        finally:
            instance.pk = saved_pk
            for attname, value in saved_fks.items():
                setattr(instance, attname, value)

    @staticmethod
    def validation_plan(sheet):
        """(model field -> column key, fields never validated, foreign key attnames)."""
        meta = sheet.model._meta
        column_of = {
            column.model_field: column.key for column in sheet.columns if column.model_field
        }
        foreign_keys = {r.field: r.column for r in sheet.references if not r.many}
        column_of.update(foreign_keys)
        excluded = set(foreign_keys)
        excluded.update(
            name for name in column_of if name not in foreign_keys and meta.get_field(name).choices
        )
        attnames = [meta.get_field(name).attname for name in foreign_keys]
        return column_of, frozenset(excluded), attnames

    # -- across rows ---------------------------------------------------------------------------

    def check_renewals(self, state):
        """An agreement may not renew itself, directly or through a chain of renewals."""
        if "renews_ref" not in state.present:
            return
        renews = {}
        for row in state.rows:
            if row.key is not None:
                renews[row.key[0]] = row.references.get("renews_ref")
        # Follow chains into saved agreements the file does not hold.
        frontier = {ref for ref in renews.values() if ref and ref not in renews}
        while frontier:
            for batch in chunks(frontier):
                for ref, renews_ref in Agreement.objects.filter(ref__in=batch).values_list(
                    "ref", "renews__ref"
                ):
                    renews[ref] = renews_ref
            for ref in frontier:
                renews.setdefault(ref, None)
            frontier = {ref for ref in renews.values() if ref and ref not in renews}

        for row in state.rows:
            start = row.references.get("renews_ref")
            if row.key is None or not start:
                continue
            if start == row.key[0]:
                message = _("An agreement cannot renew itself.")
            else:
                seen, current = {row.key[0]}, start
                while current and current not in seen:
                    seen.add(current)
                    current = renews.get(current)
                if current is None or current != row.key[0]:
                    continue
                message = _("Renewals cannot form a loop.")
            self.problem(state.sheet.key, row.number, "renews_ref", message)

    def check_certification(self, state):
        """FdiProject.clean: no saved capital change may predate the project's certification.

        The model asks the database once per project; here one query per batch of projects
        finds the earliest saved change of each (the import never deletes changes).
        """
        saved = {
            row.instance.pk: row
            for row in state.rows
            if row.before is not None and row.instance.certified_on is not None
        }
        for batch in chunks(saved):
            earliest = (
                CapitalChange.objects.filter(project_id__in=batch)
                .values_list("project_id")
                .annotate(earliest=Min("changed_on"))
            )
            for pk, changed_on in earliest:
                row = saved[pk]
                if changed_on < row.instance.certified_on:
                    self.problem(
                        state.sheet.key,
                        row.number,
                        "certified_on",
                        _("The project has capital changes dated before this day."),
                    )

    # -- writing -------------------------------------------------------------------------------

    def write(self, *, dry_run):
        total = sum(len(state.rows) for state in self.states.values())
        # Every row is checked: the count is exact now.
        self.rows_checked = self.rows_total = total
        self.report_progress(
            WRITING, _("Writing {rows} rows…").format(rows=total) if total >= PROGRESS_EVERY else ""
        )
        try:
            with transaction.atomic(), import_lock():
                for sheet in SHEETS:
                    state = self.states.get(sheet.key)
                    if state is not None:
                        writer = SheetWriter(self, state)
                        self.result.counts[sheet.key] = writer.write()
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
