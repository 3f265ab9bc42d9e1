"""The "Needs attention" page and its rules (dashboard/attention.py): agreements expiring or just
expired, dormant partners, agreements on paper only, records with missing details."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard.attention import (
    agreements_expiring,
    agreements_on_paper_only,
    agreements_without_signing_date,
    events_without_countries,
    months_before,
    partners_dormant,
    partners_without_country,
)
from partners.models import Partner
from tests.factories import (
    create_agreement,
    create_delegation,
    create_event,
    create_implementation_entry,
    create_partner,
    create_user,
)
from tests.lists import freeze_today

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 15)
D = dt.timedelta


def refs(queryset):
    return {record.ref for record in queryset}


# -- agreements expiring or just expired -----------------------------------------------------


def expiring_refs():
    return refs(agreements_expiring(today=TODAY))


def test_agreement_expiring_in_exactly_90_days_needs_attention():
    create_agreement(ref="A-90", expires_on=TODAY + D(days=90))

    assert expiring_refs() == {"A-90"}


def test_agreement_expiring_in_91_days_does_not_need_attention_yet():
    create_agreement(ref="A-91", expires_on=TODAY + D(days=91))

    assert expiring_refs() == set()


def test_agreement_expiring_today_needs_attention():
    create_agreement(ref="A-0", expires_on=TODAY)

    assert expiring_refs() == {"A-0"}


def test_agreement_expired_30_days_ago_still_needs_attention():
    create_agreement(ref="A-30", expires_on=TODAY - D(days=30))

    assert expiring_refs() == {"A-30"}


def test_agreement_expired_31_days_ago_is_no_longer_listed():
    create_agreement(ref="A-31", expires_on=TODAY - D(days=31))

    assert expiring_refs() == set()


def test_renewed_agreement_does_not_need_attention():
    old = create_agreement(ref="A-OLD", expires_on=TODAY + D(days=10))
    # A renewal still being negotiated is enough: somebody is on it.
    create_agreement(ref="A-NEW", renews=old, signed_on=None)

    assert expiring_refs() == set()


def test_agreement_left_to_lapse_does_not_need_attention():
    create_agreement(ref="A-LAPSE", expires_on=TODAY + D(days=10), left_to_lapse=True)

    assert expiring_refs() == set()


def test_terminated_agreement_does_not_need_attention():
    create_agreement(ref="A-TERM", expires_on=TODAY + D(days=10), terminated_on=dt.date(2025, 1, 1))

    assert expiring_refs() == set()


def test_agreement_without_an_expiry_date_never_expires():
    create_agreement(ref="A-OPEN", expires_on=None)

    assert expiring_refs() == set()


# -- dormant partners ------------------------------------------------------------------------


def dormant_refs():
    return refs(partners_dormant(today=TODAY))


THREE_YEARS_AGO = dt.date(2023, 3, 15)


@pytest.fixture
def old_partner():
    """A partner since 2015, alive today, with no activity of its own."""
    return create_partner(ref="P-OLD", established_on=dt.date(2015, 1, 1))


def test_partner_with_no_activity_for_three_years_is_dormant(old_partner):
    assert dormant_refs() == {"P-OLD"}


def test_partner_with_a_delegation_three_years_and_one_day_ago_is_dormant(old_partner):
    create_delegation(start_on=THREE_YEARS_AGO - D(days=1)).partners.set([old_partner])

    assert dormant_refs() == {"P-OLD"}
    assert partners_dormant(today=TODAY).get().last_delegation_on == dt.date(2023, 3, 14)


def test_partner_with_a_delegation_exactly_three_years_ago_is_not_dormant(old_partner):
    create_delegation(start_on=THREE_YEARS_AGO).partners.set([old_partner])

    assert dormant_refs() == set()


def test_partner_with_an_agreement_signed_within_three_years_is_not_dormant(old_partner):
    create_agreement(partners=[old_partner], signed_on=dt.date(2024, 6, 1))

    assert dormant_refs() == set()


def test_partner_with_an_agreement_signed_before_three_years_stays_dormant(old_partner):
    create_agreement(partners=[old_partner], signed_on=THREE_YEARS_AGO - D(days=1))

    assert dormant_refs() == {"P-OLD"}


def test_event_carrying_out_a_partners_agreement_keeps_the_partner_alive(old_partner):
    agreement = create_agreement(partners=[old_partner], signed_on=dt.date(2016, 1, 1))
    create_event(start_on=dt.date(2025, 6, 1)).agreements.set([agreement])

    assert dormant_refs() == set()


def test_partner_established_less_than_three_years_ago_is_not_dormant():
    create_partner(ref="P-NEW", established_on=THREE_YEARS_AGO + D(days=1))

    assert dormant_refs() == set()


def test_partner_whose_relationship_ended_is_not_dormant():
    create_partner(ref="P-ENDED", established_on=dt.date(2010, 1, 1), ended_on=dt.date(2020, 1, 1))

    assert dormant_refs() == set()


def test_another_partners_delegation_does_not_wake_a_dormant_one(old_partner):
    create_delegation(start_on=dt.date(2025, 6, 1)).partners.set(
        [create_partner(ref="P-BUSY", established_on=dt.date(2015, 1, 1))]
    )

    assert dormant_refs() == {"P-OLD"}


def test_three_years_before_29_february_is_28_february():
    assert months_before(dt.date(2028, 2, 29), 36) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 24) == dt.date(2024, 1, 15)


# -- agreements on paper only ----------------------------------------------------------------

TWO_YEARS_AGO = dt.date(2024, 3, 15)


def on_paper_refs():
    return refs(agreements_on_paper_only(today=TODAY))


@pytest.fixture
def agreement_in_force():
    return create_agreement(ref="A-PAPER", signed_on=dt.date(2020, 1, 1))


def test_agreement_in_force_with_nothing_done_is_on_paper_only(agreement_in_force):
    assert on_paper_refs() == {"A-PAPER"}


def test_implementation_entry_exactly_24_months_ago_counts(agreement_in_force):
    create_implementation_entry(agreement=agreement_in_force, done_on=TWO_YEARS_AGO)

    assert on_paper_refs() == set()


def test_implementation_entry_24_months_and_one_day_ago_is_too_old(agreement_in_force):
    create_implementation_entry(agreement=agreement_in_force, done_on=TWO_YEARS_AGO - D(days=1))

    assert on_paper_refs() == {"A-PAPER"}


def test_delegation_carrying_the_agreement_out_within_24_months_counts(agreement_in_force):
    create_delegation(start_on=dt.date(2025, 1, 10)).agreements.set([agreement_in_force])

    assert on_paper_refs() == set()


def test_hosted_event_carrying_the_agreement_out_within_24_months_counts(agreement_in_force):
    create_event(start_on=dt.date(2025, 1, 10)).agreements.set([agreement_in_force])

    assert on_paper_refs() == set()


def test_delegation_carrying_another_agreement_out_does_not_count(agreement_in_force):
    create_delegation(start_on=dt.date(2025, 1, 10)).agreements.set([create_agreement()])

    assert "A-PAPER" in on_paper_refs()


def test_agreement_not_in_force_is_not_on_paper_only():
    create_agreement(ref="A-EXPIRED", signed_on=dt.date(2015, 1, 1), expires_on=dt.date(2020, 1, 1))
    create_agreement(ref="A-UNSIGNED", signed_on=None)

    assert on_paper_refs() == set()


# -- missing details -------------------------------------------------------------------------


def test_partner_without_a_country_is_listed_unless_international_by_nature():
    create_partner(ref="P-UNI", kind=Partner.Kind.UNIVERSITY, country="")
    create_partner(ref="P-CITYNET", kind=Partner.Kind.NETWORK, country="")
    create_partner(ref="P-UN", kind=Partner.Kind.ORGANIZATION, country="")
    create_partner(ref="P-KR", kind=Partner.Kind.UNIVERSITY, country="KR")

    assert refs(partners_without_country()) == {"P-UNI"}


def test_agreement_without_a_signing_date_is_listed():
    create_agreement(ref="A-NO-DATE", signed_on=None)
    create_agreement(ref="A-SIGNED")

    assert refs(agreements_without_signing_date()) == {"A-NO-DATE"}


def test_event_without_participating_countries_is_listed():
    create_event(ref="E-NONE", countries=[])
    create_event(ref="E-KR", countries=["KR"])

    assert refs(events_without_countries()) == {"E-NONE"}


# -- the page --------------------------------------------------------------------------------


def one_of_each(n=0):
    """One record in every section of the page (and a reminder due), numbered `n`."""
    partner = create_partner(name=f"Old partner {n}", established_on=dt.date(2015, 1, 1))
    create_agreement(
        title=f"Expiring {n}",
        partners=[partner],
        signed_on=dt.date(2015, 1, 1),
        expires_on=TODAY + D(days=20),
        responsible_unit="Sở Ngoại vụ",
    )
    create_agreement(title=f"On paper {n}", partners=[partner], signed_on=dt.date(2018, 1, 1))
    create_agreement(title=f"Unsigned {n}", partners=[partner], signed_on=None)
    create_partner(
        name=f"University {n}", kind=Partner.Kind.UNIVERSITY, country="", established_on=None
    )
    create_event(name=f"Event {n}", countries=[])
    return partner


def section_counts(response):
    return {section.key: section.table.total for section in response.context["sections"]}


def test_leader_sees_every_section_with_counts_and_links(leader_client, in_english, monkeypatch):
    freeze_today(monkeypatch, TODAY)
    partner = one_of_each()

    response = leader_client.get("/attention/")

    assert response.status_code == 200
    assert section_counts(response) == {
        "expiring": 1,
        "dormant": 1,
        "on_paper": 2,  # the expiring agreement too: nothing was done about it either
        "no_country": 1,
        "unsigned": 1,
        "no_countries": 1,
    }
    html = response.content.decode()
    assert f'href="/partners/{partner.pk}/"' in html
    expiring = partner.agreements.get(title="Expiring 0")
    assert f'href="/agreements/{expiring.pk}/">Expiring 0</a>' in html
    assert "Agreements on paper only" in html
    assert [r.agreement for r in response.context["reminders"]] == [expiring]
    assert response.context["reminders"][0].milestone.key == "before-30"


def test_leader_sees_the_link_in_the_header(leader_client):
    response = leader_client.get("/")

    assert 'href="/attention/"' in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/attention/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_without_a_role_may_not_open_the_page(client):
    client.force_login(create_user("nobody"))

    response = client.get("/attention/")

    assert response.status_code == 403
    assert 'href="/attention/"' not in client.get("/").content.decode()


def test_page_needs_the_same_queries_whatever_the_data(leader_client, monkeypatch):
    freeze_today(monkeypatch, TODAY)
    one_of_each(0)
    leader_client.get("/attention/")  # warm the session, user and permissions

    with CaptureQueriesContext(connection) as few:
        leader_client.get("/attention/")
    for n in range(1, 11):
        one_of_each(n)
    with CaptureQueriesContext(connection) as many:
        response = leader_client.get("/attention/")

    assert section_counts(response)["dormant"] == 11
    assert len(response.context["reminders"]) == 11
    # session, user, the user's and groups' permissions; expiring agreements and their
    # partners, dormant partners, agreements on paper only and their partners, partners
    # without a country, unsigned agreements and their partners, events without countries;
    # the reminders: agreements due, staff by unit, reminders sent.
    assert len(few) == 16, [q["sql"] for q in few]
    assert len(many) == len(few), [q["sql"] for q in many]
