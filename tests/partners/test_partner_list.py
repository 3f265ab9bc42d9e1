"""The partner list: filters, sorting, pages, permissions and the queries it costs."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from partners.filters import PARTNER_STATUS_RULES, PartnerFilterSet, partner_status
from partners.models import CooperationField, Partner
from partners.views import PartnerListView
from tests.factories import (
    create_agreement,
    create_delegation,
    create_partner,
    create_user,
)
from tests.lists import TODAY, column_texts, freeze_today, listed_refs, listed_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(monkeypatch):
    freeze_today(monkeypatch)
    tourism = CooperationField.objects.get(code="tourism")
    education = CooperationField.objects.get(code="education_training")
    daegu = create_partner(
        ref="KR-DAEGU",
        name="Daegu",
        name_local="대구광역시",
        level=Partner.Level.CITY,
        established_on=dt.date(2009, 11, 18),
    )
    daegu.fields.set([tourism])
    genova = create_partner(
        ref="IT-GENOVA",
        name="Genova",
        country="IT",
        level=Partner.Level.CITY,
        established_on=dt.date(2025, 6, 1),
    )
    genova.fields.set([tourism, education])
    create_partner(
        ref="IT-THURINGIA",
        name="Thuringia",
        country="DE",
        level=Partner.Level.PROVINCE,
        relationship=Partner.Relationship.COOPERATION,
        established_on=dt.date(2024, 5, 23),
        ended_on=dt.date(2025, 12, 31),  # ends on "today": no longer active
    )
    create_partner(
        ref="AU-PERTH",
        name="Perth",
        country="AU",
        relationship=Partner.Relationship.SISTER_CITY,
        established_on=None,
    )
    create_partner(
        ref="NET-CITYNET",
        name="CITYNET",
        kind=Partner.Kind.NETWORK,
        country="",
        relationship=Partner.Relationship.OTHER,
        established_on=dt.date(2026, 1, 1),  # after "today": prospective
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"KR-DAEGU", "IT-GENOVA", "IT-THURINGIA", "AU-PERTH", "NET-CITYNET"}),
        ({"country": "IT"}, {"IT-GENOVA"}),
        ({"country": ["IT", "DE"]}, {"IT-GENOVA", "IT-THURINGIA"}),
        ({"kind": "network"}, {"NET-CITYNET"}),
        ({"relationship": "sister_city"}, {"AU-PERTH"}),
        ({"level": "city"}, {"KR-DAEGU", "IT-GENOVA"}),
        ({"field": "tourism"}, {"KR-DAEGU", "IT-GENOVA"}),
        ({"field": ["tourism", "education_training"]}, {"KR-DAEGU", "IT-GENOVA"}),
        ({"field": "education_training"}, {"IT-GENOVA"}),
        ({"status": "active"}, {"KR-DAEGU", "IT-GENOVA"}),
        ({"status": "ended"}, {"IT-THURINGIA"}),
        ({"status": "prospective"}, {"AU-PERTH", "NET-CITYNET"}),
        ({"established_year": "2025"}, {"IT-GENOVA"}),
        ({"established_from": "2024-05-23"}, {"IT-GENOVA", "IT-THURINGIA", "NET-CITYNET"}),
        ({"established_to": "2024-05-23"}, {"KR-DAEGU", "IT-THURINGIA"}),
        (
            {"established_from": "01/01/2024", "established_to": "31/12/2025"},
            {"IT-GENOVA", "IT-THURINGIA"},
        ),
        ({"q": "대구"}, {"KR-DAEGU"}),
        ({"q": "genova", "status": "active"}, {"IT-GENOVA"}),
        ({"country": "IT", "status": "ended"}, set()),
    ],
)
def test_filter_params_give_the_expected_partners(leader_client, partners, params, expected):
    response = leader_client.get("/partners/", params)

    assert response.status_code == 200
    assert listed_set(response) == expected


def test_a_partner_linked_to_two_chosen_fields_is_listed_once(leader_client, partners):
    response = leader_client.get("/partners/", {"field": ["tourism", "education_training"]})

    assert listed_refs(response).count("IT-GENOVA") == 1
    assert response.context["total"] == 2


@pytest.mark.parametrize("status", list(PARTNER_STATUS_RULES))
def test_status_column_agrees_with_the_status_filter(leader_client, partners, status):
    response = leader_client.get("/partners/", {"status": status})

    for partner in Partner.objects.filter(ref__in=listed_refs(response)):
        assert partner_status(partner, TODAY) == status


def test_every_partner_has_exactly_one_status(partners):
    for partner in Partner.objects.all():
        matching = [
            status
            for status, rule in PARTNER_STATUS_RULES.items()
            if Partner.objects.filter(rule(TODAY), pk=partner.pk).exists()
        ]
        assert matching == [partner_status(partner, TODAY)], partner.ref


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["NET-CITYNET", "KR-DAEGU", "IT-GENOVA", "AU-PERTH", "IT-THURINGIA"]),
        ("-name", ["IT-THURINGIA", "AU-PERTH", "IT-GENOVA", "KR-DAEGU", "NET-CITYNET"]),
        # Blank dates last, both ways.
        ("established", ["KR-DAEGU", "IT-THURINGIA", "IT-GENOVA", "NET-CITYNET", "AU-PERTH"]),
        ("-established", ["NET-CITYNET", "IT-GENOVA", "IT-THURINGIA", "KR-DAEGU", "AU-PERTH"]),
    ],
)
def test_sort_orders_the_list(leader_client, partners, sort, expected):
    response = leader_client.get("/partners/", {"sort": sort})

    assert listed_refs(response) == expected


def test_list_sorts_by_number_of_agreements(leader_client, partners):
    genova = Partner.objects.get(ref="IT-GENOVA")
    create_agreement(partners=[genova])
    create_agreement(partners=[genova])
    create_agreement(partners=[Partner.objects.get(ref="AU-PERTH")])

    response = leader_client.get("/partners/", {"sort": "-agreements"})

    assert listed_refs(response)[:2] == ["IT-GENOVA", "AU-PERTH"]


def test_every_sortable_column_is_a_choice_of_the_sort_filter():
    choices = {value for value, _label in PartnerFilterSet.base_filters["sort"].extra["choices"]}
    for column in PartnerListView.columns:
        if column.sort:
            assert {column.sort, f"-{column.sort}"} <= choices, column.sort


def test_columns_show_counts_and_status_in_the_users_language(leader_client, in_english):
    freeze_today_partner = create_partner(ref="KR-DAEGU", established_on=dt.date(2009, 11, 18))
    create_agreement(partners=[freeze_today_partner])
    create_delegation().partners.set([freeze_today_partner])

    response = leader_client.get("/partners/")

    assert column_texts(response, "country") == ["South Korea"]
    assert column_texts(response, "status") == ["active today"]
    assert column_texts(response, "agreements") == ["1"]
    assert column_texts(response, "delegations") == ["1"]
    assert column_texts(response, "established on") == ["18/11/2009"]


def test_list_in_vietnamese_by_default(leader_client):
    create_partner(ref="KR-DAEGU", established_on=dt.date(2009, 11, 18))

    response = leader_client.get("/partners/")

    assert column_texts(response, "quốc gia") == ["Hàn Quốc"]
    assert column_texts(response, "ngày thiết lập quan hệ") == ["18/11/2009"]


def test_list_shows_25_partners_a_page(leader_client):
    for number in range(30):
        create_partner(ref=f"P-{number:02d}", name=f"Partner {number:02d}")

    first = leader_client.get("/partners/")
    second = leader_client.get("/partners/", {"page": "2"})

    assert len(listed_refs(first)) == 25
    assert listed_refs(second) == [f"P-{number:02d}" for number in range(25, 30)]
    assert first.context["total"] == 30


@pytest.mark.parametrize(("page", "first_ref"), [("abc", "P-00"), ("999", "P-25"), ("-1", "P-25")])
def test_page_number_that_is_not_a_page_gives_the_first_or_the_last(leader_client, page, first_ref):
    for number in range(30):
        create_partner(ref=f"P-{number:02d}", name=f"Partner {number:02d}")

    response = leader_client.get("/partners/", {"page": page})

    assert response.status_code == 200
    assert listed_refs(response)[0] == first_ref


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/partners/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_without_a_role_is_refused(client):
    client.force_login(create_user("norole"))

    assert client.get("/partners/").status_code == 403


def test_staff_and_leaders_may_see_the_list(client, leader_client):
    assert leader_client.get("/partners/").status_code == 200
    user = create_user("staffer2")
    user.groups.add(Group.objects.get(name="staff"))
    client.force_login(user)
    assert client.get("/partners/").status_code == 200


def _make_partners(count):
    tourism = CooperationField.objects.get(code="tourism")
    for number in range(count):
        partner = create_partner(name=f"Partner {number}")
        partner.fields.set([tourism])
        create_agreement(partners=[partner])
        create_delegation().partners.set([partner])


def test_list_costs_the_same_queries_for_ten_times_the_partners(
    leader_client, django_assert_num_queries
):
    # Session, user, the user's and the group's permissions; the count; the page (agreement
    # and delegation counts are subqueries); the fields of cooperation for the filter's choices.
    _make_partners(3)
    with django_assert_num_queries(7):
        leader_client.get("/partners/", {"sort": "-agreements"})
    _make_partners(27)
    with django_assert_num_queries(7):
        leader_client.get("/partners/", {"sort": "-agreements"})


def test_page_size_does_not_change_the_queries(
    leader_client, django_assert_num_queries, monkeypatch
):
    _make_partners(30)
    with django_assert_num_queries(7):
        leader_client.get("/partners/")
    monkeypatch.setattr(PartnerListView, "paginate_by", 250)
    with django_assert_num_queries(7):
        response = leader_client.get("/partners/")
    assert len(listed_refs(response)) == 30
