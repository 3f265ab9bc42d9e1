"""Every list page leads back to the overview, of the year of the dashboard card it came from."""

import re

import pytest

from tests.factories import create_agreement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def breadcrumb(response):
    match = re.search(r'<p class="breadcrumbs">(.*?)</p>', response.content.decode(), re.S)
    return match.group(1).strip()


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/partners/", "Partners"),
        ("/agreements/", "Agreements"),
        ("/delegations/", "Delegations"),
        ("/events/", "Hosted events"),
        ("/investment/projects/", "FDI projects"),
    ],
)
def test_every_list_leads_back_to_the_overview(leader_client, url, title):
    response = leader_client.get(url)

    assert breadcrumb(response) == f'<a href="/">Overview</a> › {title}'


@pytest.mark.parametrize(
    "url",
    [
        # The links of the dashboard cards (dashboard/home.py, CARD_LINKS).
        "/partners/?kind=locality&established_to=2024-12-31",
        "/agreements/?signed_year=2024",
        "/delegations/?direction=inbound&year=2024",
        "/events/?year=2024",
        "/investment/projects/?certified_year=2024",
    ],
)
def test_list_opened_from_a_dashboard_card_leads_back_to_that_year(leader_client, url):
    response = leader_client.get(url)

    assert breadcrumb(response).startswith('<a href="/?year=2024">Overview</a> › ')


def test_list_with_an_invalid_filter_leads_to_the_overview_of_this_year(leader_client):
    create_agreement()

    response = leader_client.get("/agreements/", {"signed_year": "99999"})

    assert response.status_code == 400
    assert breadcrumb(response).startswith('<a href="/">Overview</a>')
