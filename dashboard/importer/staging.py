"""The import's staging tables: every row of the file goes through the database, not memory.

While the engine reads a sheet it checks each row on its own (cells, the model's rules) and
streams it, batch by batch, into a temporary table of this connection. What spans rows is then
one query per rule over those tables: codes used twice, references to records that neither the
file nor the database has, renewals that loop, capital changed before certification. Once the
whole file is clean, each sheet is written from its table with `INSERT … SELECT` and
`UPDATE … FROM`, its links by difference, and its history copied from the records just written.

So memory holds one batch of rows whatever the size of the file, and the database does the
set work it is fast at. The SQL is the common dialect of PostgreSQL and SQLite (3.33 or newer
for `UPDATE … FROM`); rows go in with `COPY` on PostgreSQL and `executemany` elsewhere.

Per sheet, `import_stage_<sheet>` holds one row per data row: its row number, what the import
will do with it (`action`: create, update, leave unchanged, or invalid), the primary key of its
record once known, its key as text (for duplicates and references), every column of the model
(for a saved record: its saved values with the file's on top), and, for each foreign key the
sheet sets by code, that code. `import_stage_<sheet>_links` holds the codes a row's list
columns name (partners, agreements, fields), in their order.

Every name in this module's SQL comes from the models' meta or from this module, and is quoted;
every value is a bound parameter.
"""

import io

from django.db import connections

from agreements.partner_columns import CODE_SEPARATOR, TEXT_SEPARATOR
from dashboard.importer.bulk import copy_formatter, copy_plain, copy_text
from dashboard.importer.sheets import FIELD_CODES, SHEETS_BY_KEY
from partners.models import CooperationField

CREATE = "c"
UPDATE = "u"
UNCHANGED = "n"
INVALID = "x"

# Field types staged as unbounded text and numbers.
_TEXT_TYPES = {"CharField", "TextField", "SlugField", "EmailField", "FileField", "FilePathField"}
_INTEGER_TYPES = {
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "PositiveBigIntegerField",
}
# The attribute that finds a record of each reference target by the code the file uses.
CODE_ATTRIBUTES = {FIELD_CODES: "code"}
# The column a record's code or natural key is kept in, per sheet key columns.
KEY_COLUMN_ROLES = ("key_1", "key_2")


def target_model(target):
    return CooperationField if target == FIELD_CODES else SHEETS_BY_KEY[target].model


def code_attribute(target):
    return CODE_ATTRIBUTES.get(target, "ref")


def through_fields(m2m_field):
    """The through model of a many-to-many field, with the fields of its two sides."""
    through = m2m_field.remote_field.through
    source = through._meta.get_field(m2m_field.m2m_field_name())
    target = through._meta.get_field(m2m_field.m2m_reverse_field_name())
    return through, source, target


