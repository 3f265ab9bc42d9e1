from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from django.contrib.auth.models import Group, Permission

    from dashboard.roles import sync_role_permissions

    sync_role_permissions(Group, Permission)


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Statistics and imports")

    def ready(self):
        # After the permissions of every app exist (they are created by post_migrate too).
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="dashboard_sync_roles")
        # A change to any record gives the data a new version, so no cached figure goes stale.
        from dashboard.signals import connect_record_signals

        connect_record_signals()
        # A query string the admin cannot use is refused, never a server error.
        from dashboard import admin_fixes

        admin_fixes.apply()
