"""The agreement list: "which MoUs with Korean partners expire this year?"."""

import datetime as dt

import pytest

from agreements.filters import AGREEMENT_STATUS_RULES, AgreementFilterSet, agreement_status
from agreements.models import Agreement
from agreements.views import AgreementListView
from partners.models import CooperationField
from tests.factories import (
    create_agreement,
    create_implementation_entry,
    create_partner,
    create_user,
)
from tests.lists import TODAY, column_texts, freeze_today, listed_refs, listed_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(monkeypatch):
    """Agreements around "today", 31 December 2025."""
    freeze_today(monkeypatch)
    daegu = create_partner(ref="KR-DAEGU", name="Daegu", name_local="대구광역시")
    busan = create_partner(ref="KR-BUSAN", name="Busan", name_local="부산광역시")
    genova = create_partner(ref="IT-GENOVA", name="Genova", country="IT")
    savannakhet = create_partner(ref="LA-SVK", name="Savannakhet", country="LA")
    mou = Agreement.Kind.MOU
    create_agreement(
        ref="A-DAEGU-MOU",
        kind=mou,
        partners=[daegu],
        signed_on=dt.date(2021, 3, 1),
        expires_on=dt.date(2025, 12, 31),  # expires "today": still in force
    ).fields.set([CooperationField.objects.get(code="tourism")])
    create_agreement(
        ref="A-BUSAN-MOU",
        kind=mou,
        partners=[busan],
        signed_on=dt.date(2020, 1, 10),
        expires_on=dt.date(2025, 6, 30),  # expired this year
    )
    create_agreement(
        ref="A-GENOVA",
        kind=Agreement.Kind.FRIENDSHIP_AGREEMENT,
        partners=[genova],
        signed_on=dt.date(2025, 6, 5),
    )
    create_agreement(
        ref="A-SVK-2021",
        kind=Agreement.Kind.COOPERATION_AGREEMENT,
        partners=[savannakhet, daegu],
        signed_on=dt.date(2021, 3, 25),
        expires_on=dt.date(2026, 12, 31),
        terminated_on=dt.date(2024, 1, 1),
    )
    create_agreement(
        ref="A-SVK-2026",
        kind=Agreement.Kind.COOPERATION_AGREEMENT,
        partners=[savannakhet],
        signed_on=dt.date(2025, 12, 20),
        effective_on=dt.date(2026, 1, 1),
        expires_on=dt.date(2030, 12, 31),
    )
    perth = create_partner(ref="AU-PERTH", name="Perth", country="AU", established_on=None)
    create_agreement(
        ref="A-PERTH", kind=Agreement.Kind.LETTER_OF_INTENT, partners=[perth], signed_on=None
    )


ALL = {"A-DAEGU-MOU", "A-BUSAN-MOU", "A-GENOVA", "A-SVK-2021", "A-SVK-2026", "A-PERTH"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"kind": "mou"}, {"A-DAEGU-MOU", "A-BUSAN-MOU"}),
        ({"partner_country": "KR"}, {"A-DAEGU-MOU", "A-BUSAN-MOU", "A-SVK-2021"}),
        ({"partner_country": ["IT", "LA"]}, {"A-GENOVA", "A-SVK-2021", "A-SVK-2026"}),
        # "Which MoUs with Korean partners expire this year?"
        (
            {"kind": "mou", "partner_country": "KR", "expires_year": "2025"},
            {"A-DAEGU-MOU", "A-BUSAN-MOU"},
        ),
        ({"status": "in_force"}, {"A-DAEGU-MOU", "A-GENOVA"}),
        ({"status": "expired"}, {"A-BUSAN-MOU"}),
        ({"status": "terminated"}, {"A-SVK-2021"}),
        ({"status": "not_yet_in_force"}, {"A-SVK-2026"}),
        ({"status": "unsigned"}, {"A-PERTH"}),
        ({"signed_year": "2025"}, {"A-GENOVA", "A-SVK-2026"}),
        ({"signed_from": "2021-03-01", "signed_to": "2021-03-25"}, {"A-DAEGU-MOU", "A-SVK-2021"}),
        ({"expires_from": "2025-12-31"}, {"A-DAEGU-MOU", "A-SVK-2021", "A-SVK-2026"}),
        ({"expires_to": "2025-12-30"}, {"A-BUSAN-MOU"}),
        ({"field": "tourism"}, {"A-DAEGU-MOU"}),
        ({"q": "대구"}, {"A-DAEGU-MOU", "A-SVK-2021"}),
        ({"q": "savannakhet daegu"}, {"A-SVK-2021"}),
    ],
)
def test_filter_params_give_the_expected_agreements(leader_client, agreements, params, expected):
    response = leader_client.get("/agreements/", params)

    assert response.status_code == 200
    assert listed_set(response) == expected


