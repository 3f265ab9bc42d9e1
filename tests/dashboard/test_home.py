"""The leaders' dashboard (the home page): cards, charts and map of a year, all from the indicator
engine and grouped selectors, cached until any record changes."""

import datetime as dt
import html
import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone
from django.utils.translation import override

from dashboard import cache as dashboard_cache
from dashboard.demo import load_demo
from dashboard.importer import import_workbook
from dashboard.indicators import indicator_table
from dashboard.models import StatisticsEntry
from dashboard.templatetags.numbers import plain
from delegations.models import Delegation
from investment.selectors import fdi_valid_capital_by_country, fdi_valid_capital_by_sector
from partners.models import Partner
from partners.selectors import partner_localities_by_country_and_relationship
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_contribution,
    create_delegation,
    create_event,
    create_leader,
    create_partner,
    create_project,
    create_statistic,
    create_user,
)

pytestmark = pytest.mark.django_db

D = dt.date
END_2025 = D(2025, 12, 31)

# Every figure the cards show, in the order of the cards.
CARD_KEYS = [
    "partners_active",
    "partner_countries",
    "agreements_signed",
    "agreements_in_force",
    "delegations_inbound",
    "delegations_inbound_high_level",
    "delegations_inbound_city_leaders",
    "delegations_outbound",
    "events_hosted",
    "fdi_attracted_usd",
    "exports_usd",
    "visitors_total",
    "visitors_international",
]


def shown_figures(response):
    """{indicator key: the raw value of its figure on the page (data-value), "" for none}."""
    found = re.findall(r'data-key="(\w+)" data-value="([^"]*)"', response.content.decode())
    return dict(found)


def card(response, key):
    """The text of one card, tags stripped, spaces collapsed."""
    match = re.search(
        rf'<article class="card" data-card="{key}">(.*?)</article>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, key
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match[1])).split())


