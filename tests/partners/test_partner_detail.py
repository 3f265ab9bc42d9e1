"""A partner's page: the partner with its agreements, delegations and events."""

import datetime as dt

import pytest

from tests.factories import (
    create_agreement,
    create_delegation,
    create_event,
    create_partner,
    create_user,
)
from tests.lists import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def daegu(monkeypatch):
    freeze_today(monkeypatch)
    daegu = create_partner(ref="KR-DAEGU", name="Daegu", name_local="대구광역시")
    agreement = create_agreement(ref="A-DAEGU-2024", title="Tăng cường hợp tác", partners=[daegu])
    create_agreement(ref="A-BUSAN", partners=[create_partner(ref="KR-BUSAN", name="Busan")])
    create_delegation(ref="D-DAEGU", title="Đoàn Daegu").partners.set([daegu])
    create_delegation(ref="D-OTHER", title="Đoàn khác")
    create_event(ref="E-KR-FEST", name="Lễ hội Việt - Hàn").agreements.set([agreement])
    create_event(ref="E-OTHER", name="Lễ hội khác")
    return daegu


def linked_refs(response, name):
    return [record.ref for record, _cells in response.context[name].rows]


def test_partner_page_shows_its_agreements_delegations_and_events(leader_client, daegu):
    response = leader_client.get(f"/partners/{daegu.pk}/")

    assert response.status_code == 200
    assert linked_refs(response, "agreements") == ["A-DAEGU-2024"]
    assert linked_refs(response, "delegations") == ["D-DAEGU"]
    assert linked_refs(response, "events") == ["E-KR-FEST"]
    content = response.content.decode()
    assert "대구광역시" in content
    assert f'href="/agreements/{daegu.agreements.get().pk}/"' in content


def test_partner_page_shows_the_latest_delegations_and_links_to_all(leader_client, daegu):
    for day in range(1, 26):
        create_delegation(start_on=dt.date(2025, 1, day)).partners.set([daegu])

    response = leader_client.get(f"/partners/{daegu.pk}/")

    table = response.context["delegations"]
    assert table.total == 26
    assert len(table.rows) == 20
    assert table.rows[0][0].start_on == dt.date(2025, 1, 25)
    assert f'href="/delegations/?partner={daegu.pk}"' in response.content.decode()


def test_staff_see_a_link_to_the_admin_and_leaders_do_not(staff_client, daegu, client):
    admin_link = f'href="/admin/partners/partner/{daegu.pk}/change/"'

    assert admin_link in staff_client.get(f"/partners/{daegu.pk}/").content.decode()

    client.force_login(create_user("leader2", role="leadership"))
    assert admin_link not in client.get(f"/partners/{daegu.pk}/").content.decode()


def test_partner_page_is_refused_to_a_user_without_a_role(client, daegu):
    client.force_login(create_user("norole"))

    assert client.get(f"/partners/{daegu.pk}/").status_code == 403


def test_unknown_partner_is_not_found(leader_client):
    assert leader_client.get("/partners/999999/").status_code == 404
