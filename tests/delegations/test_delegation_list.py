"""The delegation list: "every delegation from Japan in 2024 received by the city's leaders"."""

import datetime as dt

import pytest

from delegations.filters import DelegationFilterSet
from delegations.models import Delegation
from delegations.views import DelegationListView
from partners.models import Partner
from tests.factories import create_agreement, create_delegation, create_partner, create_user
from tests.lists import column_texts, listed_refs, listed_set

pytestmark = pytest.mark.django_db

IN, OUT = Delegation.Direction.INBOUND, Delegation.Direction.OUTBOUND
L = Delegation.Level
P = Delegation.Purpose


@pytest.fixture
def delegations():
    yokohama = create_partner(ref="JP-YOKOHAMA", name="Yokohama", country="JP")
    create_delegation(
        ref="D-JP-2024-LEADERS",
        title="Đoàn thành phố Yokohama",
        countries=["JP"],
        level=L.LOCAL_LEADER,
        start_on=dt.date(2024, 4, 2),
        purpose=P.OFFICIAL,
        city_leaders=True,
        host_unit="Sở Ngoại vụ",
    ).partners.set([yokohama])
    create_delegation(
        ref="D-JP-2024-DEPT",
        title="Đoàn doanh nghiệp Nhật Bản",
        countries=["JP"],
        level=L.BUSINESS,
        start_on=dt.date(2024, 12, 31),
        purpose=P.INVESTMENT_PROMOTION,
        host_unit="Trung tâm Xúc tiến đầu tư",
    )
    create_delegation(
        ref="D-JP-KR-2025",
        title="Đoàn bộ trưởng Nhật Bản và Hàn Quốc",
        countries=["KR", "JP"],
        level=L.MINISTER,
        start_on=dt.date(2025, 1, 1),
        end_on=dt.date(2025, 1, 3),
        city_leaders=True,
    )
    create_delegation(
        ref="D-KR-2024",
        title="Đoàn Tổng thống Hàn Quốc",
        countries=["KR"],
        level=L.HEAD_OF_STATE,
        start_on=dt.date(2024, 6, 1),
        city_leaders=True,
    )
    create_delegation(
        ref="D-OUT-SG",
        direction=OUT,
        title="Xúc tiến đầu tư tại Singapore và Malaysia",
        countries=["SG", "MY"],
        level=L.LOCAL_LEADER,
        start_on=dt.date(2025, 5, 10),
        purpose=P.INVESTMENT_PROMOTION,
        city_leaders=True,
        host_unit="Sở Ngoại vụ",
    )


ALL = {"D-JP-2024-LEADERS", "D-JP-2024-DEPT", "D-JP-KR-2025", "D-KR-2024", "D-OUT-SG"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"direction": "outbound"}, {"D-OUT-SG"}),
        ({"level": "minister"}, {"D-JP-KR-2025"}),
        ({"high_level": "true"}, {"D-JP-KR-2025", "D-KR-2024"}),
        ({"high_level": "false"}, {"D-JP-2024-LEADERS", "D-JP-2024-DEPT", "D-OUT-SG"}),
        # A delegation from several countries matches any of them.
        ({"country": "JP"}, {"D-JP-2024-LEADERS", "D-JP-2024-DEPT", "D-JP-KR-2025"}),
        ({"country": "KR"}, {"D-JP-KR-2025", "D-KR-2024"}),
        ({"country": "MY"}, {"D-OUT-SG"}),
        ({"country": ["MY", "KR"]}, {"D-JP-KR-2025", "D-KR-2024", "D-OUT-SG"}),
        ({"year": "2024"}, {"D-JP-2024-LEADERS", "D-JP-2024-DEPT", "D-KR-2024"}),
        (
            {"start_from": "2024-12-31", "start_to": "2025-01-01"},
            {"D-JP-2024-DEPT", "D-JP-KR-2025"},
        ),
        ({"purpose": "investment_promotion"}, {"D-JP-2024-DEPT", "D-OUT-SG"}),
        (
            {"city_leaders": "true"},
            {"D-JP-2024-LEADERS", "D-JP-KR-2025", "D-KR-2024", "D-OUT-SG"},
        ),
        ({"city_leaders": "false"}, {"D-JP-2024-DEPT"}),
        ({"host_unit": "Sở Ngoại vụ"}, {"D-JP-2024-LEADERS", "D-OUT-SG"}),
        ({"q": "yokohama"}, {"D-JP-2024-LEADERS"}),
        ({"q": "nhat ban"}, {"D-JP-2024-LEADERS", "D-JP-2024-DEPT", "D-JP-KR-2025"}),
        # "Every delegation from Japan in 2024 received by the city's leaders."
        (
            {"direction": "inbound", "country": "JP", "year": "2024", "city_leaders": "true"},
            {"D-JP-2024-LEADERS"},
        ),
    ],
)
def test_filter_params_give_the_expected_delegations(leader_client, delegations, params, expected):
    response = leader_client.get("/delegations/", params)

    assert response.status_code == 200
    assert listed_set(response) == expected


