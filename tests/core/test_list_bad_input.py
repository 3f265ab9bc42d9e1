"""Whatever a user or an old bookmark sends to a list, the answer is a page: the records, or the
form with its messages and no records (400), never a server error."""

import pytest

from tests.factories import (
    create_agreement,
    create_delegation,
    create_event,
    create_partner,
    create_project,
)

pytestmark = pytest.mark.django_db

YEAR_PARAMS = {
    "/partners/": "established_year",
    "/agreements/": "signed_year",
    "/delegations/": "year",
    "/events/": "year",
    "/investment/projects/": "certified_year",
}
DATE_PARAMS = {
    "/partners/": "established_from",
    "/agreements/": "expires_to",
    "/delegations/": "start_from",
    "/investment/projects/": "certified_to",
}
COUNTRY_PARAMS = {
    "/partners/": "country",
    "/agreements/": "partner_country",
    "/delegations/": "country",
    "/events/": "country",
    "/investment/projects/": "investor_country",
}
LIST_URLS = list(YEAR_PARAMS)


@pytest.fixture
def records():
    partner = create_partner()
    agreement = create_agreement(partners=[partner])
    create_delegation().partners.set([partner])
    create_event(countries=["KR"]).agreements.set([agreement])
    create_project()


def assert_refused_with_message(response, message):
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Some filter values are not valid" in content
    assert response.context["rows"] == []


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("99999", "Ensure this value is less than or equal to 2100."),
        ("0", "Ensure this value is greater than or equal to 1900."),
        ("-2024", "Ensure this value is greater than or equal to 1900."),
        ("2024.5", "Enter a whole number."),
        ("năm 2024", "Enter a whole number."),
        ("9" * 400, "Ensure this value is less than or equal to 2100."),
    ],
)
def test_bad_year_gives_the_message(leader_client, in_english, records, url, year, message):
    response = leader_client.get(url, {YEAR_PARAMS[url]: year})

    assert_refused_with_message(response, message)


@pytest.mark.parametrize("url", list(DATE_PARAMS))
@pytest.mark.parametrize("day", ["2024-13-45", "31/02/2024", "yesterday", "99999-01-01", "\x00"])
def test_bad_date_gives_the_message(leader_client, in_english, records, url, day):
    response = leader_client.get(url, {DATE_PARAMS[url]: day})

    assert response.status_code == 400
    assert response.context["rows"] == []


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("country", ["XX", "Korea", "kr", "K\x00R"])
def test_unknown_country_gives_the_message(leader_client, in_english, records, url, country):
    response = leader_client.get(url, {COUNTRY_PARAMS[url]: country})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("sort", ["bogus", "--name", "pk", "search_text", "name;drop", "-"])
def test_unknown_sort_gives_the_message(leader_client, in_english, records, url, sort):
    response = leader_client.get(url, {"sort": sort})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("page", ["abc", "0", "-3", "99999999999999999999999", "1.5", ""])
def test_any_page_number_gives_a_page(leader_client, records, url, page):
    response = leader_client.get(url, {"page": page})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 1


@pytest.mark.parametrize("url", LIST_URLS)
def test_very_long_query_gives_the_message(leader_client, in_english, records, url):
    response = leader_client.get(url, {"q": "Đà Nẵng " * 100})

    assert_refused_with_message(response, "Ensure this value has at most 200 characters")


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("query", ["Daegu 대구 Đà 山东 ສະຫວັນ", "%_%", "' OR 1=1 --", "\\"])
def test_odd_queries_give_a_page(leader_client, records, url, query):
    response = leader_client.get(url, {"q": query})

    assert response.status_code == 200
    assert response.context["rows"] == []


@pytest.mark.parametrize("url", LIST_URLS)
def test_null_character_in_the_query_gives_the_message(leader_client, in_english, records, url):
    response = leader_client.get(url, {"q": "Daegu\x00"})

    assert_refused_with_message(response, "Null characters are not allowed.")


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/partners/", {"status": "sleeping"}),
        ("/partners/", {"kind": "planet"}),
        ("/partners/", {"field": "astrology"}),
        ("/agreements/", {"partner": "abc"}),
        ("/agreements/", {"partner": "99999999999999999999999"}),
        ("/agreements/", {"partner": "424242"}),
        ("/agreements/", {"status": "forever"}),
        ("/delegations/", {"level": "emperor"}),
        ("/delegations/", {"host_unit": "x" * 5000}),
        ("/delegations/", {"partner": "-1"}),
        ("/events/", {"kind": "party"}),
        ("/investment/projects/", {"capital_min": "1e400"}),
        ("/investment/projects/", {"capital_min": "NaN"}),
        ("/investment/projects/", {"capital_max": "Infinity"}),
        ("/investment/projects/", {"capital_max": "-5"}),
        ("/investment/projects/", {"capital_min": "12345678901234567"}),
        ("/investment/projects/", {"capital_min": "mười triệu"}),
        ("/investment/projects/", {"sector": "space"}),
    ],
)
def test_bad_choice_or_number_gives_the_message(leader_client, records, url, params):
    response = leader_client.get(url, params)

    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize("params", [{"city_leaders": "maybe"}, {"format": "pdf"}, {"nope": "1"}])
def test_unknown_or_meaningless_params_are_ignored(leader_client, records, url, params):
    response = leader_client.get(url, params)

    assert response.status_code == 200
    assert len(response.context["rows"]) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/partners/99999999999999999999999/",
        "/agreements/99999999999999999999999/",
        "/delegations/99999999999999999999999/",
        "/events/0/",
        "/investment/projects/424242/",
    ],
)
def test_detail_of_a_record_that_does_not_exist_is_not_found(leader_client, url):
    assert leader_client.get(url).status_code == 404


@pytest.mark.parametrize("url", LIST_URLS)
def test_every_country_chosen_at_once_gives_a_page(leader_client, records, url):
    from django_countries import countries

    every_code = [code for code, _name in countries]

    response = leader_client.get(url, {COUNTRY_PARAMS[url]: every_code * 3})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 1
