"""The field codes of the data contract, with their names in Vietnamese and English."""

from django.db import migrations

from partners.reference import COOPERATION_FIELDS, ensure_cooperation_fields


def add_fields(apps, schema_editor):
    ensure_cooperation_fields(apps.get_model("partners", "CooperationField"))


def remove_fields(apps, schema_editor):
    apps.get_model("partners", "CooperationField").objects.filter(
        code__in=[code for code, _, _ in COOPERATION_FIELDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(add_fields, remove_fields)]
