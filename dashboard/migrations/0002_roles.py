"""Create the leadership, staff and administrators groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from dashboard.roles import ROLES, sync_role_permissions


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so that the
    # groups can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_role_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dashboard", "0001_initial"),
        ("partners", "0002_cooperation_fields"),
        ("agreements", "0001_initial"),
        ("delegations", "0001_initial"),
        ("investment", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
