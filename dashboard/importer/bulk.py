"""Multi-row INSERT for the import, without the ORM's per-value SQL compiler.

`QuerySet.bulk_create` compiles every value through the generic insert compiler (expressions,
placeholders, parameter hooks): about 5 µs a value, most of an import's time, while the database
itself takes a tenth of that. The import only ever inserts plain values into known columns, so it
prepares each value with its field (`get_db_prep_save`, as the ORM does) and sends one statement
per batch, RETURNING the new primary keys where the database can (SQLite 3.35+, PostgreSQL).
"""

from django.db import connections

# Rows per statement; lowered further when the database limits bound parameters.
MAX_ROWS_PER_STATEMENT = 1000


def can_insert_returning(using="default"):
    return connections[using].features.can_return_rows_from_bulk_insert


def insert_rows(model, fields, rows, *, return_pks=False, using="default"):
    """INSERT `rows` (sequences of Python values, in the order of `fields`) into `model`'s table.

    Returns the new primary keys in the order of `rows` when `return_pks` (the same assumption
    about RETURNING order that Django's bulk_create makes), else None.
    """
    if not rows:
        return [] if return_pks else None
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


def insert_instances(model, instances, using="default"):
    """INSERT unsaved `instances` and give them their primary keys, as bulk_create would."""
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    rows = [[field.pre_save(instance, True) for field in fields] for instance in instances]
    pks = insert_rows(model, fields, rows, return_pks=True, using=using)
    for instance, pk in zip(instances, pks, strict=True):
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = using
