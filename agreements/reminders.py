"""Expiry reminders: which agreement is due which reminder on a day, to whom, and sending them.

An agreement awaiting renewal (`AgreementQuerySet.awaiting_renewal`: not renewed, not left to
lapse, not terminated) has reminder milestones 180, 90 and 30 days before it expires, then one on
the first day it is no longer in force (the day after `expires_on`) and every 7 days after that,
until someone renews it or marks it as left to lapse.

On a day, only the latest milestone already reached is due (`current_milestone`). If the daily
run was missed on a milestone's day, the next run still sends that milestone, once, but never the
earlier milestones it has passed since: a person hears about an agreement once per milestone,
and about the nearest one only. Each reminder sent is kept (`SentReminder`, unique per agreement,
recipient, expiry date and milestone), so running twice on the same day sends nothing new.

Recipients: active users of the `staff` group with an e-mail address whose profile unit is the
agreement's responsible unit, compared with case, accents' composition and spaces normalised
(`unit_key`). The e-mail is written in the recipient's preferred language (Vietnamese unless the
profile says otherwise).
"""

import datetime as dt
import logging
import smtplib
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agreements.models import Agreement, SentReminder
from dashboard.models import profile_of
from dashboard.roles import STAFF

logger = logging.getLogger(__name__)

DAYS_BEFORE = (180, 90, 30)
WEEK = 7


@dataclass(frozen=True)
class Milestone:
    """A reminder's place in an agreement's life: `key` is stored with each sent reminder."""

    key: str  # "before-180", "before-90", "before-30", "expired-1", "expired-2", ...
    due_on: dt.date

    @property
    def expired(self):
        return self.key.startswith("expired-")

    @property
    def label(self):
        kind, number = self.key.split("-")
        if kind == "expired":
            return _("expired, week {week}").format(week=number)
        return _("{days} days before expiry").format(days=number)


def current_milestone(expires_on, today):
    """The latest milestone reached on `today` for an agreement expiring on `expires_on`, or
    None while it is more than 180 days away.

    An agreement is in force on its expiry day, so the first "expired" milestone is the day
    after; the next ones come every 7 days.
    """
    if today > expires_on:
        weeks = ((today - expires_on).days - 1) // WEEK  # whole weeks since the first one
        return Milestone(f"expired-{weeks + 1}", expires_on + dt.timedelta(days=1 + WEEK * weeks))
    days_left = (expires_on - today).days
    for days in sorted(DAYS_BEFORE):
        if days_left <= days:
            return Milestone(f"before-{days}", expires_on - dt.timedelta(days=days))
    return None


def unit_key(unit):
    """A unit's name for comparison: "Sở Ngoại vụ", " sở  ngoại vụ " and a decomposed-accent
    copy pasted from elsewhere are the same unit."""
    return " ".join(unicodedata.normalize("NFC", unit).casefold().split())


@dataclass
class DueReminder:
    """The reminder one agreement is due on a day, its recipients and those already sent it."""

    agreement: Agreement
    milestone: Milestone
    today: dt.date
    recipients: list = field(default_factory=list)
    sent_to: set = field(default_factory=set)  # user ids

    @property
    def days_left(self):
        """Days until expiry; negative once expired."""
        return (self.agreement.expires_on - self.today).days

    @property
    def sent(self):
        """Every recipient has it."""
        return bool(self.recipients) and not self.pending

    @property
    def pending(self):
        return [user for user in self.recipients if user.pk not in self.sent_to]


def staff_by_unit():
    """{unit_key: [users]}: who receives the reminders of each unit (one query)."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STAFF, profile__unit__gt="")
        .exclude(email="")
        .select_related("profile")
        .order_by("username")
    )
    by_unit = {}
    for user in users:
        by_unit.setdefault(unit_key(user.profile.unit), []).append(user)
    return by_unit


def reminders_due(*, today):
    """Every agreement with a reminder due on `today`, soonest expiry first, with its
    recipients and who was already sent that reminder.

    Three queries whatever the data: the agreements, the staff with their units, the reminders
    sent about these agreements.
    """
    due_agreements = Agreement.objects.awaiting_renewal().filter(
        expires_on__lte=today + dt.timedelta(days=max(DAYS_BEFORE))
    )
    agreements = list(due_agreements.order_by("expires_on", "ref"))
    if not agreements:
        return []
    by_unit = staff_by_unit()
    sent = set(
        SentReminder.objects.filter(agreement__in=due_agreements.values("pk")).values_list(
            "agreement_id", "expires_on", "milestone", "recipient_id"
        )
    )
    due = []
    for agreement in agreements:
        milestone = current_milestone(agreement.expires_on, today)
        recipients = by_unit.get(unit_key(agreement.responsible_unit), [])
        sent_to = {
            user.pk
            for user in recipients
            if (agreement.pk, agreement.expires_on, milestone.key, user.pk) in sent
        }
        due.append(DueReminder(agreement, milestone, today, recipients, sent_to))
    return due


def agreement_url(agreement):
    return settings.SITE_URL.rstrip("/") + reverse("agreements:detail", args=[agreement.pk])


def reminder_message(reminder, recipient):
    """The e-mail of `reminder` to `recipient`, in the recipient's preferred language."""
    context = {
        "agreement": reminder.agreement,
        "milestone": reminder.milestone,
        "days_left": reminder.days_left,
        "days_ago": -reminder.days_left,
        "recipient": recipient,
        "url": agreement_url(reminder.agreement),
    }
    with translation.override(profile_of(recipient).language):
        subject = render_to_string("agreements/email/reminder_subject.txt", context)
        body = render_to_string("agreements/email/reminder_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body.strip() + "\n", to=[recipient.email]
    )


@dataclass
class SendResult:
    sent: list = field(default_factory=list)  # (reminder, user)
    failed: list = field(default_factory=list)  # (reminder, user, error)
    unaddressed: list = field(default_factory=list)  # reminders nobody receives


def send_reminders(*, today, dry_run=False):
    """Send every reminder due on `today` that was not sent yet.

    Each reminder is recorded before its e-mail goes out, in one transaction: a second run
    (even at the same time) meets the unique constraint and skips it, and an e-mail that fails
    rolls its record back, so the next run tries again. With `dry_run` nothing is sent or
    recorded; the result says what would be sent.
    """
    result = SendResult()
    for reminder in reminders_due(today=today):
        if not reminder.recipients:
            result.unaddressed.append(reminder)
            continue
        for user in reminder.pending:
            if dry_run:
                result.sent.append((reminder, user))
                continue
            try:
                with transaction.atomic():
                    SentReminder.objects.create(
                        agreement=reminder.agreement,
                        recipient=user,
                        expires_on=reminder.agreement.expires_on,
                        milestone=reminder.milestone.key,
                    )
                    reminder_message(reminder, user).send()
            except IntegrityError:
                continue  # another run sent it meanwhile
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("Reminder to %s failed: %s", user.email, error)
                result.failed.append((reminder, user, error))
                continue
            result.sent.append((reminder, user))
    return result
