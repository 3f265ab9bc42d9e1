"""Bulk writes for the import, without the ORM's per-value SQL compiler.

`QuerySet.bulk_create` compiles every value through the generic insert compiler (expressions,
placeholders, parameter hooks): about 5 µs a value, most of an import's time, while the database
itself takes a tenth of that. The import only ever inserts plain values into known columns, so:

- on PostgreSQL it takes a block of keys from the table's sequence and streams the rows with
  `COPY ... FROM STDIN` (the fastest way in; the values of the plain field types are written as
  COPY text directly, any other through its field's `get_db_prep_save`);
- elsewhere (SQLite) it prepares each value with its field and sends one multi-row INSERT per
  batch, RETURNING the new primary keys.

History rows are copied by the database itself from the records just written (`copy_history`),
so a record and its history row can never disagree.
"""

import datetime
import io
import itertools

from django.db import connections, models

# Rows per INSERT statement; lowered further when the database limits bound parameters.
MAX_ROWS_PER_STATEMENT = 1000
# Rows per COPY: the text of one block is held in memory at a time.
COPY_BLOCK = 20_000
# Keys per `IN (...)` list: below SQLite's oldest limit of 999 bound parameters.
KEYS_PER_STATEMENT = 900

# Backslash first, so the escapes' own backslashes are not doubled.
_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))
# Field classes whose Python value is written as it is (exact classes: a subclass such as a
# country field keeps its own conversion).
_TEXT_FIELDS = {models.CharField, models.TextField, models.SlugField, models.EmailField}
_PLAIN_FIELDS = {
    models.DateField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.BooleanField,
    models.ForeignKey,
}


def can_insert_returning(using="default"):
    return connections[using].features.can_return_rows_from_bulk_insert


def uses_copy(using="default"):
    return connections[using].vendor == "postgresql"


def chunked(items, size):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def insert_rows(model, fields, rows, *, return_pks=False, using="default"):
    """INSERT `rows` (sequences of Python values, in the order of `fields`) into `model`'s table.

    Returns the new primary keys in the order of `rows` when `return_pks`, else None.
    """
    if not rows:
        return [] if return_pks else None
    if uses_copy(using):
        return _copy_rows(model, fields, rows, return_pks=return_pks, using=using)
    return _insert_rows(model, fields, rows, return_pks=return_pks, using=using)


def _insert_rows(model, fields, rows, *, return_pks, using):
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    returning = f" RETURNING {quote(model._meta.pk.column)}" if return_pks else ""
    row_placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    preparers = [field.get_db_prep_save for field in fields]
    size = max(1, min(MAX_ROWS_PER_STATEMENT, connection.ops.bulk_batch_size(fields, rows)))

    pks = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = []
            for row in batch:
                params.extend(
                    prepare(value, connection)
                    for prepare, value in zip(preparers, row, strict=True)
                )
            # Table and column names come from the model's meta and are quoted; every value is
            # a bound parameter.
            sql = (
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
                + ", ".join([row_placeholder] * len(batch))
                + returning
            )
            cursor.execute(sql, params)
            if return_pks:
                pks.extend(row[0] for row in cursor.fetchall())
    return pks if return_pks else None


def _copy_rows(model, fields, rows, *, return_pks, using):
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = model._meta
    table = quote(meta.db_table)
    pk_column = meta.pk.column
    formatters = [_copy_formatter(field, connection) for field in fields]
    columns = [quote(field.column) for field in fields]
    pks = []
    with connection.cursor() as cursor:
        if return_pks:
            # Keys come from the table's own sequence, so later inserts by the ORM go on from
            # where the import stopped.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk_column, len(rows)],
            )
            pks = [pk for (pk,) in cursor.fetchall()]
            columns = [quote(pk_column), *columns]
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        for start in range(0, len(rows), COPY_BLOCK):
            block = io.StringIO()
            write = block.write
            for offset, row in enumerate(rows[start : start + COPY_BLOCK]):
                cells = [fmt(value) for fmt, value in zip(formatters, row, strict=True)]
                if return_pks:
                    cells.insert(0, str(pks[start + offset]))
                write("\t".join(cells))
                write("\n")
            block.seek(0)
            # copy_expert is psycopg2's own: without this, a refused COPY (a code saved by
            # someone else meanwhile) would escape as a psycopg2 error, not a DatabaseError.
            with connection.wrap_database_errors:
                cursor.copy_expert(sql, block)
    return pks if return_pks else None


