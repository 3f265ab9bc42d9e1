"""What needs the staff's attention on a day: the selectors behind the "Needs attention" page.

Each rule takes `today` (the page passes `timezone.localdate()`) and is one query whatever the
data (EXISTS subqueries, never a query per record), plus the prefetch of the agreements'
partners where the list shows them:

- agreements expiring within 90 days or expired within the last 30, awaiting renewal (not
  renewed, not left to lapse, not terminated: `AgreementQuerySet.awaiting_renewal`);
- dormant partners: relationship alive today and at least three years old, with no delegation,
  hosted event or agreement in the last three years;
- agreements on paper only: in force today, with no implementation entry and no delegation or
  hosted event carrying them out in the last 24 months;
- records with missing details: partners without a country (international organisations and
  city networks have none), agreements without a signing date, hosted events without
  participating countries. No record has an optional English name to miss: a partner's `name`
  (Latin script) is required.

A day "N years/months before" is the same calendar day, or the month's last day when it has
none (29 February → 28 February). The boundaries count as inside: an agreement expiring in
exactly 90 days, or a delegation exactly three years ago, is within.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from operator import attrgetter, methodcaller
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.filters import agreement_status
from agreements.models import Agreement, ImplementationEntry, in_force_on_q
from agreements.tables import agreement_list_queryset, partner_names
from danang_intl.lists import Column, linked_table
from delegations.models import Delegation, HostedEvent
from delegations.tables import event_list_queryset
from partners.models import Partner
from partners.tables import country_name, partner_list_queryset

EXPIRING_AHEAD_DAYS = 90
EXPIRED_BEHIND_DAYS = 30
DORMANT_YEARS = 3
ON_PAPER_MONTHS = 24
# Kinds of partner that are international by nature and have no country (Partner.country).
WITHOUT_COUNTRY_KINDS = (Partner.Kind.ORGANIZATION, Partner.Kind.NETWORK)


def months_before(day, months):
    """The same calendar day `months` months before `day` (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def agreements_expiring(*, today):
    """Agreements awaiting renewal that expire in the next 90 days or expired in the last 30,
    soonest expiry first."""
    return (
        agreement_list_queryset()
        .awaiting_renewal()
        .filter(
            expires_on__gte=today - dt.timedelta(days=EXPIRED_BEHIND_DAYS),
            expires_on__lte=today + dt.timedelta(days=EXPIRING_AHEAD_DAYS),
        )
        .order_by("expires_on", "ref")
    )


def partners_dormant(*, today):
    """Partners whose relationship is alive `today` and was established three years ago or
    more, with no delegation (started), hosted event (carrying out one of their agreements,
    started) or agreement (signed or taking effect) on or after the day three years ago.

    Each carries the dates of its latest delegation, event and agreement signed, all before
    then (or None): `last_activity` shows the latest of them.
    """
    since = months_before(today, 12 * DORMANT_YEARS)
    delegations = Delegation.objects.filter(partners=OuterRef("pk"))
    events = HostedEvent.objects.filter(agreements__partners=OuterRef("pk"))
    agreements = Agreement.objects.filter(partners=OuterRef("pk"))
    return (
        partner_list_queryset()
        .active_on(today)
        .filter(established_on__lte=since)
        .filter(
            ~Exists(delegations.filter(start_on__gte=since)),
            ~Exists(events.filter(start_on__gte=since)),
            ~Exists(agreements.filter(Q(signed_on__gte=since) | Q(effective_on__gte=since))),
        )
        .annotate(
            last_delegation_on=_latest(delegations, "start_on"),
            last_event_on=_latest(events, "start_on"),
            last_agreement_on=_latest(agreements, "signed_on"),
        )
        .order_by("name", "ref")
    )


def _latest(queryset, field):
    return Subquery(queryset.order_by(F(field).desc(nulls_last=True)).values(field)[:1])


def last_activity(partner):
    dates = [partner.last_delegation_on, partner.last_event_on, partner.last_agreement_on]
    return max((d for d in dates if d is not None), default=None)


def agreements_on_paper_only(*, today):
    """Agreements in force `today` with no implementation entry, delegation or hosted event
    carrying them out on or after the day 24 months ago (future ones count too)."""
    since = months_before(today, ON_PAPER_MONTHS)
    entries = ImplementationEntry.objects.filter(agreement=OuterRef("pk"), done_on__gte=since)
    delegations = Delegation.objects.filter(agreements=OuterRef("pk"), start_on__gte=since)
    events = HostedEvent.objects.filter(agreements=OuterRef("pk"), start_on__gte=since)
    return (
        agreement_list_queryset()
        .filter(in_force_on_q(today))
        .filter(~Exists(entries), ~Exists(delegations), ~Exists(events))
        .order_by("signed_on", "ref")
    )


def partners_without_country():
    return (
        partner_list_queryset()
        .filter(country="")
        .exclude(kind__in=WITHOUT_COUNTRY_KINDS)
        .order_by("name", "ref")
    )


def agreements_without_signing_date():
    return agreement_list_queryset().filter(signed_on__isnull=True).order_by("ref")


def events_without_countries():
    return event_list_queryset().filter(countries="").order_by("-start_on", "ref")


# -- the page's sections ---------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    title: Any
    description: Any
    table: Any  # danang_intl.lists.LinkedTable


CODE = Column(_("code"), attrgetter("ref"))
AGREEMENT_TITLE = Column(_("title"), attrgetter("title"), link=True)
AGREEMENT_PARTNERS = Column(_("partners"), partner_names)
AGREEMENT_STATUS = Column(_("status"), lambda a: agreement_status(a, timezone.localdate()).label)
RESPONSIBLE_UNIT = Column(_("responsible unit"), attrgetter("responsible_unit"))
PARTNER_NAME = Column(_("name"), attrgetter("name"), link=True)
PARTNER_KIND = Column(_("kind"), methodcaller("get_kind_display"))

EXPIRING_COLUMNS = (
    CODE,
    AGREEMENT_TITLE,
    AGREEMENT_PARTNERS,
    Column(_("expires on"), attrgetter("expires_on")),
    AGREEMENT_STATUS,
    RESPONSIBLE_UNIT,
)
DORMANT_COLUMNS = (
    CODE,
    PARTNER_NAME,
    PARTNER_KIND,
    Column(_("country"), lambda p: country_name(p.country)),
    Column(_("established on"), attrgetter("established_on")),
    Column(_("last delegation, event or agreement"), last_activity),
)
ON_PAPER_COLUMNS = (
    CODE,
    AGREEMENT_TITLE,
    AGREEMENT_PARTNERS,
    Column(_("signed on"), attrgetter("signed_on")),
    Column(_("expires on"), attrgetter("expires_on")),
    RESPONSIBLE_UNIT,
)
NO_COUNTRY_COLUMNS = (
    CODE,
    PARTNER_NAME,
    PARTNER_KIND,
    Column(_("relationship"), methodcaller("get_relationship_display")),
)
UNSIGNED_COLUMNS = (
    CODE,
    AGREEMENT_TITLE,
    AGREEMENT_PARTNERS,
    AGREEMENT_STATUS,
    Column(_("effective from"), attrgetter("effective_on")),
)
NO_COUNTRIES_COLUMNS = (
    CODE,
    Column(_("name"), attrgetter("name"), link=True),
    Column(_("kind"), methodcaller("get_kind_display")),
    Column(_("starts on"), attrgetter("start_on")),
)
AGREEMENT_DETAIL = "agreements:detail"
PARTNER_DETAIL = "partners:detail"
EVENT_DETAIL = "delegations:event-detail"


def attention_sections(*, today):
    """The page's sections in order, each a table of its records with their count."""
    return [
        Section(
            "expiring",
            _("Agreements expiring or just expired"),
            _(
                "Expiring in the next 90 days or expired in the last 30, with no agreement "
                "renewing them and not left to lapse."
            ),
            linked_table(
                agreements_expiring(today=today),
                EXPIRING_COLUMNS,
                detail_url_name=AGREEMENT_DETAIL,
            ),
        ),
        Section(
            "dormant",
            _("Dormant partners"),
            _(
                "Relationship alive today and three years old or more, with no delegation, "
                "hosted event or agreement in the last three years."
            ),
            linked_table(
                partners_dormant(today=today), DORMANT_COLUMNS, detail_url_name=PARTNER_DETAIL
            ),
        ),
        Section(
            "on_paper",
            _("Agreements on paper only"),
            _(
                "In force today, with no implementation entry and no delegation or hosted "
                "event carrying them out in the last 24 months."
            ),
            linked_table(
                agreements_on_paper_only(today=today),
                ON_PAPER_COLUMNS,
                detail_url_name=AGREEMENT_DETAIL,
            ),
        ),
        Section(
            "no_country",
            _("Partners without a country"),
            _("International organisations and city networks are not listed: they have none."),
            linked_table(
                partners_without_country(), NO_COUNTRY_COLUMNS, detail_url_name=PARTNER_DETAIL
            ),
        ),
        Section(
            "unsigned",
            _("Agreements without a signing date"),
            _("Still being negotiated, or the date was not entered."),
            linked_table(
                agreements_without_signing_date(),
                UNSIGNED_COLUMNS,
                detail_url_name=AGREEMENT_DETAIL,
            ),
        ),
        Section(
            "no_countries",
            _("Hosted events without participating countries"),
            "",
            linked_table(
                events_without_countries(), NO_COUNTRIES_COLUMNS, detail_url_name=EVENT_DETAIL
            ),
        ),
    ]