def test_partner_filter_lists_the_agreements_of_that_partner(leader_client, agreements):
    without_agreements = create_partner(ref="JP-NARA", name="Nara", country="JP")
    daegu_pk = Agreement.objects.get(ref="A-DAEGU-MOU").partners.get().pk

    assert listed_set(leader_client.get("/agreements/", {"partner": daegu_pk})) == {
        "A-DAEGU-MOU",
        "A-SVK-2021",
    }
    response = leader_client.get("/agreements/", {"partner": without_agreements.pk})
    assert listed_set(response) == set()


def test_partner_filter_offers_the_chosen_partner_not_every_partner(leader_client, agreements):
    create_partner(ref="JP-NARA", name="Nara", country="JP")
    daegu_pk = Agreement.objects.get(ref="A-DAEGU-MOU").partners.get().pk

    chosen = leader_client.get("/agreements/", {"partner": daegu_pk}).content.decode()
    unfiltered = leader_client.get("/agreements/").content.decode()

    assert f'<option value="{daegu_pk}" selected>Daegu</option>' in chosen
    assert "Nara" not in chosen
    assert "Nara" not in unfiltered


def test_agreement_with_two_korean_partners_is_listed_once(leader_client, agreements):
    create_agreement(
        ref="A-TWO",
        partners=[create_partner(name="Incheon"), create_partner(name="Ulsan")],
    )

    response = leader_client.get("/agreements/", {"partner_country": "KR"})

    assert listed_refs(response).count("A-TWO") == 1


def test_every_agreement_has_exactly_one_status(agreements):
    for agreement in Agreement.objects.all():
        matching = [
            status
            for status, rule in AGREEMENT_STATUS_RULES.items()
            if Agreement.objects.filter(rule(TODAY), pk=agreement.pk).exists()
        ]
        assert matching == [agreement_status(agreement, TODAY)], agreement.ref


def test_columns_show_partners_dates_status_and_implementation(
    leader_client, in_english, agreements
):
    agreement = Agreement.objects.get(ref="A-DAEGU-MOU")
    create_implementation_entry(agreement=agreement)
    create_implementation_entry(agreement=agreement, done_on=dt.date(2022, 1, 1))

    response = leader_client.get("/agreements/", {"q": "A-DAEGU-MOU"})

    assert column_texts(response, "partners") == ["Daegu"]
    assert column_texts(response, "expires on") == ["31/12/2025"]
    assert column_texts(response, "status") == ["in force"]
    assert column_texts(response, "implementation entries") == ["2"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("signed", ["A-BUSAN-MOU", "A-DAEGU-MOU", "A-SVK-2021", "A-GENOVA", "A-SVK-2026"]),
        ("-expires", ["A-SVK-2026", "A-SVK-2021", "A-DAEGU-MOU", "A-BUSAN-MOU"]),
    ],
)
def test_sort_orders_the_list_with_blank_dates_last(leader_client, agreements, sort, expected):
    response = leader_client.get("/agreements/", {"sort": sort})

    assert listed_refs(response)[: len(expected)] == expected