def _copy_formatter(field, connection):
    """A function from a field's Python value to its text in COPY's text format."""
    kind = type(field)
    if kind in _TEXT_FIELDS:
        return _copy_text
    if kind in _PLAIN_FIELDS:
        return _copy_plain
    prepare = field.get_db_prep_save

    def formatted(value):
        return _copy_plain(prepare(value, connection))

    return formatted


def _copy_text(value):
    if value is None:
        return "\\N"
    return _escape(str(value))


def _escape(text):
    # str.replace rather than str.translate: translate looks up every character in a dict,
    # ten times slower on Vietnamese text.
    for special, escaped in _COPY_ESCAPES:
        if special in text:
            text = text.replace(special, escaped)
    return text


def _copy_plain(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _escape(value)
    return str(value)


def record_values(fields, instance):
    """The values of `fields` of an unsaved `instance`, as an INSERT of it would write them."""
    values = []
    for field in fields:
        if field.attname in instance.__dict__ and type(field).pre_save is models.Field.pre_save:
            values.append(instance.__dict__[field.attname])
        else:
            values.append(field.pre_save(instance, True))
    return values


def insert_instances(model, instances, using="default"):
    """INSERT unsaved `instances` and give them their primary keys, as bulk_create would."""
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    rows = [record_values(fields, instance) for instance in instances]
    pks = insert_rows(model, fields, rows, return_pks=True, using=using)
    for instance, pk in zip(instances, pks, strict=True):
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = using


def copy_history(model, history_model, pks, *, values, using="default"):
    """Write one history row per record of `model` in `pks`, copied by the database from the
    records as they are now; `values` gives the history's own columns (date, reason, type,
    user). Returns [(history_id, record pk)].
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    tracked = history_model.tracked_fields
    own = [history_model._meta.get_field(name) for name in values]
    target = ", ".join(quote(field.column) for field in [*tracked, *own])
    source_meta = model._meta
    selected = ", ".join(quote(source_meta.get_field(field.name).column) for field in tracked)
    history_pk = quote(history_model._meta.pk.column)
    record_pk = quote(source_meta.pk.column)
    params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(own, values.values(), strict=True)
    ]
    created = []
    with connection.cursor() as cursor:
        for batch in chunked(pks, KEYS_PER_STATEMENT):
            # Names come from the models' meta and are quoted; values are bound parameters.
            sql = (
                f"INSERT INTO {quote(history_model._meta.db_table)} ({target}) "  # noqa: S608
                f"SELECT {selected}, {', '.join(['%s'] * len(own))} "
                f"FROM {quote(source_meta.db_table)} "
                f"WHERE {record_pk} IN ({', '.join(['%s'] * len(batch))}) "
                f"RETURNING {history_pk}, {quote(tracked_pk_column(history_model))}"
            )
            cursor.execute(sql, [*params, *batch])
            created.extend(cursor.fetchall())
    return created


def tracked_pk_column(history_model):
    """The history table's copy of the record's primary key."""
    return history_model._meta.get_field(history_model.instance_type._meta.pk.name).column


def copy_link_history(
    link_history_model,
    through,
    source_field,
    target_field,
    history_ids,
    *,
    history_model,
    using="default",
):
    """Snapshot the links of the records of the new history rows `history_ids`, as simple-history
    does on save(): one row per link and history row."""
    connection = connections[using]
    quote = connection.ops.quote_name
    link_meta = link_history_model._meta
    target = ", ".join(
        quote(link_meta.get_field(name).column)
        for name in ("id", source_field.name, target_field.name, "history")
    )
    history_table = quote(history_model._meta.db_table)
    history_pk = quote(history_model._meta.pk.column)
    record_pk = quote(tracked_pk_column(history_model))
    through_table = quote(through._meta.db_table)
    with connection.cursor() as cursor:
        for batch in chunked(history_ids, KEYS_PER_STATEMENT):
            sql = (
                f"INSERT INTO {quote(link_meta.db_table)} ({target}) "  # noqa: S608
                f"SELECT t.{quote(through._meta.pk.column)}, t.{quote(source_field.column)}, "
                f"t.{quote(target_field.column)}, h.{history_pk} "
                f"FROM {through_table} t JOIN {history_table} h "
                f"ON h.{record_pk} = t.{quote(source_field.column)} "
                f"WHERE h.{history_pk} IN ({', '.join(['%s'] * len(batch))})"
            )
            cursor.execute(sql, batch)