class SheetStage:
    """The staging tables of one sheet, and the SQL that reads and writes through them."""

    def __init__(self, staging, sheet, present):
        self.staging = staging
        self.connection = staging.connection
        self.sheet = sheet
        self.model = sheet.model
        self.table = f"import_stage_{sheet.key}"
        self.links_table = f"import_stage_{sheet.key}_links"
        meta = self.model._meta
        present = set(present)
        by_code = {r.field: r for r in sheet.references if not r.many}
        # Foreign keys the sheet names by code: (reference, field); the column may be absent.
        self.foreign_keys = [
            (reference, meta.get_field(reference.field)) for reference in by_code.values()
        ]
        self.present_foreign_keys = [
            (reference, field)
            for reference, field in self.foreign_keys
            if reference.column in present
        ]
        self.many_to_many = [r for r in sheet.references if r.many and r.column in present]
        # Every other column of the table, filled from the record the row describes.
        self.fields = [
            field
            for field in meta.concrete_fields
            if not field.primary_key and field.name not in by_code
        ]
        self.fk_ref_columns = [f"{field.column}__ref" for _reference, field in self.foreign_keys]
        self.columns = [
            "row_number",
            "action",
            "target_pk",
            *KEY_COLUMN_ROLES,
            *(field.column for field in self.fields),
            *self.fk_ref_columns,
        ]

    # -- the tables ----------------------------------------------------------------------------

    def create(self):
        quote = self.connection.ops.quote_name
        definitions = [
            "row_number integer",
            "action varchar(1)",
            "target_pk bigint",
            "key_1 text",
            "key_2 text",
            *(f"{quote(field.column)} {self._stage_type(field)}" for field in self.fields),
            *(f"{quote(column)} text" for column in self.fk_ref_columns),
        ]
        with self.connection.cursor() as cursor:
            for table in (self.table, self.links_table):
                cursor.execute(
                    f"DROP TABLE IF EXISTS {self.staging.temporary_schema}.{quote(table)}"
                )
            cursor.execute(f"CREATE TEMPORARY TABLE {quote(self.table)} ({', '.join(definitions)})")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {quote(self.links_table)} "
                "(row_number integer, reference text, position integer, ref text)"
            )
        self._formatters = None

    def _stage_type(self, field):
        """The column type of `field` in the staging table: without its length or precision,
        since a row the model refused (a name too long, an amount too large) is staged too, for
        the rules across rows, and must fit."""
        internal = field.get_internal_type()
        if internal in _TEXT_TYPES:
            return "text"
        if internal == "DecimalField" or internal in _INTEGER_TYPES:
            return "numeric"
        return field.db_type(self.connection)

    def drop(self):
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            for table in (self.table, self.links_table):
                cursor.execute(
                    f"DROP TABLE IF EXISTS {self.staging.temporary_schema}.{quote(table)}"
                )

    def clear(self):
        """Forget what was staged (a sheet that turned out unreadable half-way)."""
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            for table in (self.table, self.links_table):
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608

    def append(self, rows, links):
        """Stage `rows` (tuples in the order of `self.columns`) and `links`
        ((row_number, reference column, position, code) tuples)."""
        if rows:
            self.staging.insert(self.table, self.columns, self._row_formatters(), rows)
        if links:
            self.staging.insert(
                self.links_table,
                ["row_number", "reference", "position", "ref"],
                [copy_plain, copy_text, copy_plain, copy_text],
                links,
            )

    def _row_formatters(self):
        if self._formatters is None:
            if self.staging.uses_copy:
                fields = [copy_formatter(field, self.connection) for field in self.fields]
                self._formatters = [
                    copy_plain,
                    copy_text,
                    copy_plain,
                    copy_text,
                    copy_text,
                    *fields,
                    *([copy_text] * len(self.fk_ref_columns)),
                ]
            else:
                connection = self.connection
                plain = [None] * (3 + len(KEY_COLUMN_ROLES))
                fields = [
                    (
                        lambda value, prepare=field.get_db_prep_save: _fits_sqlite(
                            prepare(value, connection)
                        )
                    )
                    for field in self.fields
                ]
                self._formatters = [*plain, *fields, *([None] * len(self.fk_ref_columns))]
        return self._formatters

    def analyze(self):
        if self.connection.vendor == "postgresql":
            # Autovacuum never analyses temporary tables: without statistics the planner
            # guesses a few rows and picks nested loops over a million.
            quote = self.connection.ops.quote_name
            with self.connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {quote(self.table)}, {quote(self.links_table)}")

    def _fetch(self, sql, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _q(self, name):
        return self.connection.ops.quote_name(name)

    # -- checks across rows --------------------------------------------------------------------

    def duplicates(self):
        """[(row number, row number of the first row with the same key)], by row."""
        return self._fetch(
            f"SELECT row_number, first_row FROM ("  # noqa: S608
            "SELECT row_number, MIN(row_number) OVER (PARTITION BY key_1, key_2) AS first_row "
            f"FROM {self._q(self.table)} WHERE key_1 IS NOT NULL) keyed "
            "WHERE row_number <> first_row ORDER BY row_number"
        )

    def dangling(self, reference, target_stage):
        """[(row number, code)] of the codes in column `reference` that no record has, neither in
        the file (`target_stage`, None when the file has no such sheet) nor in the database."""
        q = self._q
        model = target_model(reference.target)
        code = q(model._meta.get_field(code_attribute(reference.target)).column)
        not_in_file = ""
        if target_stage is not None:
            not_in_file = (
                f"AND NOT EXISTS (SELECT 1 FROM {q(target_stage.table)} f "  # noqa: S608
                "WHERE f.key_1 = s.ref) "
            )
        if reference.many:
            source = (
                f"(SELECT row_number, position, ref FROM {q(self.links_table)} "  # noqa: S608
                "WHERE reference = %s)"
            )
            params = [reference.column]
        else:
            field = self.model._meta.get_field(reference.field)
            source = (
                f"(SELECT row_number, 0 AS position, {q(field.column + '__ref')} AS ref "  # noqa: S608
                f"FROM {q(self.table)})"
            )
            params = []
        return self._fetch(
            f"SELECT s.row_number, s.ref FROM {source} s WHERE s.ref IS NOT NULL "  # noqa: S608
            f"{not_in_file}"
            f"AND NOT EXISTS (SELECT 1 FROM {q(model._meta.db_table)} t WHERE t.{code} = s.ref) "
            "ORDER BY s.row_number, s.position",
            params,
        )

    def self_renewals(self, reference):
        """Rows whose foreign key `reference` names the row's own code."""
        column = self._q(self.model._meta.get_field(reference.field).column + "__ref")
        return [
            number
            for (number,) in self._fetch(
                f"SELECT row_number FROM {self._q(self.table)} "  # noqa: S608
                f"WHERE key_1 IS NOT NULL AND {column} = key_1 ORDER BY row_number"
            )
        ]

    def renewal_loops(self, reference):
        """Rows whose chain of renewals comes back to them, through the file's rows and the saved
        agreements the file does not hold."""
        q = self._q
        field = self.model._meta.get_field(reference.field)
        renews_ref = q(field.column + "__ref")
        table = q(self.model._meta.db_table)
        pk = q(self.model._meta.pk.column)
        stage = q(self.table)
        sql = (
            "WITH RECURSIVE edges(ref, renews) AS ("  # noqa: S608
            f"SELECT key_1, {renews_ref} FROM {stage} "
            f"WHERE key_1 IS NOT NULL AND {renews_ref} IS NOT NULL "
            f"UNION ALL SELECT a.ref, r.ref FROM {table} a "
            f"JOIN {table} r ON r.{pk} = a.{q(field.column)} "
            f"WHERE NOT EXISTS (SELECT 1 FROM {stage} f WHERE f.key_1 = a.ref)"
            "), walk(origin_row, origin, current) AS ("
            f"SELECT row_number, key_1, {renews_ref} FROM {stage} "
            f"WHERE key_1 IS NOT NULL AND {renews_ref} IS NOT NULL AND {renews_ref} <> key_1 "
            "UNION SELECT w.origin_row, w.origin, e.renews FROM walk w "
            "JOIN edges e ON e.ref = w.current WHERE w.current <> w.origin"
            ") SELECT DISTINCT origin_row FROM walk WHERE current = origin ORDER BY origin_row"
        )
        return [number for (number,) in self._fetch(sql)]

    def changes_before_certification(self, projects_stage, excluded_rows):
        """Capital changes dated before their project's certification: the file's date when the
        file holds the project (its first row with that code), else the saved one."""
        q = self._q
        projects = SHEETS_BY_KEY["fdi_projects"].model
        certified = q(projects._meta.get_field("certified_on").column)
        changed = q(self.model._meta.get_field("changed_on").column)
        project_ref = q(self.model._meta.get_field("project").column + "__ref")
        in_file = ""
        certified_on = f"t.{certified}"
        if projects_stage is not None:
            in_file = (
                "LEFT JOIN (SELECT key_1, certified FROM ("  # noqa: S608
                f"SELECT key_1, {certified} AS certified, ROW_NUMBER() OVER "
                f"(PARTITION BY key_1 ORDER BY row_number) AS nth FROM {q(projects_stage.table)} "
                f"WHERE key_1 IS NOT NULL) numbered WHERE nth = 1) p ON p.key_1 = c.{project_ref} "
            )
            certified_on = f"CASE WHEN p.key_1 IS NOT NULL THEN p.certified ELSE t.{certified} END"
        rows = self._fetch(
            f"SELECT c.row_number FROM {q(self.table)} c {in_file}"  # noqa: S608
            f"LEFT JOIN {q(projects._meta.db_table)} t ON t.ref = c.{project_ref} "
            f"WHERE c.{project_ref} IS NOT NULL AND c.{changed} IS NOT NULL "
            f"AND c.{changed} < {certified_on} ORDER BY c.row_number"
        )
        return [number for (number,) in rows if number not in excluded_rows]

    def certified_after_saved_changes(self):
        """Saved projects the file certifies later than one of their saved capital changes."""
        q = self._q
        changes = SHEETS_BY_KEY["fdi_capital_changes"].model._meta
        certified = q(self.model._meta.get_field("certified_on").column)
        project = q(changes.get_field("project").column)
        changed = q(changes.get_field("changed_on").column)
        return [
            number
            for (number,) in self._fetch(
                f"SELECT s.row_number FROM {q(self.table)} s "  # noqa: S608
                f"WHERE s.target_pk IS NOT NULL AND s.{certified} IS NOT NULL AND EXISTS ("
                f"SELECT 1 FROM {q(changes.db_table)} c WHERE c.{project} = s.target_pk "
                f"AND c.{changed} < s.{certified}) ORDER BY s.row_number"
            )
        ]

    def updated_pks(self):
        """(SQL, params) of a subquery: the keys of the records this sheet updated."""
        return (
            f"SELECT target_pk FROM {self._q(self.table)} WHERE action = %s",  # noqa: S608
            [UPDATE],
        )

    # -- writing -------------------------------------------------------------------------------

    def _resolve(self, reference, field, alias="s"):
        """SQL for the primary key of the record a foreign key's code names."""
        q = self._q
        model = target_model(reference.target)
        return (
            f"(SELECT r.{q(model._meta.pk.column)} FROM {q(model._meta.db_table)} r "  # noqa: S608
            f"WHERE r.{q(code_attribute(reference.target))} = {alias}.{q(field.column + '__ref')})"
        )

    def write(self, *, updated_fields, creates, updates):
        """Create the new records, update the changed ones, set their links.

        `updated_fields`: the model fields an update sets (the sheet's columns, the search text);
        `creates`, `updates`: whether any row creates or updates a record.
        """
        q = self._q
        meta = self.model._meta
        table = q(meta.db_table)
        stage = q(self.table)
        pk = q(meta.pk.column)
        self_references = [
            (reference, field)
            for reference, field in self.present_foreign_keys
            if reference.target == self.sheet.key
        ]
        with self.connection.cursor() as cursor:
            if creates:
                self._insert_new(cursor, table, stage, pk, self_references)
            assignments = [
                f"{q(field.column)} = s.{q(field.column)}" for field in updated_fields
            ] + [
                f"{q(field.column)} = {self._resolve(reference, field)}"
                for reference, field in self.present_foreign_keys
            ]
            if updates and assignments:
                cursor.execute(
                    f"UPDATE {table} SET {', '.join(assignments)} FROM {stage} s "  # noqa: S608
                    f"WHERE {table}.{pk} = s.target_pk AND s.action = %s",
                    [UPDATE],
                )
            for reference in self.many_to_many:
                self._write_links(cursor, reference, updates=updates)

    def _insert_new(self, cursor, table, stage, pk, self_references):
        """Insert the new records and note their keys; a renewal of an agreement also new in
        this file is pointed at it once both exist."""
        q = self._q
        columns = [field.column for field in self.fields]
        values = [f"s.{q(column)}" for column in columns]
        for reference, field in self.present_foreign_keys:
            columns.append(field.column)
            if (reference, field) in self_references:
                values.append("NULL")
            else:
                values.append(self._resolve(reference, field))
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
            f"SELECT {', '.join(values)} FROM {stage} s WHERE s.action = %s "
            "ORDER BY s.row_number",
            [CREATE],
        )
        cursor.execute(
            f"UPDATE {stage} SET target_pk = t.{pk} FROM {table} t "  # noqa: S608
            f"WHERE {self._key_match('t', stage)} AND {stage}.action = %s",
            [CREATE],
        )
        for reference, field in self_references:
            ref_column = q(field.column + "__ref")
            cursor.execute(
                f"UPDATE {table} SET {q(field.column)} = {self._resolve(reference, field)} "  # noqa: S608
                f"FROM {stage} s WHERE {table}.{pk} = s.target_pk AND s.action = %s "
                f"AND s.{ref_column} IS NOT NULL",
                [CREATE],
            )

    def fill_partner_columns(self):
        """New agreements: what they keep from their partners (agreements/partner_columns.py),
        from the partners their row names, before they are inserted. (Refreshing them once
        inserted would rewrite every new agreement and all its indexes a second time.)"""
        q = self._q
        partners = SHEETS_BY_KEY["partners"].model._meta
        joined = "string_agg" if self.connection.vendor == "postgresql" else "group_concat"
        stage = q(self.table)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {stage} SET partners_search_text = named.texts, "  # noqa: S608
                "partner_countries = COALESCE(%s || named.codes || %s, '') "
                f"FROM (SELECT l.row_number, {joined}(p.search_text, %s) AS texts, "
                f"{joined}(p.country, %s) FILTER (WHERE p.country <> '') AS codes "
                f"FROM {q(self.links_table)} l JOIN {q(partners.db_table)} p ON p.ref = l.ref "
                "WHERE l.reference = %s GROUP BY l.row_number) named "
                f"WHERE named.row_number = {stage}.row_number AND {stage}.action = %s",
                [
                    CODE_SEPARATOR,
                    CODE_SEPARATOR,
                    TEXT_SEPARATOR,
                    CODE_SEPARATOR,
                    "partner_refs",
                    CREATE,
                ],
            )

    def _key_match(self, alias, stage):
        """SQL matching a record (as `alias`) to its staged row by the sheet's key."""
        q = self._q
        meta = self.model._meta
        if self.sheet.key_columns == ("ref",):
            return f"{alias}.{q('ref')} = {stage}.key_1"
        conditions = []
        for key in self.sheet.key_columns:
            reference = next((r for r in self.sheet.references if r.column == key), None)
            if reference is None:
                column = q(meta.get_field(self.sheet.columns_by_key[key].model_field).column)
                conditions.append(f"{alias}.{column} = {stage}.{column}")
            else:
                field = meta.get_field(reference.field)
                conditions.append(
                    f"{alias}.{q(field.column)} = {self._resolve(reference, field, alias=stage)}"
                )
        return " AND ".join(conditions)

    def _write_links(self, cursor, reference, *, updates):
        """Make the links of the created and updated rows what the file names: delete the links
        it no longer names, insert the new ones (existing links keep their ids)."""
        q = self._q
        m2m_field = self.model._meta.get_field(reference.field)
        through, source_field, target_field = through_fields(m2m_field)
        target = target_model(reference.target)._meta
        code = q(target.get_field(code_attribute(reference.target)).column)
        through_table = q(through._meta.db_table)
        source, target_column = q(source_field.column), q(target_field.column)
        wanted = (
            f"FROM {q(self.links_table)} l JOIN {q(self.table)} s ON s.row_number = l.row_number "
            f"JOIN {q(target.db_table)} r ON r.{code} = l.ref WHERE l.reference = %s"
        )
        if updates:
            cursor.execute(
                f"DELETE FROM {through_table} WHERE {source} IN ("  # noqa: S608
                f"SELECT target_pk FROM {q(self.table)} WHERE action = %s) "
                f"AND NOT EXISTS (SELECT 1 {wanted} AND s.target_pk = {through_table}.{source} "
                f"AND r.{q(target.pk.column)} = {through_table}.{target_column})",
                [UPDATE, reference.column],
            )
        cursor.execute(
            f"INSERT INTO {through_table} ({source}, {target_column}) "  # noqa: S608
            f"SELECT s.target_pk, r.{q(target.pk.column)} {wanted} AND s.action IN (%s, %s) "
            f"AND NOT EXISTS (SELECT 1 FROM {through_table} x WHERE x.{source} = s.target_pk "
            f"AND x.{target_column} = r.{q(target.pk.column)}) "
            f"GROUP BY s.row_number, s.target_pk, r.{q(target.pk.column)} "
            f"ORDER BY s.row_number, r.{q(target.pk.column)}",
            [reference.column, CREATE, UPDATE],
        )

    def write_history(self, *, values, creates, updates):
        """One history row per record created ("+") or updated ("~"), copied by the database
        from the record just written, then the snapshot of its links, as django-simple-history
        does on save(). `values`: the history's own columns (date, reason, user)."""
        q = self._q
        history_model = self.model.history.model
        history_meta = history_model._meta
        history_table = q(history_meta.db_table)
        history_pk = q(history_meta.pk.column)
        tracked = history_model.tracked_fields
        own = [history_meta.get_field(name) for name in [*values, "history_type"]]
        target = ", ".join(q(field.column) for field in [*tracked, *own])
        meta = self.model._meta
        selected = ", ".join(f"t.{q(meta.get_field(field.name).column)}" for field in tracked)
        params = [
            field.get_db_prep_save(value, self.connection)
            for field, value in zip(own, values.values(), strict=False)
        ]
        record_pk = q(history_meta.get_field(meta.pk.name).column)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({history_pk}) FROM {history_table}")  # noqa: S608
            (last_before,) = cursor.fetchone()
            for action, history_type, wanted in ((CREATE, "+", creates), (UPDATE, "~", updates)):
                if not wanted:
                    continue
                cursor.execute(
                    f"INSERT INTO {history_table} ({target}) "  # noqa: S608
                    f"SELECT {selected}, {', '.join(['%s'] * len(own))} "
                    f"FROM {q(meta.db_table)} t JOIN {q(self.table)} s "
                    f"ON t.{q(meta.pk.column)} = s.target_pk WHERE s.action = %s "
                    "ORDER BY s.row_number",
                    [*params, history_type, action],
                )
            date_column = q(history_meta.get_field("history_date").column)
            for m2m_field in getattr(history_model, "_history_m2m_fields", ()):
                through, source_field, target_field = through_fields(m2m_field)
                link_meta = getattr(history_model, m2m_field.name).model._meta
                link_columns = ", ".join(
                    q(link_meta.get_field(name).column)
                    for name in ("id", source_field.name, target_field.name, "history")
                )
                cursor.execute(
                    f"INSERT INTO {q(link_meta.db_table)} ({link_columns}) "  # noqa: S608
                    f"SELECT x.{q(through._meta.pk.column)}, x.{q(source_field.column)}, "
                    f"x.{q(target_field.column)}, h.{history_pk} "
                    f"FROM {q(through._meta.db_table)} x JOIN {history_table} h "
                    f"ON h.{record_pk} = x.{q(source_field.column)} "
                    f"WHERE h.{history_pk} > %s AND h.{date_column} = %s "
                    f"ORDER BY h.{history_pk}, x.{q(through._meta.pk.column)}",
                    [last_before or 0, params[0]],
                )