def chart_figure(response, chart_id):
    match = re.search(
        rf'<script id="figure-{chart_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, chart_id
    return json.loads(match[1])


def add_records():
    """A few records of every kind in 2024 and 2025, with edges on 31 December."""
    daegu = create_partner(name="Daegu", country="KR", established_on=D(2009, 11, 18))
    create_partner(name="Genova", country="IT", established_on=D(2025, 7, 4))
    create_partner(name="Tacoma", country="US", established_on=D(2001, 5, 10), ended_on=END_2025)
    create_partner(name="CITYNET", kind=Partner.Kind.NETWORK, country="", established_on=None)
    create_agreement(partners=[daegu], signed_on=D(2024, 3, 1), expires_on=D(2025, 3, 1))
    create_agreement(partners=[daegu], signed_on=D(2025, 6, 1), expires_on=D(2030, 6, 1))
    create_agreement(partners=[daegu], signed_on=END_2025)
    create_delegation(start_on=D(2024, 5, 1))
    create_delegation(start_on=D(2025, 5, 1), level=Delegation.Level.MINISTER, city_leaders=True)
    create_delegation(start_on=D(2025, 8, 1))
    create_delegation(start_on=D(2025, 9, 1), direction=Delegation.Direction.OUTBOUND)
    create_event(start_on=D(2025, 6, 1))
    project = create_project(certified_on=D(2024, 5, 1), registered_capital_usd=Decimal(177e6))
    create_capital_change(project=project, changed_on=D(2025, 2, 1), amount_usd=Decimal(3e6))
    create_project(
        certified_on=D(2025, 4, 1),
        registered_capital_usd=Decimal(20e6),
        investor_country="JP",
        sector="real_estate",
    )
    create_contribution(contributed_on=D(2025, 7, 1), amount_usd=Decimal(2e6))
    create_statistic(indicator="exports_usd", year=2024, value=Decimal("4045000000"))
    create_statistic(
        indicator="exports_usd",
        year=2025,
        value=Decimal("4530000000"),
        status=StatisticsEntry.Status.PROVISIONAL,
        source="Báo cáo Ban Chỉ đạo hội nhập quốc tế, 10/3/2026",
    )


# -- the cards -------------------------------------------------------------------------------------


def test_each_card_shows_the_value_of_the_indicator_table(leader_client):
    add_records()

    response = leader_client.get("/?year=2025")

    assert response.status_code == 200
    table = indicator_table(first=2016, last=2025)
    expected = {key: plain(table.values(key)[2025], table.row(key).unit) for key in CARD_KEYS}
    assert shown_figures(response) == expected
    assert expected["partners_active"] == "2"  # Tacoma ended on 31 December 2025
    assert expected["fdi_attracted_usd"] == "25000000"  # 20 M new + 3 M adjusted + 2 M contributed
    # and the changes on the year before, from the same table
    cards = {c["key"]: c for c in response.context["cards"]}
    assert cards["fdi"]["headline"]["change"] == table.changes("fdi_attracted_usd")[2025]
    assert cards["exports"]["headline"]["change"] == table.changes("exports_usd")[2025]


def test_cards_are_in_vietnamese_number_style_by_default(leader_client):
    add_records()

    response = leader_client.get("/?year=2025")

    assert "25 triệu USD" in card(response, "fdi")
    assert "4,53 tỷ USD" in card(response, "exports")
    assert "+12%" in card(response, "exports")  # 4.53 billion on 4.045 billion


def test_cards_are_in_english_number_style_in_english(in_english, leader_client):
    add_records()

    response = leader_client.get("/?year=2025")

    assert card(response, "fdi").startswith("FDI attracted USD 25 million")
    assert "USD 4.53 billion" in card(response, "exports")


def test_a_statistic_missing_for_the_year_shows_no_data_never_0(in_english, leader_client):
    add_records()  # no visitors at all

    response = leader_client.get("/?year=2025")

    assert card(response, "visitors").startswith("Visitors no data")
    assert "International visitors no data" in card(response, "visitors")
    figures = shown_figures(response)
    assert figures["visitors_total"] == figures["visitors_international"] == ""
    assert 'class="figure no-data" data-key="visitors_total"' in response.content.decode()


def test_a_provisional_statistic_carries_its_badge_and_source(in_english, leader_client):
    add_records()

    response = leader_client.get("/?year=2025")

    text = card(response, "exports")
    assert text.startswith("Exports USD 4.53 billion provisional")
    assert "Source: Báo cáo Ban Chỉ đạo hội nhập quốc tế, 10/3/2026" in text
    assert '<span class="badge" data-status="provisional">provisional</span>' in (
        response.content.decode()
    )
    # An official figure has no badge.
    response = leader_client.get("/?year=2024")
    assert "badge" not in card(response, "exports")


def test_the_year_defaults_to_this_year(leader_client):
    this_year = timezone.localdate().year

    response = leader_client.get("/")

    assert response.context["year"] == this_year
    assert f'<option value="{this_year}" selected>' in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "20250", "1899", "2101", "25"])
def test_a_bad_year_gives_the_page_with_a_message_and_status_400(in_english, leader_client, year):
    response = leader_client.get(f"/?year={year}")

    assert response.status_code == 400
    assert f"“{year}” is not a year: give four digits from 1900 to 2100." in html.unescape(
        response.content.decode()
    )
    assert 'name="year"' in response.content.decode()  # the selector, to choose again
    assert "figure-" not in response.content.decode()


def test_each_card_links_to_the_list_behind_it_filtered_on_the_year(leader_client):
    response = leader_client.get("/?year=2025")

    links = {c["key"]: c["link"] for c in response.context["cards"]}
    assert links == {
        "partners": "/partners/?kind=locality&established_to=2025-12-31",
        "agreements": "/agreements/?signed_year=2025",
        "delegations_inbound": "/delegations/?direction=inbound&year=2025",
        "delegations_outbound": "/delegations/?direction=outbound&year=2025",
        "events": "/events/?year=2025",
        "fdi": "/investment/projects/?certified_year=2025",
        "exports": "/admin/dashboard/statisticsentry/?indicator__exact=exports_usd",
        "visitors": "/admin/dashboard/statisticsentry/?indicator__exact=visitors_total",
    }
    for link in links.values():
        assert leader_client.get(link).status_code == 200, link


