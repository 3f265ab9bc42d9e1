"""Expiry reminders (`manage.py send_reminders`, agreements/reminders.py): 180, 90 and 30 days
before an agreement expires, then weekly, each once, to the staff of its responsible unit, in
their language."""

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import SentReminder
from agreements.reminders import current_milestone, reminders_due
from dashboard.models import UserProfile
from dashboard.roles import LEADERSHIP, STAFF
from tests.factories import create_agreement, create_user
from tests.lists import freeze_today

pytestmark = pytest.mark.django_db

EXPIRES = dt.date(2026, 6, 30)
UNIT = "Sở Ngoại vụ"


def days_before(n):
    return EXPIRES - dt.timedelta(days=n)


def days_after(n):
    return EXPIRES + dt.timedelta(days=n)


def run(day, *args):
    out = StringIO()
    call_command("send_reminders", "--date", day.isoformat(), *args, stdout=out)
    return out.getvalue()


def staff_of(unit, username="lan", *, language=None, email=None, role=STAFF, **fields):
    if email is None:
        email = f"{username}@danang.gov.vn"
    user = create_user(username, role=role, email=email, **fields)
    UserProfile.objects.create(user=user, unit=unit, **({"language": language} if language else {}))
    return user


@pytest.fixture
def lan():
    """A staff member of the Department of Foreign Affairs, with no preferred language set."""
    return staff_of(UNIT)


@pytest.fixture
def agreement(lan):
    return create_agreement(
        ref="TT-KR-DAEGU",
        title="Biên bản ghi nhớ hợp tác với Daegu",
        signed_on=dt.date(2021, 7, 1),
        expires_on=EXPIRES,
        responsible_unit=UNIT,
    )


# -- when ------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [180, 90, 30])
def test_reminder_is_sent_on_the_milestone_day(agreement, mailoutbox, days):
    run(days_before(days))

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["lan@danang.gov.vn"]
    assert SentReminder.objects.get().milestone == f"before-{days}"


def test_nothing_is_sent_181_days_before_expiry(agreement, mailoutbox):
    run(days_before(181))

    assert mailoutbox == []


def test_nothing_more_is_sent_between_milestones(agreement, mailoutbox):
    for day in range(180, 90, -1):
        run(days_before(day))

    assert len(mailoutbox) == 1
    assert SentReminder.objects.count() == 1


def test_running_twice_on_the_same_day_sends_once(agreement, mailoutbox):
    run(days_before(90))
    run(days_before(90))

    assert len(mailoutbox) == 1


def test_missed_milestone_day_is_caught_up_once_by_the_next_run(agreement, mailoutbox):
    run(days_before(180))
    # The cron did not run on the 90-day day; the next run sends the 90-day reminder.
    run(days_before(85))
    run(days_before(84))

    assert list(SentReminder.objects.order_by("sent_at").values_list("milestone", flat=True)) == [
        "before-180",
        "before-90",
    ]
    assert len(mailoutbox) == 2


def test_only_the_latest_missed_milestone_is_sent(agreement, mailoutbox):
    # The agreement is entered (or the cron starts) 40 days before expiry: the 180-day reminder
    # has passed for good, the 90-day one is the news.
    run(days_before(40))

    assert len(mailoutbox) == 1
    assert SentReminder.objects.get().milestone == "before-90"


def test_reminders_come_weekly_after_expiry(agreement, mailoutbox):
    for day in range(0, 16):
        run(days_after(day))

    milestones = list(SentReminder.objects.order_by("sent_at").values_list("milestone", flat=True))
    assert milestones == ["before-30", "expired-1", "expired-2", "expired-3"]
    assert current_milestone(EXPIRES, days_after(1)).due_on == days_after(1)
    assert current_milestone(EXPIRES, days_after(8)).due_on == days_after(8)
    assert current_milestone(EXPIRES, days_after(14)).key == "expired-2"
    assert len(mailoutbox) == 4


