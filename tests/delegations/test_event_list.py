"""The list of hosted events and an event's page."""

import datetime as dt

import pytest

from delegations.filters import HostedEventFilterSet
from delegations.models import HostedEvent
from delegations.views import HostedEventListView
from tests.factories import create_agreement, create_event, create_user
from tests.lists import column_texts, listed_refs, listed_set

pytestmark = pytest.mark.django_db

K = HostedEvent.Kind


@pytest.fixture
def events():
    create_event(
        ref="E-DIFF-2024",
        name="Lễ hội pháo hoa quốc tế Đà Nẵng 2024",
        kind=K.FESTIVAL,
        start_on=dt.date(2024, 6, 8),
        countries=["FR", "IT", "KR"],
    )
    create_event(
        ref="E-FORUM-2025",
        name="Diễn đàn hợp tác địa phương 2025",
        kind=K.FORUM,
        start_on=dt.date(2025, 8, 20),
        countries=["JP", "KR"],
    )
    create_event(
        ref="E-INVEST-2025",
        name="Hội nghị xúc tiến đầu tư",
        kind=K.INVESTMENT_PROMOTION,
        start_on=dt.date(2025, 12, 31),
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"E-DIFF-2024", "E-FORUM-2025", "E-INVEST-2025"}),
        ({"kind": "festival"}, {"E-DIFF-2024"}),
        ({"year": "2025"}, {"E-FORUM-2025", "E-INVEST-2025"}),
        ({"country": "KR"}, {"E-DIFF-2024", "E-FORUM-2025"}),
        ({"country": "IT"}, {"E-DIFF-2024"}),
        ({"country": ["IT", "JP"]}, {"E-DIFF-2024", "E-FORUM-2025"}),
        ({"country": "KR", "year": "2025"}, {"E-FORUM-2025"}),
        ({"q": "phao hoa"}, {"E-DIFF-2024"}),
        ({"q": "italy"}, {"E-DIFF-2024"}),
    ],
)
def test_filter_params_give_the_expected_events(leader_client, events, params, expected):
    response = leader_client.get("/events/", params)

    assert response.status_code == 200
    assert listed_set(response) == expected


def test_columns_show_countries_and_the_agreements_carried_out(leader_client, in_english):
    event = create_event(countries=["IT", "FR"], participants=1500)
    event.agreements.set([create_agreement(), create_agreement()])

    response = leader_client.get("/events/")

    assert column_texts(response, "participating countries") == ["France, Italy"]
    assert column_texts(response, "participants") == ["1,500"]
    assert column_texts(response, "agreements carried out") == ["2"]


def test_sort_by_start_date(leader_client, events):
    response = leader_client.get("/events/", {"sort": "start"})

    assert listed_refs(response) == ["E-DIFF-2024", "E-FORUM-2025", "E-INVEST-2025"]


def test_every_sortable_column_is_a_choice_of_the_sort_filter():
    choices = {
        value for value, _label in HostedEventFilterSet.base_filters["sort"].extra["choices"]
    }
    for column in HostedEventListView.columns:
        if column.sort:
            assert {column.sort, f"-{column.sort}"} <= choices, column.sort


def test_event_page_shows_the_agreements_it_carried_out(leader_client):
    event = create_event(name="Lễ hội Việt Nam - Hàn Quốc")
    event.agreements.set([create_agreement(ref="A-KR")])

    response = leader_client.get(f"/events/{event.pk}/")

    assert response.status_code == 200
    assert [r.ref for r, _c in response.context["agreements"].rows] == ["A-KR"]
    assert "Lễ hội Việt Nam - Hàn Quốc" in response.content.decode()


def test_user_without_a_role_is_refused(client):
    event = create_event()
    client.force_login(create_user("norole"))

    assert client.get("/events/").status_code == 403
    assert client.get(f"/events/{event.pk}/").status_code == 403


def _make_events(count):
    for _number in range(count):
        create_event(countries=["KR"]).agreements.set([create_agreement()])


def test_list_costs_the_same_queries_for_ten_times_the_events(
    leader_client, django_assert_num_queries
):
    # Session, user, the user's and the group's permissions; the count; the page (with the
    # number of agreements as a subquery).
    _make_events(3)
    with django_assert_num_queries(6):
        leader_client.get("/events/", {"country": "KR", "sort": "-agreements"})
    _make_events(27)
    with django_assert_num_queries(6):
        leader_client.get("/events/", {"country": "KR", "sort": "-agreements"})