def test_partner_filter_lists_the_delegations_of_that_partner(leader_client, delegations):
    yokohama = Partner.objects.get(ref="JP-YOKOHAMA")

    response = leader_client.get("/delegations/", {"partner": yokohama.pk})

    assert listed_refs(response) == ["D-JP-2024-LEADERS"]


def test_host_unit_choices_are_the_units_in_the_records(delegations):
    choices = DelegationFilterSet().form.fields["host_unit"].choices

    assert [value for value, _label in choices] == ["", "Sở Ngoại vụ", "Trung tâm Xúc tiến đầu tư"]


def test_a_host_unit_saved_since_the_last_page_is_offered_at_once(delegations):
    _cached = DelegationFilterSet().form.fields["host_unit"].choices

    create_delegation(host_unit="Sở Du lịch")

    choices = DelegationFilterSet().form.fields["host_unit"].choices
    assert "Sở Du lịch" in [value for value, _label in choices]


def test_unknown_host_unit_is_a_message_not_an_error(leader_client, in_english, delegations):
    response = leader_client.get("/delegations/", {"host_unit": "Sở không có"})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert listed_refs(response) == []


def test_columns_show_countries_head_and_leaders(leader_client, in_english):
    create_delegation(
        countries=["KR", "JP"],
        head_name="Hong Joon-pyo",
        head_title="Mayor",
        city_leaders=True,
        members=12,
    )

    response = leader_client.get("/delegations/")

    assert column_texts(response, "countries") == ["Japan, South Korea"]
    assert column_texts(response, "head of delegation") == ["Hong Joon-pyo, Mayor"]
    assert column_texts(response, "with the city's leaders") == ["yes"]
    assert column_texts(response, "members") == ["12"]


def test_default_order_is_latest_first(leader_client, delegations):
    assert listed_refs(leader_client.get("/delegations/"))[:2] == ["D-OUT-SG", "D-JP-KR-2025"]


def test_sort_by_start_date_ascending(leader_client, delegations):
    response = leader_client.get("/delegations/", {"sort": "start"})

    assert listed_refs(response)[0] == "D-JP-2024-LEADERS"


def test_every_sortable_column_is_a_choice_of_the_sort_filter():
    choices = {value for value, _label in DelegationFilterSet.base_filters["sort"].extra["choices"]}
    for column in DelegationListView.columns:
        if column.sort:
            assert {column.sort, f"-{column.sort}"} <= choices, column.sort


def test_delegation_page_shows_its_partners_and_agreements(leader_client, delegations):
    delegation = Delegation.objects.get(ref="D-JP-2024-LEADERS")
    delegation.agreements.set([create_agreement(ref="A-YOKOHAMA")])

    response = leader_client.get(f"/delegations/{delegation.pk}/")

    assert response.status_code == 200
    assert [r.ref for r, _c in response.context["partners"].rows] == ["JP-YOKOHAMA"]
    assert [r.ref for r, _c in response.context["agreements"].rows] == ["A-YOKOHAMA"]


def test_staff_see_a_link_to_the_admin(staff_client):
    delegation = create_delegation()

    response = staff_client.get(f"/delegations/{delegation.pk}/")

    admin_link = f'href="/admin/delegations/delegation/{delegation.pk}/change/"'
    assert admin_link in response.content.decode()


def test_user_without_a_role_is_refused(client):
    delegation = create_delegation()
    client.force_login(create_user("norole"))

    assert client.get("/delegations/").status_code == 403
    assert client.get(f"/delegations/{delegation.pk}/").status_code == 403


def _make_delegations(count):
    for number in range(count):
        create_delegation(
            countries=["JP", "KR"], host_unit=f"Sở {number % 3}", start_on=dt.date(2024, 1, 1)
        ).partners.set([create_partner()])


def test_list_costs_the_same_queries_for_ten_times_the_delegations(
    leader_client, django_assert_num_queries
):
    # Session, user, the user's and the group's permissions; the count; the page; the host
    # units for the filter's choices.
    _make_delegations(3)
    with django_assert_num_queries(7):
        leader_client.get("/delegations/", {"country": "JP", "year": "2024"})
    _make_delegations(27)
    with django_assert_num_queries(7):
        leader_client.get("/delegations/", {"country": "JP", "year": "2024"})