def test_agreement_is_still_in_force_on_its_expiry_day(agreement, mailoutbox):
    run(EXPIRES)

    assert SentReminder.objects.get().milestone == "before-30"


def test_missed_weekly_reminder_is_sent_late(agreement, mailoutbox):
    run(days_after(1))
    run(days_after(10))  # missed day 8

    assert list(SentReminder.objects.order_by("sent_at").values_list("milestone", flat=True)) == [
        "expired-1",
        "expired-2",
    ]


def test_no_reminder_once_renewed(agreement, mailoutbox):
    run(days_before(90))
    create_agreement(ref="TT-KR-DAEGU-2", renews=agreement, signed_on=None)

    run(days_before(30))
    run(days_after(1))

    assert len(mailoutbox) == 1


def test_no_reminder_once_left_to_lapse(agreement, mailoutbox):
    agreement.left_to_lapse = True
    agreement.save()

    run(days_before(30))
    run(days_after(8))

    assert mailoutbox == []


def test_terminated_agreement_gets_no_reminder(agreement, mailoutbox):
    agreement.terminated_on = dt.date(2025, 1, 1)
    agreement.save()

    run(days_before(30))

    assert mailoutbox == []


def test_moved_expiry_date_gets_its_reminders_again(agreement, mailoutbox):
    run(days_before(30))
    agreement.expires_on = days_after(90)  # extended by an amendment
    agreement.save()

    run(days_after(60))  # 30 days before the new date

    assert len(mailoutbox) == 2


# -- to whom ---------------------------------------------------------------------------------


def test_every_staff_member_of_the_unit_receives_it_once(agreement, mailoutbox):
    staff_of("  sở ngoại  VỤ ", "minh")  # the same unit, typed differently
    staff_of("Sở Xây dựng", "hoa")  # another unit

    run(days_before(90))
    run(days_before(90))

    assert sorted(m.to[0] for m in mailoutbox) == ["lan@danang.gov.vn", "minh@danang.gov.vn"]


def test_users_outside_staff_without_email_or_inactive_receive_nothing(mailoutbox):
    staff_of(UNIT, "lanhdao", role=LEADERSHIP)
    staff_of(UNIT, "noemail", email="")
    staff_of(UNIT, "left", is_active=False)
    create_agreement(expires_on=EXPIRES, responsible_unit=UNIT)

    out = run(days_before(90))

    assert mailoutbox == []
    assert "no recipient for" in out


def test_agreement_of_a_unit_without_staff_is_reported(mailoutbox):
    create_agreement(ref="A-ORPHAN", expires_on=EXPIRES, responsible_unit="Sở Nội vụ")

    out = run(days_before(90))

    assert mailoutbox == []
    assert "no recipient for A-ORPHAN" in out
    assert "Sở Nội vụ" in out


# -- in which language -----------------------------------------------------------------------


def test_reminder_is_in_vietnamese_by_default(agreement, mailoutbox):
    run(days_before(90))

    body = mailoutbox[0].body
    assert "Đơn vị đầu mối: Sở Ngoại vụ" in body
    assert "Đối ngoại Đà Nẵng" in body
    assert "TT-KR-DAEGU · Biên bản ghi nhớ hợp tác với Daegu" in body
    assert f"http://127.0.0.1:8000/agreements/{agreement.pk}/" in body
    assert "30/06/2026" in mailoutbox[0].subject


def test_reminder_is_in_english_for_a_user_who_prefers_english(agreement, mailoutbox):
    staff_of(UNIT, "john", language="en")

    run(days_before(90))

    by_recipient = {m.to[0]: m for m in mailoutbox}
    english = by_recipient["john@danang.gov.vn"]
    assert english.subject == "Agreement TT-KR-DAEGU expires in 90 days, on 30/06/2026"
    assert "The agreement below expires in 90 days, on 30/06/2026" in english.body
    assert "Responsible unit: Sở Ngoại vụ" in english.body
    assert "Da Nang foreign affairs" in english.body
    assert "Đơn vị đầu mối" in by_recipient["lan@danang.gov.vn"].body