def test_a_user_without_permissions_sees_figures_but_no_links(client):
    client.force_login(create_user("guest"))
    add_records()

    response = client.get("/?year=2025")

    assert response.status_code == 200
    assert "card-link" not in response.content.decode()
    assert shown_figures(response)["partners_active"] == "2"
    for chart_id in ("partners-map", "fdi-attracted", "delegations", "agreements"):
        assert "links" not in chart_figure(response, chart_id)
    assert 'href="/partners/' not in response.content.decode()


def test_each_chart_point_leads_to_the_list_of_its_records(leader_client):
    add_records()

    response = leader_client.get("/?year=2025")

    delegations = chart_figure(response, "delegations")
    inbound, high_level, outbound = delegations["links"]
    assert inbound[-1] == "/delegations/?direction=inbound&year=2025"
    assert high_level[-1] == "/delegations/?direction=inbound&high_level=true&year=2025"
    assert outbound[-1] == "/delegations/?direction=outbound&year=2025"
    signed, in_force = chart_figure(response, "agreements")["links"]
    assert signed[-1] == "/agreements/?signed_year=2025"
    assert set(in_force) == {None}
    choropleth = chart_figure(response, "partners-map")
    korea = choropleth["data"][0]["locations"].index("KOR")
    assert choropleth["links"][0][korea] == "/partners/?kind=locality&country=KR"
    by_country = chart_figure(response, "fdi-by-country")
    assert by_country["links"][0][-1] == "/investment/projects/?investor_country=KR&status=valid"


def test_a_chart_link_opens_a_list_with_the_records_the_chart_counts(leader_client):
    add_records()
    response = leader_client.get("/?year=2025")
    inbound = chart_figure(response, "delegations")["links"][0][-1]

    listed = leader_client.get(inbound)

    counted = chart_figure(response, "delegations")["data"][0]["y"][-1]
    assert listed.status_code == 200
    assert len(listed.context["rows"]) == counted


# -- queries and the cache -------------------------------------------------------------------------


def add_many_records(n, *, start=0):
    for i in range(start, start + n):
        day = D(2016 + i % 10, 1 + i % 12, 1 + i % 28)
        create_partner(established_on=day, country=["KR", "JP", "FR"][i % 3])
        create_agreement(signed_on=day)
        create_delegation(start_on=day, city_leaders=bool(i % 2))
        create_event(start_on=day)
        project = create_project(certified_on=day, investor_country=["KR", "SG"][i % 2])
        create_capital_change(project=project)
        create_contribution(contributed_on=day)
        create_statistic(indicator="visitors_total", year=1990 + i, value=Decimal(i * 1000))


def test_the_page_needs_the_same_queries_whatever_the_data(
    leader_client, django_assert_num_queries
):
    leader_client.get("/?year=2025")  # warm the session and user lookups
    # session, user, the user's and the groups' permissions (links), then the figures:
    # partners, agreements, delegations, events, FDI projects, capital changes, contributions,
    # statistics (the indicator table), FDI capital by country, by sector, partners by country
    add_many_records(3)
    cache.clear()
    with django_assert_num_queries(15):
        leader_client.get("/?year=2025")
    add_many_records(30, start=3)
    cache.clear()
    with django_assert_num_queries(15):
        leader_client.get("/?year=2025")


def test_the_figures_are_computed_once_until_the_data_changes(
    leader_client, django_assert_num_queries
):
    add_records()
    leader_client.get("/?year=2025")

    # session, user, permissions (2): the figures come from the cache
    with django_assert_num_queries(4):
        response = leader_client.get("/?year=2025")
    assert shown_figures(response)["partners_active"] == "2"


def test_figures_are_cached_per_language(leader_client):
    add_records()
    assert "25 triệu USD" in card(leader_client.get("/?year=2025"), "fdi")

    leader_client.cookies["django_language"] = "en"

    assert "USD 25 million" in card(leader_client.get("/?year=2025"), "fdi")


def test_a_partner_saved_through_the_orm_shows_on_the_next_load(leader_client):
    add_records()
    assert shown_figures(leader_client.get("/?year=2025"))["partners_active"] == "2"

    create_partner(name="Busan", country="KR", established_on=D(2022, 11, 9))

    figures = shown_figures(leader_client.get("/?year=2025"))
    assert figures["partners_active"] == "3"
    assert figures["partner_countries"] == "2"


