"""E-mail the expiry reminders due today (agreements/reminders.py); run daily by cron."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agreements.reminders import send_reminders


def iso_date(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date: {value!r} is not a date; use YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "E-mail the staff of each agreement's responsible unit 180, 90 and 30 days before it "
        "expires and weekly after, until it is renewed or left to lapse; each reminder once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, help="Act as if today were this day (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        result = send_reminders(today=today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        for reminder, user in result.sent:
            self.stdout.write(
                f"{verb} {reminder.milestone.key} for {reminder.agreement.ref} "
                f"(expires {reminder.agreement.expires_on:%Y-%m-%d}) to {user.email}"
            )
        for reminder in result.unaddressed:
            unit = reminder.agreement.responsible_unit or "(none)"
            self.stdout.write(
                f"no recipient for {reminder.agreement.ref}: no staff member with an e-mail "
                f"address works in the responsible unit {unit}"
            )
        self.stdout.write(
            f"{today:%Y-%m-%d}: {len(result.sent)} reminder(s) "
            f"{'would be sent' if dry_run else 'sent'}, "
            f"{len(result.unaddressed)} agreement(s) without recipient, "
            f"{len(result.failed)} failed."
        )
        if result.failed:
            failures = "; ".join(f"{user.email}: {error}" for _r, user, error in result.failed)
            raise CommandError(f"{len(result.failed)} reminder(s) could not be sent: {failures}")
