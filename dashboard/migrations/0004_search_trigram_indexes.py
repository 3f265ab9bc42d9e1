"""Trigram indexes on the search columns, on PostgreSQL.

Search is `search_text LIKE '%word%'` (danang_intl/search.py). Without an index that reads the
whole table: about half a second per query on a million delegations. A GIN index with pg_trgm's
operator class answers the same LIKE from the index. pg_trgm ships with PostgreSQL and is a
trusted extension (13+), so the database's owner may create it. Other databases keep the plain
scan, which is fast enough at a city's scale.
"""

from django.db import migrations

SEARCHED_TABLES = [
    "partners_partner",
    "agreements_agreement",
    "delegations_delegation",
    "delegations_hostedevent",
    "investment_fdiproject",
]


def index_name(table):
    return f"{table}_search_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in SEARCHED_TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(index_name(table))} "
            f"ON {quote(table)} USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCHED_TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(table))}")


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0003_user_profile"),
        ("partners", "0003_search_text"),
        ("agreements", "0003_left_to_lapse_sent_reminders"),
        ("delegations", "0002_search_text"),
        ("investment", "0002_search_text"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