def test_a_statistic_corrected_in_admin_shows_on_the_next_load(
    in_english, leader_client, staff_member
):
    add_records()
    assert "USD 4.53 billion" in card(leader_client.get("/?year=2025"), "exports")
    entry = StatisticsEntry.objects.get(indicator="exports_usd", year=2025)

    leader_client.force_login(staff_member)
    response = leader_client.post(
        f"/admin/dashboard/statisticsentry/{entry.pk}/change/",
        {
            "indicator": "exports_usd",
            "year": "2025",
            "value": "4610000000",
            "source": "Cục Thống kê",
            "status": "official",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    text = card(leader_client.get("/?year=2025"), "exports")
    assert text.startswith("Exports USD 4.61 billion")
    assert "provisional" not in text
    assert "Source: Cục Thống kê" in text


def test_a_deleted_record_and_a_changed_link_give_the_data_a_new_version():
    partner = create_partner()
    agreement = create_agreement(partners=[partner])
    versions = [dashboard_cache.data_version()]

    agreement.partners.add(create_partner(name="Genova", country="IT"))
    versions.append(dashboard_cache.data_version())
    agreement.partners.clear()
    versions.append(dashboard_cache.data_version())
    agreement.delete()
    versions.append(dashboard_cache.data_version())

    assert len(set(versions)) == 4


def test_a_save_inside_a_transaction_bumps_the_version_again_on_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create_partner()
        during = dashboard_cache.data_version()

    assert len(callbacks) == 1
    assert dashboard_cache.data_version() != during


def test_an_import_shows_on_the_next_load(in_english, leader_client, tmp_path):
    add_records()
    assert "no data" in card(leader_client.get("/?year=2025"), "visitors")
    path = tmp_path / "statistics.csv"
    path.write_text(
        "indicator,year,value,source,status\nvisitors_total,2025,17300000,Sở Du lịch,official\n",
        encoding="utf-8",
    )

    result = import_workbook(path)

    assert result.imported, result.problems
    assert card(leader_client.get("/?year=2025"), "visitors").startswith("Visitors 17.3 million")


def test_loading_the_demo_data_gives_the_data_a_new_version():
    before = dashboard_cache.data_version()

    load_demo()

    assert dashboard_cache.data_version() != before


# -- the charts ------------------------------------------------------------------------------------


def test_the_fdi_chart_stacks_new_adjusted_and_contributed_capital_per_year(leader_client):
    add_records()

    figure = chart_figure(leader_client.get("/?year=2025"), "fdi-attracted")

    assert [trace["type"] for trace in figure["data"]] == ["bar", "bar", "bar"]
    assert figure["layout"]["barmode"] == "relative"
    new, adjusted, contributed = figure["data"]
    assert new["x"] == [str(year) for year in range(2016, 2026)]
    assert new["y"][-2:] == [177.0, 20.0]  # million USD in 2024 and 2025
    assert adjusted["y"][-2:] == [0.0, 3.0]
    assert contributed["y"][-2:] == [0.0, 2.0]
    assert new["customdata"][-1] == "20 triệu USD"
    assert figure["layout"]["separators"] == ",."
    assert figure["layout"]["yaxis"]["title"]["text"] == "Triệu USD"


def test_the_charts_use_english_separators_in_english(in_english, leader_client):
    add_records()

    figure = chart_figure(leader_client.get("/?year=2025"), "fdi-attracted")

    assert figure["layout"]["separators"] == ".,"
    assert figure["data"][0]["customdata"][-2] == "USD 177 million"
    assert figure["data"][0]["name"] == "Registered capital of new FDI projects"


def test_the_delegation_and_agreement_charts_follow_the_indicator_table(leader_client):
    add_records()
    table = indicator_table(first=2016, last=2025)
    response = leader_client.get("/?year=2025")

    delegations = chart_figure(response, "delegations")
    agreements = chart_figure(response, "agreements")

    def series(key):
        return [table.values(key)[year] for year in table.years]

    assert [trace["y"] for trace in delegations["data"]] == [
        series("delegations_inbound"),
        series("delegations_inbound_high_level"),
        series("delegations_outbound"),
    ]
    assert [trace["y"] for trace in agreements["data"]] == [
        series("agreements_signed"),
        series("agreements_in_force"),
    ]
    assert agreements["data"][1]["y"][-1] == 2  # signed 31 December 2025, and the 2030 one


def test_fdi_capital_by_country_and_sector_adds_up_to_the_valid_capital(leader_client):
    add_records()
    response = leader_client.get("/?year=2025")

    by_country = chart_figure(response, "fdi-by-country")["data"][0]
    by_sector = chart_figure(response, "fdi-by-sector")["data"][0]

    # largest on top: plotly draws the first category at the bottom
    assert by_country["y"] == ["Nhật Bản", "Hàn Quốc"]
    assert by_country["x"] == [20.0, 180.0]  # Dentium's 177 M plus its 3 M change
    assert by_sector["x"] == [20.0, 180.0]
    total = indicator_table(first=2025, last=2025).values("fdi_capital_valid_usd")[2025]
    assert sum(fdi_valid_capital_by_country(day=END_2025).values()) == total
    assert sum(fdi_valid_capital_by_sector(day=END_2025).values()) == total


def test_the_map_colours_countries_by_active_partners_with_their_names(in_english, leader_client):
    add_records()
    create_partner(name="Busan", name_vi="Thành phố Busan", country="KR")

    figure = chart_figure(leader_client.get("/?year=2025"), "partners-map")

    choropleth = figure["data"][0]
    assert choropleth["type"] == "choropleth"
    assert choropleth["locationmode"] == "ISO-3"
    assert dict(zip(choropleth["locations"], choropleth["z"], strict=True)) == {"KOR": 2, "ITA": 1}
    korea = choropleth["customdata"][choropleth["locations"].index("KOR")]
    assert korea == ["South Korea", "2", "Busan<br>Daegu"]


def test_the_map_names_ten_partners_of_a_country_and_counts_the_others(in_english, leader_client):
    for number in range(1, 1 + 13):
        create_partner(name=f"Japan city {number:02d}", country="JP")

    response = leader_client.get("/")

    japan = chart_figure(response, "partners-map")["data"][0]["customdata"][0]
    names = japan[2].split("<br>")
    assert japan[:2] == ["Japan", "13"]
    assert names == [f"Japan city {n:02d}" for n in range(1, 11)] + ["and 3 more"]
    assert "Japan city 11" not in response.content.decode()


def test_the_partner_chart_stacks_countries_by_relationship(leader_client):
    add_records()
    create_partner(name="Busan", country="KR", relationship=Partner.Relationship.SISTER_CITY)

    figure = chart_figure(leader_client.get("/?year=2025"), "partners")

    by_kind = {
        trace["name"]: dict(zip(trace["y"], trace["x"], strict=True)) for trace in figure["data"]
    }
    assert by_kind == {
        "kết nghĩa": {"Ý": 0, "Hàn Quốc": 1},
        "hữu nghị hợp tác": {"Ý": 1, "Hàn Quốc": 1},
    }


def test_every_chart_has_a_table_of_its_numbers(leader_client):
    add_records()

    response = leader_client.get("/?year=2025")

    content = response.content.decode()
    for chart in response.context["charts"]:
        assert f'id="chart-{chart["id"]}"' in content
        assert chart["table"]["rows"], chart["id"]
    fdi = next(c for c in response.context["charts"] if c["id"] == "fdi-attracted")
    assert fdi["table"]["rows"][-1] == [
        "2025",
        "20 triệu USD",
        "3 triệu USD",
        "2 triệu USD",
        "25 triệu USD",
    ]
    assert (
        '<th scope="row"><a href="/investment/projects/?certified_year=2025">2025</a></th>'
        "<td>20 triệu USD</td>"
    ) in content


def test_the_page_loads_only_the_apps_own_scripts(leader_client):
    add_records()

    content = leader_client.get("/?year=2025").content.decode()

    scripts = re.findall(r"<script([^>]*)>", content)
    assert [s for s in scripts if "src=" in s] == [
        ' src="/static/vendor/plotly/plotly.min.js" defer',
        ' src="/static/js/dashboard.js" defer',
    ]
    # every other script element is a JSON data block, never code
    assert all('type="application/json"' in s for s in scripts if "src=" not in s)
    assert 'data-topojson-url="/static/vendor/plotly/topojson/"' in content


# -- the selectors ---------------------------------------------------------------------------------


def test_fdi_capital_selectors_need_one_query_each(django_assert_num_queries):
    add_records()

    with django_assert_num_queries(1):
        by_country = fdi_valid_capital_by_country(day=END_2025)
    with django_assert_num_queries(1):
        by_sector = fdi_valid_capital_by_sector(day=END_2025)

    assert by_country == {"KR": Decimal("180000000"), "JP": Decimal("20000000")}
    assert by_sector == {"manufacturing": Decimal("180000000"), "real_estate": Decimal("20000000")}


def test_a_terminated_project_leaves_the_capital_by_country(django_assert_num_queries):
    project = create_project(certified_on=D(2020, 1, 1), terminated_on=END_2025)
    create_capital_change(project=project, changed_on=D(2021, 1, 1))
    create_project(certified_on=D(2020, 1, 1), investor_country="JP")
    create_capital_change(
        project=create_project(certified_on=D(2020, 1, 1), investor_country="JP"),
        changed_on=D(2026, 1, 1),  # after the end of 2025: not yet
    )

    assert fdi_valid_capital_by_country(day=END_2025) == {"JP": Decimal("354000000")}
    assert fdi_valid_capital_by_country(day=D(2025, 12, 30)) == {
        "KR": Decimal("178000000"),
        "JP": Decimal("354000000"),
    }


def test_partners_by_country_and_relationship_is_one_query(django_assert_num_queries):
    add_records()

    with django_assert_num_queries(1):
        groups = partner_localities_by_country_and_relationship(day=END_2025)

    assert groups == [
        {"country": "IT", "relationship": "friendship_cooperation", "count": 1,
         "names": [("Genova", "")]},
        {"country": "KR", "relationship": "friendship_cooperation", "count": 1,
         "names": [("Daegu", "")]},
    ]  # fmt: skip


# -- the demo data ---------------------------------------------------------------------------------


class DemoDashboardTests(TestCase):
    """The dashboard of 2025 on the demo data shows the figures the city published."""

    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.leader = create_leader()

    def setUp(self):
        cache.clear()
        self.client.force_login(self.leader)
        self.response = self.client.get("/?year=2025")

    def test_partners_agreements_and_delegations_of_2025(self):
        figures = shown_figures(self.response)
        self.assertEqual(figures["partners_active"], "60")
        self.assertEqual(figures["partner_countries"], "24")
        self.assertEqual(figures["agreements_signed"], "10")
        self.assertIn("60", card(self.response, "partners"))
        self.assertIn("24", card(self.response, "partners"))

    def test_money_and_visitors_in_vietnamese_style(self):
        self.assertIn("525 triệu USD", card(self.response, "fdi"))
        self.assertIn("4,53 tỷ USD", card(self.response, "exports"))
        self.assertIn("17,3 triệu lượt", card(self.response, "visitors"))
        self.assertIn("7,6 triệu lượt", card(self.response, "visitors"))

    def test_the_provisional_exports_carry_their_badge_and_source(self):
        with override("vi"):
            provisional = str(StatisticsEntry.Status.PROVISIONAL.label)
        text = card(self.response, "exports")
        self.assertIn(f"4,53 tỷ USD {provisional}", text)
        self.assertIn("Báo cáo Ban Chỉ đạo hội nhập quốc tế thành phố, 10/3/2026", text)

    def test_every_card_equals_the_indicator_table(self):
        table = indicator_table(first=2016, last=2025)
        expected = {key: plain(table.values(key)[2025], table.row(key).unit) for key in CARD_KEYS}
        self.assertEqual(shown_figures(self.response), expected)

    def test_the_map_has_the_24_countries_and_the_60_partners(self):
        choropleth = chart_figure(self.response, "partners-map")["data"][0]
        self.assertEqual(len(choropleth["locations"]), 24)
        self.assertEqual(sum(choropleth["z"]), 60)
        self.assertIn("KOR", choropleth["locations"])
