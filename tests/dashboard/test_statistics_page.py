"""The statistics keys page (`/statistics/`): each key the app knows with its label and unit and the
values entered per year; a link to the admin form for those who may add entries; and the admin
refusing a key the app does not know."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dashboard.models import StatisticsEntry
from dashboard.statistics import STATISTIC_KEYS
from tests.dashboard.figure_cells import FigureCells
from tests.factories import create_statistic, create_user

pytestmark = pytest.mark.django_db

URL = "/statistics/"
ADD_URL = "/admin/dashboard/statisticsentry/add/"


@pytest.fixture
def entries(db):
    create_statistic(indicator="exports_usd", year=2024, value=Decimal("4045000000"))
    create_statistic(
        indicator="exports_usd",
        year=2025,
        value=Decimal("4530000000"),
        status=StatisticsEntry.Status.PROVISIONAL,
        source="Cục Thống kê",
    )
    create_statistic(indicator="visitors_total", year=2025, value=Decimal("17300000"))


@pytest.mark.usefixtures("in_english")
def test_every_known_key_is_listed_with_its_label_unit_and_values(entries, leader_client):
    response = leader_client.get(URL)

    assert response.status_code == 200
    assert response.context["years"] == [2024, 2025]
    assert [
        (r["key"].key, str(r["key"].label), str(r["unit"])) for r in response.context["rows"]
    ] == [
        ("exports_usd", "Exports", "USD"),
        ("imports_usd", "Imports", "USD"),
        ("visitors_total", "Visitors", "number"),
        ("visitors_international", "International visitors", "number"),
        ("aid_committed_usd", "Foreign aid committed", "USD"),
        ("aid_disbursed_usd", "Foreign aid disbursed", "USD"),
    ]
    assert len(response.context["rows"]) == len(STATISTIC_KEYS)
    page = FigureCells(response.content.decode())
    assert page.raw_values()["exports_usd"] == {2024: 4045000000, 2025: 4530000000}
    exports = page.cells["exports_usd"][2025]
    assert (exports["value"], exports["badge"], exports["title"]) == (
        "USD 4.53 billion",
        "provisional",
        "provisional\nSource: Cục Thống kê",
    )
    assert page.cells["visitors_total"][2025]["value"] == "17.3 million"
    assert response.content.decode().count('<td class="no-data">no data</td>') == 12 - 3


def test_labels_and_numbers_are_in_vietnamese_by_default(entries, leader_client):
    html = leader_client.get(URL).content.decode()

    assert "Số liệu thống kê" in html  # the navigation
    page = FigureCells(html)
    assert page.cells["exports_usd"][2025]["value"] == "4,53 tỷ USD"
    assert page.cells["visitors_total"][2025]["value"] == "17,3 triệu lượt"


def test_staff_get_a_link_to_add_an_entry(entries, staff_client):
    html = staff_client.get(URL).content.decode()

    assert f'href="{ADD_URL}"' in html
    assert f'href="{ADD_URL}?indicator=exports_usd"' in html
    assert reverse("admin:dashboard_statisticsentry_add") == ADD_URL


def test_leaders_see_no_link_to_add(entries, leader_client):
    html = leader_client.get(URL).content.decode()

    assert ADD_URL not in html


def test_user_without_the_view_permission_is_refused(client):
    client.force_login(create_user("guest"))

    assert client.get(URL).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/statistics/"


def test_values_are_read_in_one_query_whatever_their_number(
    staff_client, django_assert_num_queries
):
    staff_client.get(URL)  # warm the session and user lookups
    create_statistic(indicator="exports_usd", year=2020)
    # session, user, the user's permissions, its groups' permissions, the entries
    with django_assert_num_queries(5):
        staff_client.get(URL)
    for year in range(2000, 2020):
        create_statistic(indicator="visitors_total", year=year)
        create_statistic(indicator="imports_usd", year=year)
    with django_assert_num_queries(5):
        response = staff_client.get(URL)

    assert len(response.context["years"]) == 21


@pytest.mark.usefixtures("in_english")
def test_admin_refuses_an_unknown_key_with_a_message(staff_client):
    response = staff_client.post(
        ADD_URL,
        {
            "indicator": "happiness",
            "year": "2025",
            "value": "1",
            "source": "",
            "status": "official",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "indicator": ["Select a valid choice. happiness is not one of the available choices."]
    }
    assert "Select a valid choice. happiness is not one of the available choices." in (
        response.content.decode()
    )
    assert not StatisticsEntry.objects.exists()
