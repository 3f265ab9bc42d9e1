"""An agreement's page: partners, implementation, the renewal chain, visits and events."""

import datetime as dt

import pytest
from django.test import Client

from agreements.models import Agreement
from agreements.views import renewal_chain_pks
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


def linked_refs(response, name):
    return [record.ref for record, _cells in response.context[name].rows]


@pytest.fixture
def chain(monkeypatch):
    """The Savannakhet agreements, each renewing the one before."""
    freeze_today(monkeypatch)
    savannakhet = create_partner(ref="LA-SVK", name="Savannakhet", country="LA")
    first = create_agreement(ref="TT-2016", partners=[savannakhet], signed_on=dt.date(2016, 1, 22))
    second = create_agreement(
        ref="TT-2021", partners=[savannakhet], signed_on=dt.date(2021, 3, 25), renews=first
    )
    third = create_agreement(
        ref="TT-2026", partners=[savannakhet], signed_on=dt.date(2026, 1, 20), renews=second
    )
    return first, second, third


def test_agreement_page_shows_the_whole_renewal_chain_oldest_first(leader_client, chain):
    first, second, third = chain

    response = leader_client.get(f"/agreements/{second.pk}/")

    assert linked_refs(response, "renewals") == ["TT-2016", "TT-2021", "TT-2026"]
    assert 'aria-current="true"' in response.content.decode()


def test_renewal_chain_from_either_end_is_the_same(chain):
    first, second, third = chain

    assert renewal_chain_pks(first) == renewal_chain_pks(third) == [first.pk, second.pk, third.pk]


def test_renewal_chain_stops_on_a_loop_in_the_data(chain):
    first, second, third = chain
    # The model's clean() forbids it; data written around it must not hang the page.
    Agreement.objects.filter(pk=first.pk).update(renews=third)

    assert sorted(renewal_chain_pks(second)) == sorted([first.pk, second.pk, third.pk])


def test_agreement_without_renewals_shows_no_chain(leader_client):
    agreement = create_agreement()

    response = leader_client.get(f"/agreements/{agreement.pk}/")

    assert response.context["renewals"].rows == []


def test_agreement_page_shows_partners_entries_delegations_and_events(
    leader_client, in_english, monkeypatch
):
    freeze_today(monkeypatch)
    daegu = create_partner(ref="KR-DAEGU", name="Daegu")
    thuringia = create_partner(ref="DE-THU", name="Thuringia", country="DE")
    agreement = create_agreement(
        ref="A-1", partners=[daegu, thuringia], expires_on=dt.date(2024, 6, 1)
    )
    create_implementation_entry(agreement=agreement, text="Trao đổi đoàn doanh nghiệp")
    create_delegation(ref="D-1").agreements.set([agreement])
    create_delegation(ref="D-2")
    create_event(ref="E-1").agreements.set([agreement])

    response = leader_client.get(f"/agreements/{agreement.pk}/")

    assert sorted(linked_refs(response, "partners")) == ["DE-THU", "KR-DAEGU"]
    assert linked_refs(response, "delegations") == ["D-1"]
    assert linked_refs(response, "events") == ["E-1"]
    content = response.content.decode()
    assert "Trao đổi đoàn doanh nghiệp" in content
    assert '<dd class="status">expired</dd>' in content


def test_staff_see_a_link_to_the_admin_and_leaders_do_not(staff_client, leader):
    agreement = create_agreement()
    admin_link = f'href="/admin/agreements/agreement/{agreement.pk}/change/"'
    leader_client = Client()
    leader_client.force_login(leader)

    assert admin_link in staff_client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert admin_link not in leader_client.get(f"/agreements/{agreement.pk}/").content.decode()


def test_agreement_page_is_refused_to_a_user_without_a_role(client):
    agreement = create_agreement()
    client.force_login(create_user("norole"))

    assert client.get(f"/agreements/{agreement.pk}/").status_code == 403