class Staging:
    """The staging tables of one import, on one connection, inside its transaction."""

    def __init__(self, using="default"):
        self.connection = connections[using]
        self.uses_copy = self.connection.vendor == "postgresql"
        # Named explicitly: an unqualified DROP of a missing table would take SQLite's write
        # lock on the main database for the length of the import.
        self.temporary_schema = "pg_temp" if self.uses_copy else "temp"
        self.stages = {}

    def add(self, sheet, present):
        stage = SheetStage(self, sheet, present)
        stage.create()
        self.stages[sheet.key] = stage
        return stage

    def drop(self):
        for stage in self.stages.values():
            stage.drop()
        self.stages.clear()

    def insert(self, table, columns, formatters, rows):
        quote = self.connection.ops.quote_name
        column_list = ", ".join(quote(column) for column in columns)
        with self.connection.cursor() as cursor:
            if self.uses_copy:
                block = io.StringIO()
                write = block.write
                for row in rows:
                    write(
                        "\t".join([fmt(value) for fmt, value in zip(formatters, row, strict=True)])
                    )
                    write("\n")
                block.seek(0)
                with self.connection.wrap_database_errors:
                    cursor.copy_expert(f"COPY {quote(table)} ({column_list}) FROM STDIN", block)
                return
            prepared = [
                [
                    value if fmt is None else fmt(value)
                    for fmt, value in zip(formatters, row, strict=True)
                ]
                for row in rows
            ]
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({column_list}) VALUES ({placeholders})",  # noqa: S608
                prepared,
            )


def _fits_sqlite(value):
    """A whole number beyond SQLite's 64 bits as text: only a row the model refused has one."""
    if type(value) is int and not -(2**63) <= value < 2**63:
        return str(value)
    return value
