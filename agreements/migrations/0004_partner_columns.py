"""What an agreement keeps from its partners (agreements/partner_columns.py), filled for the
agreements already saved, with trigram indexes on PostgreSQL as on the search texts
(dashboard/migrations/0004_search_trigram_indexes.py)."""

from django.db import migrations, models

from agreements.partner_columns import refresh_partner_columns

INDEXED_COLUMNS = ["partners_search_text", "partner_countries"]


def index_name(column):
    return f"agreements_agreement_{column}_trgm"


def fill(apps, schema_editor):
    agreement = apps.get_model("agreements", "Agreement")
    partner = apps.get_model("partners", "Partner")
    refresh_partner_columns(agreement.objects.all(), partner_model=partner)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for column in INDEXED_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(index_name(column))} "
            f"ON agreements_agreement USING gin ({quote(column)} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in INDEXED_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(column))}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0003_left_to_lapse_sent_reminders"),
        ("partners", "0003_search_text"),
        # pg_trgm
        ("dashboard", "0004_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="partner_countries",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Its partners' country codes, as ,KR,JP, (agreements/partner_columns.py).",
                verbose_name="partners' countries",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="partners_search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="The search texts of its partners (agreements/partner_columns.py).",
                verbose_name="partners' search text",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