def test_expired_reminder_says_how_long_ago(agreement, mailoutbox):
    staff_of(UNIT, "john", language="en")

    run(days_after(8))

    english = next(m for m in mailoutbox if m.to == ["john@danang.gov.vn"])
    assert english.subject == "Agreement TT-KR-DAEGU expired on 30/06/2026 and is not renewed"
    assert "expired 8 days ago, on 30/06/2026" in english.body
    assert "every week" in english.body


# -- the command -----------------------------------------------------------------------------


def test_dry_run_sends_and_records_nothing(agreement, mailoutbox):
    out = run(days_before(90), "--dry-run")

    assert mailoutbox == []
    assert SentReminder.objects.count() == 0
    assert "would send before-90 for TT-KR-DAEGU (expires 2026-06-30) to lan@danang.gov.vn" in out


def test_command_says_what_it_sent(agreement, mailoutbox):
    out = run(days_before(90))

    assert "sent before-90 for TT-KR-DAEGU (expires 2026-06-30) to lan@danang.gov.vn" in out
    assert "2026-04-01: 1 reminder(s) sent, 0 agreement(s) without recipient, 0 failed." in out


def test_today_is_the_local_date_by_default(agreement, mailoutbox, monkeypatch):
    freeze_today(monkeypatch, days_before(30))

    call_command("send_reminders", stdout=StringIO())

    assert SentReminder.objects.get().milestone == "before-30"


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_reminders", "--date", "30/06/2026")


def test_failed_email_is_not_recorded_and_is_sent_by_the_next_run(
    agreement, mailoutbox, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPException("server unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", refuse)
        with pytest.raises(CommandError, match="1 reminder\\(s\\) could not be sent"):
            run(days_before(90))
    assert SentReminder.objects.count() == 0

    run(days_before(89))

    assert len(mailoutbox) == 1
    assert SentReminder.objects.get().milestone == "before-90"


# -- on the attention page -------------------------------------------------------------------


def test_attention_page_lists_the_reminders_due_and_whether_they_went_out(
    staff_client, in_english, agreement, monkeypatch, mailoutbox
):
    freeze_today(monkeypatch, days_before(90))
    create_agreement(ref="A-ORPHAN", expires_on=EXPIRES, responsible_unit="Sở Nội vụ")

    before = staff_client.get("/attention/")
    run(days_before(90))
    after = staff_client.get("/attention/")

    due = {r.agreement.ref: r for r in before.context["reminders"]}
    assert set(due) == {"TT-KR-DAEGU", "A-ORPHAN"}
    assert [u.username for u in due["TT-KR-DAEGU"].recipients] == ["lan"]
    assert due["TT-KR-DAEGU"].sent is False
    assert due["A-ORPHAN"].recipients == []
    assert {r.agreement.ref: r.sent for r in after.context["reminders"]} == {
        "TT-KR-DAEGU": True,
        "A-ORPHAN": False,
    }
    html = after.content.decode()
    assert "90 days before expiry" in html
    assert "nobody: no staff member of this unit has an e-mail address" in html


def test_reminders_due_needs_three_queries_whatever_the_data(django_assert_num_queries, lan):
    for _ in range(5):
        create_agreement(expires_on=EXPIRES, responsible_unit=UNIT)

    # the agreements due, the staff by unit, the reminders sent about those agreements
    with django_assert_num_queries(3):
        due = reminders_due(today=days_before(90))

    assert len(due) == 5


def test_administrator_sets_a_users_unit_and_language_on_the_users_page(admin_client_role, lan):
    response = admin_client_role.get(f"/admin/auth/user/{lan.pk}/change/")
    users = admin_client_role.get("/admin/auth/user/")

    html = response.content.decode()
    assert 'name="profile-0-unit"' in html
    assert 'value="Sở Ngoại vụ"' in html
    assert 'name="profile-0-language"' in html
    assert "Sở Ngoại vụ" in users.content.decode()  # the unit is a column of the user list
