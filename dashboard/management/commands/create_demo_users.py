"""Create one demo user per role and print their logins (for `make run` on a laptop)."""

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dashboard.roles import ADMINISTRATORS, LEADERSHIP, STAFF

# (user name, password, role, full name). The passwords are for a laptop demo only; the
# command refuses to run with DEBUG off so that they never reach a server.
DEMO_USERS = (
    ("lanhdao", "lanhdao-demo-2025", LEADERSHIP, "Nguyễn Văn Lãnh Đạo"),
    ("chuyenvien", "chuyenvien-demo-2025", STAFF, "Trần Thị Chuyên Viên"),
    ("quantri", "quantri-demo-2025", ADMINISTRATORS, "Lê Quản Trị"),
)


class Command(BaseCommand):
    help = "Create the demo users (leadership, staff, administrators) and print their logins."

    def handle(self, *args, **options):
        from django.conf import settings

        if not settings.DEBUG:
            raise CommandError("Demo users are for a laptop: run with DJANGO_DEBUG=1.")
        with transaction.atomic():
            for username, password, role, full_name in DEMO_USERS:
                # Vietnamese names keep their order: the full name goes in first_name.
                user, _ = User.objects.update_or_create(
                    username=username,
                    defaults={"is_staff": True, "first_name": full_name, "last_name": ""},
                )
                user.set_password(password)
                user.save()
                user.groups.set([Group.objects.get(name=role)])
        self.stdout.write("Demo logins:")
        for username, password, role, _full_name in DEMO_USERS:
            self.stdout.write(f"  {role:<15} {username:<12} {password}")