def test_default_order_is_latest_signed_first(leader_client, agreements):
    response = leader_client.get("/agreements/")

    assert listed_refs(response)[:2] == ["A-SVK-2026", "A-GENOVA"]


def test_every_sortable_column_is_a_choice_of_the_sort_filter():
    choices = {value for value, _label in AgreementFilterSet.base_filters["sort"].extra["choices"]}
    for column in AgreementListView.columns:
        if column.sort:
            assert {column.sort, f"-{column.sort}"} <= choices, column.sort


def test_user_without_a_role_is_refused(client):
    client.force_login(create_user("norole"))

    assert client.get("/agreements/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/agreements/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _make_agreements(count):
    for number in range(count):
        agreement = create_agreement(
            partners=[create_partner(name=f"Partner {number}"), create_partner(name="Second")]
        )
        create_implementation_entry(agreement=agreement)


def test_list_costs_the_same_queries_for_ten_times_the_agreements(
    leader_client, django_assert_num_queries
):
    # Session, user, the user's and the group's permissions; the count; the page; the partners
    # of the page; the fields of cooperation for the filter's choices (the partner filter
    # offers only a partner already chosen, so no list of partners).
    _make_agreements(3)
    with django_assert_num_queries(8):
        leader_client.get("/agreements/", {"partner_country": "KR", "q": "partner"})
    _make_agreements(27)
    with django_assert_num_queries(8):
        leader_client.get("/agreements/", {"partner_country": "KR", "q": "partner"})


def test_partner_country_filter_finds_an_agreement_through_any_partner_once(leader_client):
    busan = create_partner(ref="KR-BUSAN", name="Busan", country="KR")
    incheon = create_partner(ref="KR-INCHEON", name="Incheon", country="KR")
    genova = create_partner(ref="IT-GENOVA", name="Genova", country="IT")
    create_agreement(ref="A-KR-IT", partners=[genova, busan])  # the Korean partner second
    create_agreement(ref="A-KR-KR", partners=[busan, incheon])
    create_agreement(ref="A-IT", partners=[genova])

    for countries, expected in [
        ("KR", ["A-KR-IT", "A-KR-KR"]),
        ("IT", ["A-IT", "A-KR-IT"]),
        (["IT", "KR"], ["A-IT", "A-KR-IT", "A-KR-KR"]),
        ("JP", []),
    ]:
        response = leader_client.get("/agreements/", {"partner_country": countries})
        assert sorted(listed_refs(response)) == expected, countries
        assert response.context["total"] == len(expected), countries
        export = leader_client.get("/agreements/", {"partner_country": countries, "format": "csv"})
        assert len(export.content.decode("utf-8-sig").splitlines()) == 1 + len(expected)


def _make_korean_agreements_expiring_in_2026(count):
    for number in range(count):
        create_agreement(
            partners=[create_partner(name=f"Partner {number}", country="KR"), create_partner()],
            expires_on=dt.date(2026, 6, 30),
        )


@pytest.mark.parametrize("export_format", ["", "csv"])
def test_partner_country_list_costs_the_same_queries_for_ten_times_the_agreements(
    leader_client, django_assert_num_queries, export_format
):
    # Session, user, the user's and the group's permissions; then the page: the count, the
    # page, its partners and the fields of cooperation for the filter's choices; or the
    # export: the agreements and their partners.
    params = {"partner_country": "KR", "expires_year": "2026", "format": export_format}
    queries = 6 if export_format else 8
    _make_korean_agreements_expiring_in_2026(3)
    with django_assert_num_queries(queries):
        assert leader_client.get("/agreements/", params).status_code == 200
    _make_korean_agreements_expiring_in_2026(27)
    with django_assert_num_queries(queries):
        assert leader_client.get("/agreements/", params).status_code == 200
