"""The FDI project list and a project's page with its capital over time."""

import datetime as dt
from decimal import Decimal

import pytest

from investment.filters import PROJECT_STATUS_RULES, FdiProjectFilterSet, project_status
from investment.models import FdiProject
from investment.views import FdiProjectListView
from tests.factories import create_capital_change, create_project, create_user
from tests.lists import TODAY, column_texts, freeze_today, listed_refs, listed_set

pytestmark = pytest.mark.django_db

S = FdiProject.Sector


@pytest.fixture
def projects(monkeypatch):
    freeze_today(monkeypatch)
    ict = create_project(
        ref="IRC-ICT",
        name="Nhà máy ICT VINA III",
        investor="Dentium Co., Ltd.",
        investor_country="KR",
        sector=S.MANUFACTURING,
        certified_on=dt.date(2024, 5, 1),
        registered_capital_usd=Decimal("177000000"),
    )
    create_capital_change(project=ict, changed_on=dt.date(2025, 1, 15), amount_usd=15_000_000)
    create_project(
        ref="IRC-DATA",
        name="Trung tâm dữ liệu",
        investor="Data Co.",
        investor_country="SG",
        sector=S.INFORMATION_TECHNOLOGY,
        certified_on=dt.date(2023, 1, 15),
        registered_capital_usd=Decimal("2500000.50"),
        terminated_on=dt.date(2025, 1, 1),
    )
    create_project(
        ref="IRC-CHIP",
        name="Thiết kế vi mạch",
        investor="Chip KK",
        investor_country="JP",
        sector=S.SEMICONDUCTORS,
        certified_on=dt.date(2025, 12, 31),
        registered_capital_usd=Decimal("10000000"),
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"IRC-ICT", "IRC-DATA", "IRC-CHIP"}),
        ({"investor_country": "KR"}, {"IRC-ICT"}),
        ({"investor_country": ["KR", "JP"]}, {"IRC-ICT", "IRC-CHIP"}),
        ({"sector": "semiconductors"}, {"IRC-CHIP"}),
        ({"status": "valid"}, {"IRC-ICT", "IRC-CHIP"}),
        ({"status": "terminated"}, {"IRC-DATA"}),
        ({"certified_year": "2025"}, {"IRC-CHIP"}),
        ({"certified_from": "2024-01-01", "certified_to": "2024-12-31"}, {"IRC-ICT"}),
        ({"capital_min": "10000000"}, {"IRC-ICT", "IRC-CHIP"}),
        ({"capital_max": "2500000.50"}, {"IRC-DATA"}),
        ({"capital_min": "5000000", "capital_max": "100000000"}, {"IRC-CHIP"}),
        ({"q": "dentium"}, {"IRC-ICT"}),
        ({"q": "du lieu"}, {"IRC-DATA"}),
    ],
)
def test_filter_params_give_the_expected_projects(leader_client, projects, params, expected):
    response = leader_client.get("/investment/projects/", params)

    assert response.status_code == 200
    assert listed_set(response) == expected


def test_every_project_certified_by_today_has_exactly_one_status(projects):
    for project in FdiProject.objects.all():
        matching = [
            status
            for status, rule in PROJECT_STATUS_RULES.items()
            if FdiProject.objects.filter(rule(TODAY), pk=project.pk).exists()
        ]
        assert matching == [project_status(project, TODAY)], project.ref


def test_capital_now_adds_the_capital_changes(leader_client, in_english, projects):
    response = leader_client.get("/investment/projects/", {"sort": "-capital_now"})

    assert listed_refs(response) == ["IRC-ICT", "IRC-CHIP", "IRC-DATA"]
    assert column_texts(response, "registered capital (USD)") == [
        "177,000,000",
        "10,000,000",
        "2,500,000.50",
    ]
    assert column_texts(response, "capital now (USD)")[0] == "192,000,000"


def test_every_sortable_column_is_a_choice_of_the_sort_filter():
    choices = {value for value, _label in FdiProjectFilterSet.base_filters["sort"].extra["choices"]}
    for column in FdiProjectListView.columns:
        if column.sort:
            assert {column.sort, f"-{column.sort}"} <= choices, column.sort


def test_project_page_shows_each_capital_change_with_the_running_capital(leader_client, in_english):
    project = create_project(certified_on=dt.date(2024, 5, 1), registered_capital_usd=1_000_000)
    create_capital_change(project=project, changed_on=dt.date(2025, 3, 1), amount_usd=-250_000)
    create_capital_change(project=project, changed_on=dt.date(2024, 9, 1), amount_usd=500_000)

    response = leader_client.get(f"/investment/projects/{project.pk}/")

    rows = [[cell.text for cell in cells] for _step, cells in response.context["capital"].rows]
    assert rows == [
        ["01/05/2024", "certified", "1,000,000", "1,000,000"],
        ["01/09/2024", "capital change", "500,000", "1,500,000"],
        ["01/03/2025", "capital change", "-250,000", "1,250,000"],
    ]
    assert '<dd class="capital-now">1,250,000</dd>' in response.content.decode()


def test_staff_see_a_link_to_the_admin(staff_client):
    project = create_project()

    response = staff_client.get(f"/investment/projects/{project.pk}/")

    assert f'href="/admin/investment/fdiproject/{project.pk}/change/"' in response.content.decode()


def test_user_without_a_role_is_refused(client):
    project = create_project()
    client.force_login(create_user("norole"))

    assert client.get("/investment/projects/").status_code == 403
    assert client.get(f"/investment/projects/{project.pk}/").status_code == 403


def _make_projects(count):
    for _number in range(count):
        project = create_project()
        create_capital_change(project=project)


def test_list_costs_the_same_queries_for_ten_times_the_projects(
    leader_client, django_assert_num_queries
):
    # Session, user, the user's and the group's permissions; the count; the page (with the
    # capital now as a subquery).
    _make_projects(3)
    with django_assert_num_queries(6):
        leader_client.get("/investment/projects/", {"sort": "-capital_now"})
    _make_projects(27)
    with django_assert_num_queries(6):
        leader_client.get("/investment/projects/", {"sort": "-capital_now"})
