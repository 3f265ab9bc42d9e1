"""The yearly indicators (data contract, section 2): the engine, its CSV from the command and the
download, year to date, bad input, and the number of queries."""

import datetime as dt
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from dashboard.exports import csv_value
from dashboard.indicators import INDICATORS, indicator_table, parse_until, parse_year_range
from dashboard.models import StatisticsEntry
from delegations.models import Delegation
from partners.models import Partner
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_contribution,
    create_delegation,
    create_event,
    create_partner,
    create_project,
    create_statistic,
)

pytestmark = pytest.mark.django_db

D = dt.date
M = 1_000_000


def values(key, first=2021, last=2024, until=None):
    return indicator_table(first=first, last=last, until=until).values(key)


def changes(key, first=2021, last=2024, until=None):
    return indicator_table(first=first, last=last, until=until).changes(key)


# The registry


def test_rows_follow_the_order_of_the_contract_then_the_statistics_keys():
    table = indicator_table(first=2024, last=2024)

    assert [row.key for row in table.rows] == [
        "partners_active",
        "partner_countries",
        "partners_new",
        "agreements_signed",
        "agreements_cumulative",
        "agreements_in_force",
        "delegations_inbound",
        "delegations_inbound_high_level",
        "delegations_inbound_city_leaders",
        "delegations_outbound",
        "events_hosted",
        "fdi_new_projects",
        "fdi_new_capital_usd",
        "fdi_adjusted_capital_usd",
        "fdi_contributions_usd",
        "fdi_attracted_usd",
        "fdi_projects_valid",
        "fdi_capital_valid_usd",
        "exports_usd",
        "imports_usd",
        "visitors_total",
        "visitors_international",
        "aid_committed_usd",
        "aid_disbursed_usd",
    ]
    assert {i.unit for i in INDICATORS} == {"count", "usd"}
    assert all(i.unit == "usd" for i in INDICATORS if i.key.endswith("_usd"))


def test_empty_database_gives_zeros_for_records_and_blanks_for_statistics():
    table = indicator_table(first=2024, last=2024)

    assert table.values("partners_active") == {2024: 0}
    assert table.values("fdi_attracted_usd") == {2024: Decimal("0")}
    assert table.values("exports_usd") == {2024: None}
    assert table.changes("partners_active") == {2024: None}


# Partners


def test_partner_established_on_31_december_counts_that_year():
    create_partner(established_on=D(2022, 12, 31))

    assert values("partners_active") == {2021: 0, 2022: 1, 2023: 1, 2024: 1}
    assert values("partners_new") == {2021: 0, 2022: 1, 2023: 0, 2024: 0}


def test_partner_ended_on_31_december_is_not_active_that_year():
    create_partner(established_on=D(2020, 1, 1), ended_on=D(2022, 12, 31))

    assert values("partners_active") == {2021: 1, 2022: 0, 2023: 0, 2024: 0}


def test_partner_ended_on_1_january_is_still_active_at_the_end_of_the_year_before():
    create_partner(established_on=D(2020, 1, 1), ended_on=D(2023, 1, 1))

    assert values("partners_active") == {2021: 1, 2022: 1, 2023: 0, 2024: 0}


def test_partner_countries_are_counted_once_each_among_active_localities():
    create_partner(name="Daegu", country="KR", established_on=D(2020, 1, 1))
    create_partner(name="Busan", country="KR", established_on=D(2022, 5, 1))
    create_partner(name="Sakai", country="JP", established_on=D(2023, 3, 1))
    create_partner(
        name="Bordeaux", country="FR", established_on=D(2020, 1, 1), ended_on=D(2022, 6, 1)
    )

    assert values("partners_active") == {2021: 2, 2022: 2, 2023: 3, 2024: 3}
    assert values("partner_countries") == {2021: 2, 2022: 1, 2023: 2, 2024: 2}


def test_partners_that_are_not_localities_are_not_counted():
    create_partner(
        name="CITYNET", kind=Partner.Kind.NETWORK, country="", established_on=D(2022, 1, 1)
    )
    create_partner(
        name="KOICA", kind=Partner.Kind.ORGANIZATION, country="KR", established_on=D(2022, 1, 1)
    )
    create_partner(name="Prospective", established_on=None)

    assert values("partners_active") == {2021: 0, 2022: 0, 2023: 0, 2024: 0}
    assert values("partner_countries") == {2021: 0, 2022: 0, 2023: 0, 2024: 0}
    assert values("partners_new") == {2021: 0, 2022: 0, 2023: 0, 2024: 0}


# Agreements


@pytest.fixture
def partner(db):
    return create_partner(established_on=D(2020, 1, 1))


def test_agreement_that_expires_on_31_december_is_in_force_that_year_and_not_the_next(partner):
    create_agreement(partners=[partner], signed_on=D(2021, 3, 1), expires_on=D(2022, 12, 31))

    assert values("agreements_in_force") == {2021: 1, 2022: 1, 2023: 0, 2024: 0}
    assert values("agreements_cumulative") == {2021: 1, 2022: 1, 2023: 1, 2024: 1}
    assert values("agreements_signed") == {2021: 1, 2022: 0, 2023: 0, 2024: 0}


def test_agreement_terminated_on_1_january_is_in_force_at_the_end_of_the_year_before(partner):
    create_agreement(partners=[partner], signed_on=D(2021, 3, 1), terminated_on=D(2023, 1, 1))

    assert values("agreements_in_force") == {2021: 1, 2022: 1, 2023: 0, 2024: 0}


def test_agreement_terminated_on_31_december_is_not_in_force_that_year(partner):
    create_agreement(partners=[partner], signed_on=D(2021, 3, 1), terminated_on=D(2022, 12, 31))

    assert values("agreements_in_force") == {2021: 1, 2022: 0, 2023: 0, 2024: 0}
    assert values("agreements_cumulative") == {2021: 1, 2022: 1, 2023: 1, 2024: 1}


def test_agreement_without_effective_date_is_in_force_from_its_signing(partner):
    create_agreement(partners=[partner], signed_on=D(2022, 12, 31), effective_on=None)
    create_agreement(partners=[partner], signed_on=D(2022, 12, 1), effective_on=D(2023, 1, 15))

    assert values("agreements_in_force") == {2021: 0, 2022: 1, 2023: 2, 2024: 2}
    assert values("agreements_signed") == {2021: 0, 2022: 2, 2023: 0, 2024: 0}


def test_agreement_still_being_negotiated_is_not_counted(partner):
    create_agreement(partners=[partner], signed_on=None)

    assert values("agreements_signed") == {2021: 0, 2022: 0, 2023: 0, 2024: 0}
    assert values("agreements_cumulative") == {2021: 0, 2022: 0, 2023: 0, 2024: 0}
    assert values("agreements_in_force") == {2021: 0, 2022: 0, 2023: 0, 2024: 0}


# Delegations and events

L = Delegation.Level
INBOUND, OUTBOUND = Delegation.Direction.INBOUND, Delegation.Direction.OUTBOUND


def test_high_level_and_city_leader_delegations_are_counted_among_inbound_ones():
    create_delegation(direction=INBOUND, level=L.HEAD_OF_STATE, start_on=D(2024, 3, 1))
    create_delegation(
        direction=INBOUND, level=L.MINISTER, city_leaders=True, start_on=D(2024, 4, 1)
    )
    create_delegation(direction=INBOUND, level=L.DEPUTY_MINISTER, start_on=D(2024, 5, 1))
    create_delegation(
        direction=INBOUND, level=L.AMBASSADOR, city_leaders=True, start_on=D(2024, 6, 1)
    )
    create_delegation(direction=INBOUND, level=L.ROYAL, start_on=D(2024, 12, 31))
    create_delegation(direction=INBOUND, level=L.PARLIAMENT_LEADER, start_on=D(2025, 1, 1))
    create_delegation(
        direction=OUTBOUND, level=L.MINISTER, city_leaders=True, start_on=D(2024, 9, 1)
    )

    table = indicator_table(first=2024, last=2025)

    assert table.values("delegations_inbound") == {2024: 5, 2025: 1}
    assert table.values("delegations_inbound_high_level") == {2024: 3, 2025: 1}
    assert table.values("delegations_inbound_city_leaders") == {2024: 2, 2025: 0}
    assert table.values("delegations_outbound") == {2024: 1, 2025: 0}


def test_event_starting_on_31_december_counts_that_year():
    create_event(start_on=D(2024, 12, 31), end_on=D(2025, 1, 2))
    create_event(start_on=D(2025, 1, 1))

    assert values("events_hosted", 2024, 2025) == {2024: 1, 2025: 1}


# Investment


def test_negative_capital_change_subtracts_from_adjusted_and_attracted_capital():
    project = create_project(certified_on=D(2023, 5, 1), registered_capital_usd=Decimal(177 * M))
    create_capital_change(
        project=project, changed_on=D(2024, 3, 1), amount_usd=Decimal("10000000.50")
    )
    create_capital_change(project=project, changed_on=D(2024, 9, 1), amount_usd=Decimal(-2_500_000))
    create_contribution(contributed_on=D(2024, 7, 1), amount_usd=Decimal(2_500_000))

    table = indicator_table(first=2023, last=2024)

    assert table.values("fdi_new_projects") == {2023: 1, 2024: 0}
    assert table.values("fdi_new_capital_usd") == {2023: Decimal(177 * M), 2024: 0}
    assert table.values("fdi_adjusted_capital_usd") == {2023: 0, 2024: Decimal("7500000.50")}
    assert table.values("fdi_contributions_usd") == {2023: 0, 2024: Decimal(2_500_000)}
    assert table.values("fdi_attracted_usd") == {
        2023: Decimal(177 * M),
        2024: Decimal("10000000.50"),
    }
    assert table.values("fdi_capital_valid_usd") == {
        2023: Decimal(177 * M),
        2024: Decimal("184500000.50"),
    }


def test_project_terminated_mid_year_is_not_valid_at_its_end_nor_are_its_capital_changes():
    closed = create_project(
        certified_on=D(2022, 1, 10),
        registered_capital_usd=Decimal(100 * M),
        terminated_on=D(2024, 6, 30),
    )
    create_capital_change(project=closed, changed_on=D(2023, 2, 1), amount_usd=Decimal(20 * M))
    late = create_project(certified_on=D(2024, 12, 31), registered_capital_usd=Decimal(50 * M))
    create_capital_change(project=late, changed_on=D(2024, 12, 31), amount_usd=Decimal(5 * M))
    create_capital_change(project=late, changed_on=D(2025, 1, 1), amount_usd=Decimal(1 * M))

    table = indicator_table(first=2022, last=2025)

    assert table.values("fdi_projects_valid") == {2022: 1, 2023: 1, 2024: 1, 2025: 1}
    assert table.values("fdi_capital_valid_usd") == {
        2022: Decimal(100 * M),  # the 2023 change is not there yet
        2023: Decimal(120 * M),
        2024: Decimal(55 * M),  # only the project certified on 31 December
        2025: Decimal(56 * M),
    }
    # Adjustments are a flow: they count in their year whatever happens to the project later.
    assert table.values("fdi_adjusted_capital_usd") == {
        2022: 0,
        2023: Decimal(20 * M),
        2024: Decimal(5 * M),
        2025: Decimal(1 * M),
    }


# Statistics and changes


def test_missing_statistics_year_is_blank_and_the_next_change_is_blank():
    create_statistic(indicator="exports_usd", year=2021, value=Decimal(100))
    create_statistic(indicator="exports_usd", year=2023, value=Decimal(150))
    create_statistic(indicator="exports_usd", year=2024, value=Decimal(300))

    assert values("exports_usd") == {
        2021: Decimal(100),
        2022: None,
        2023: Decimal(150),
        2024: Decimal(300),
    }
    assert changes("exports_usd") == {2021: None, 2022: None, 2023: None, 2024: Decimal(1)}


def test_statistics_keep_their_status_and_source():
    create_statistic(
        indicator="visitors_total",
        year=2024,
        value=Decimal(17_000_000),
        status=StatisticsEntry.Status.PROVISIONAL,
        source="Sở Du lịch",
    )

    cell = indicator_table(first=2024, last=2024).row("visitors_total").cells[0]

    assert (cell.value, cell.status, cell.source) == (17_000_000, "provisional", "Sở Du lịch")
    assert type(cell.value) is int  # a count, although entered as a decimal


def test_change_is_blank_when_the_year_before_is_zero():
    create_event(start_on=D(2022, 5, 1))
    create_event(start_on=D(2022, 6, 1))
    create_event(start_on=D(2023, 5, 1))
    create_event(start_on=D(2023, 6, 1))
    create_event(start_on=D(2023, 7, 1))

    assert values("events_hosted") == {2021: 0, 2022: 2, 2023: 3, 2024: 0}
    assert changes("events_hosted") == {
        2021: None,
        2022: None,
        2023: Decimal("0.5"),
        2024: Decimal(-1),
    }


def test_change_of_the_first_year_compares_with_the_year_before_the_table():
    create_statistic(indicator="aid_committed_usd", year=2020, value=Decimal(80))
    create_statistic(indicator="aid_committed_usd", year=2021, value=Decimal(100))

    table = indicator_table(first=2021, last=2021)

    assert table.years == (2021,)
    assert table.changes("aid_committed_usd") == {2021: Decimal("0.25")}


# Year to date


def test_year_to_date_counts_flows_to_30_june_and_takes_stocks_on_30_june(partner):
    create_partner(established_on=D(2024, 6, 30))
    create_partner(established_on=D(2024, 7, 1))
    create_partner(established_on=D(2020, 1, 1), ended_on=D(2024, 6, 30))
    create_agreement(partners=[partner], signed_on=D(2023, 1, 5), expires_on=D(2024, 6, 30))
    create_agreement(partners=[partner], signed_on=D(2023, 1, 5), expires_on=D(2024, 6, 29))
    create_delegation(start_on=D(2024, 6, 30))
    create_delegation(start_on=D(2024, 7, 1))
    project = create_project(
        certified_on=D(2023, 1, 1),
        registered_capital_usd=Decimal(10 * M),
        terminated_on=D(2024, 7, 1),
    )
    create_capital_change(project=project, changed_on=D(2024, 5, 1), amount_usd=Decimal(1 * M))
    create_capital_change(project=project, changed_on=D(2024, 8, 1), amount_usd=Decimal(2 * M))
    create_contribution(contributed_on=D(2024, 6, 30), amount_usd=Decimal(3 * M))
    create_contribution(contributed_on=D(2024, 7, 1), amount_usd=Decimal(4 * M))
    create_event(start_on=D(2024, 6, 30))
    create_event(start_on=D(2024, 12, 31))
    create_statistic(indicator="exports_usd", year=2024, value=Decimal(900))

    half = indicator_table(first=2024, last=2024, until="06-30")
    full = indicator_table(first=2024, last=2024)

    # `partner` (2020), the one established on 30 June; the one ended on 30 June is gone.
    assert half.values("partners_active") == {2024: 2}
    assert full.values("partners_active") == {2024: 3}
    assert half.values("partners_new") == {2024: 1}
    assert full.values("partners_new") == {2024: 2}
    assert half.values("agreements_in_force") == {2024: 1}
    assert full.values("agreements_in_force") == {2024: 0}
    assert half.values("delegations_inbound") == {2024: 1}
    assert full.values("delegations_inbound") == {2024: 2}
    assert half.values("fdi_projects_valid") == {2024: 1}
    assert full.values("fdi_projects_valid") == {2024: 0}
    assert half.values("fdi_capital_valid_usd") == {2024: Decimal(11 * M)}
    assert half.values("fdi_adjusted_capital_usd") == {2024: Decimal(1 * M)}
    assert full.values("fdi_adjusted_capital_usd") == {2024: Decimal(3 * M)}
    assert half.values("fdi_contributions_usd") == {2024: Decimal(3 * M)}
    assert full.values("fdi_contributions_usd") == {2024: Decimal(7 * M)}
    assert half.values("fdi_attracted_usd") == {2024: Decimal(4 * M)}
    assert half.values("events_hosted") == {2024: 1}
    assert full.values("events_hosted") == {2024: 2}
    assert half.values("exports_usd") == full.values("exports_usd") == {2024: Decimal(900)}
    assert half.until == (6, 30)


def test_year_to_date_compares_each_year_up_to_the_same_day():
    create_delegation(start_on=D(2023, 6, 30))
    create_delegation(start_on=D(2023, 7, 1))
    create_delegation(start_on=D(2024, 1, 1))

    assert values("delegations_inbound", 2023, 2024, until=(6, 30)) == {2023: 1, 2024: 1}
    assert changes("delegations_inbound", 2023, 2024, until=(6, 30)) == {
        2023: None,
        2024: Decimal(0),
    }


def test_29_february_stands_for_28_february_in_other_years():
    create_delegation(start_on=D(2023, 2, 28))
    create_delegation(start_on=D(2023, 3, 1))
    create_delegation(start_on=D(2024, 2, 29))

    assert values("delegations_inbound", 2023, 2024, until="02-29") == {2023: 1, 2024: 1}


# The CSV, from the command and the download


@pytest.fixture
def records(partner):
    create_partner(name="Sakai", country="JP", established_on=D(2023, 12, 31))
    create_agreement(partners=[partner], signed_on=D(2023, 4, 1))
    create_delegation(level=L.HEAD_OF_STATE, start_on=D(2024, 3, 1), city_leaders=True)
    create_delegation(direction=OUTBOUND, start_on=D(2022, 9, 1))
    create_event(start_on=D(2023, 8, 1))
    project = create_project(certified_on=D(2023, 5, 1), registered_capital_usd=Decimal(177 * M))
    create_capital_change(project=project, changed_on=D(2024, 2, 1), amount_usd=Decimal("-0.5"))
    create_contribution(contributed_on=D(2024, 7, 1), amount_usd=Decimal("2500000.25"))
    create_statistic(indicator="exports_usd", year=2023, value=Decimal("4530000000.50"))
    create_statistic(indicator="visitors_total", year=2024, value=Decimal(17_000_000))


EXPECTED_CSV = """\
indicator,unit,2022,2023,2024
partners_active,count,1,2,2
partner_countries,count,1,2,2
partners_new,count,0,1,0
agreements_signed,count,0,1,0
agreements_cumulative,count,0,1,1
agreements_in_force,count,0,1,1
delegations_inbound,count,0,0,1
delegations_inbound_high_level,count,0,0,1
delegations_inbound_city_leaders,count,0,0,1
delegations_outbound,count,1,0,0
events_hosted,count,0,1,0
fdi_new_projects,count,0,1,0
fdi_new_capital_usd,usd,0,177000000,0
fdi_adjusted_capital_usd,usd,0,0,-0.5
fdi_contributions_usd,usd,0,0,2500000.25
fdi_attracted_usd,usd,0,177000000,2499999.75
fdi_projects_valid,count,0,1,1
fdi_capital_valid_usd,usd,0,177000000,176999999.5
exports_usd,usd,,4530000000.5,
imports_usd,usd,,,
visitors_total,count,,,17000000
visitors_international,count,,,
aid_committed_usd,usd,,,
aid_disbursed_usd,usd,,,
"""


def test_command_prints_the_table_as_csv(records):
    out = StringIO()

    call_command("indicators", "--from", "2022", "--to", "2024", stdout=out)

    assert out.getvalue() == EXPECTED_CSV


def test_download_gives_the_same_csv_as_the_command(records, leader_client):
    out = StringIO()
    call_command("indicators", "--from", "2022", "--to", "2024", stdout=out)

    response = leader_client.get("/indicators.csv", {"from": "2022", "to": "2024"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="indicators-2022-2024.csv"'
    assert response.content.decode() == out.getvalue() == EXPECTED_CSV


def test_year_to_date_download_is_named_after_the_day_and_matches_the_command(
    records, leader_client
):
    out = StringIO()
    call_command("indicators", "--from", "2020", "--to", "2025", "--until", "09-30", stdout=out)

    response = leader_client.get(
        "/indicators.csv", {"from": "2020", "to": "2025", "until": "09-30"}
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="indicators-2020-2025-until-09-30.csv"'
    )
    assert response.content.decode() == out.getvalue()
    # The contribution of 1 July counts by 30 September.
    assert "fdi_contributions_usd,usd,0,0,0,0,2500000.25,0\n" in out.getvalue()


def test_download_defaults_to_the_six_years_up_to_this_year(leader_client):
    this_year = timezone.localdate().year

    response = leader_client.get("/indicators.csv")

    header = response.content.decode().splitlines()[0]
    assert header == "indicator,unit," + ",".join(
        str(y) for y in range(this_year - 5, this_year + 1)
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="indicators-{this_year - 5}-{this_year}.csv"'
    )


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("177000000.00"), "usd", "177000000"),
        (Decimal("213500000.50"), "usd", "213500000.5"),
        (Decimal("0.25"), "usd", "0.25"),
        (Decimal("-2500000.00"), "usd", "-2500000"),
        (Decimal("1234567.891"), "usd", "1234567.89"),
        (Decimal("0.00"), "usd", "0"),
        (Decimal("-0.001"), "usd", "0"),
        (Decimal("1E+3"), "usd", "1000"),
        (None, "usd", ""),
        (12, "count", "12"),
        (0, "count", "0"),
        (None, "count", ""),
    ],
)
def test_csv_cells_are_plain_numbers_with_at_most_two_decimals(value, unit, text):
    assert csv_value(value, unit) == text


# Bad input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "abc", "--to", "2025"],
            "“abc” is not a year: give four digits from 1900 to 2100.",
        ),
        (
            ["--from", "2020", "--to", "20255"],
            "“20255” is not a year: give four digits from 1900 to 2100.",
        ),
        (
            ["--from", "1899", "--to", "2025"],
            "“1899” is not a year: give four digits from 1900 to 2100.",
        ),
        (
            ["--from", "2025", "--to", "2020"],
            "The years are reversed: 2025 comes after 2020.",
        ),
        (
            ["--from", "1950", "--to", "2000"],
            "A table covers at most 50 years; 1950 to 2000 is 51 years.",
        ),
        (
            ["--from", "2020", "--to", "2025", "--until", "02-30"],
            "“02-30” is not a day of the year: give it as MM-DD, for example 09-30.",
        ),
        (
            ["--from", "2020", "--to", "2025", "--until", "9-30"],
            "“9-30” is not a day of the year: give it as MM-DD, for example 09-30.",
        ),
    ],
)
def test_command_refuses_bad_arguments_with_a_message(args, message):
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("indicators", *args, stdout=StringIO())

    assert str(refused.value) == message


def test_command_help_describes_its_options():
    from dashboard.management.commands.indicators import Command

    with translation.override("en"):
        text = Command().create_parser("manage.py", "indicators").format_help()

    assert "Print the yearly indicators as CSV" in text
    assert "--until MM-DD" in text


def test_fifty_years_are_allowed():
    assert parse_year_range("1951", "2000") == (1951, 2000)


def test_blank_years_default_to_six_years_up_to_this_year():
    today = D(2025, 3, 1)

    assert parse_year_range(None, None, today=today) == (2020, 2025)
    assert parse_year_range("", "2022", today=today) == (2017, 2022)
    assert parse_year_range("2023", None, today=today) == (2023, 2025)


def test_until_is_read_from_text_a_pair_or_a_date():
    assert parse_until("09-30") == (9, 30)
    assert parse_until((2, 29)) == (2, 29)
    assert parse_until(D(2024, 6, 30)) == (6, 30)
    assert parse_until("") is None
    with pytest.raises(ValidationError):
        parse_until((13, 1))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "abc", "to": "2025"}, "“abc” is not a year: give four digits from 1900 to 2100."),
        ({"from": "2025", "to": "2020"}, "The years are reversed: 2025 comes after 2020."),
        (
            {"from": "1900", "to": "2100"},
            "A table covers at most 50 years; 1900 to 2100 is 201 years.",
        ),
        (
            {"from": "2020", "to": "2025", "until": "06-31"},
            "“06-31” is not a day of the year: give it as MM-DD, for example 09-30.",
        ),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_download_refuses_bad_input_with_400_and_the_message(leader_client, query, message):
    response = leader_client.get("/indicators.csv", query)

    assert response.status_code == 400
    assert response.content.decode() == message


def test_anonymous_visitor_is_sent_to_sign_in_for_the_download(client):
    response = client.get("/indicators.csv")

    assert response.status_code == 302
    assert "/login/" in response["Location"]


# Queries


def _add_records(n, *, year=2021, statistics_from=2021):
    """n records of every kind, spread over five years from `year`; n statistics entries, one a
    year from `statistics_from`."""
    partner = create_partner(established_on=D(year, 1, 1))
    for i in range(n):
        day = D(year + i % 5, 1 + i % 12, 1 + i % 28)
        create_partner(established_on=day, country=["KR", "JP", "FR"][i % 3])
        create_agreement(
            partners=[partner], signed_on=day, expires_on=day.replace(year=day.year + 2)
        )
        create_delegation(start_on=day, level=L.MINISTER, city_leaders=bool(i % 2))
        create_delegation(start_on=day, direction=OUTBOUND)
        create_event(start_on=day)
        project = create_project(certified_on=day, terminated_on=day.replace(year=day.year + 3))
        create_capital_change(project=project, changed_on=day.replace(year=day.year + 1))
        create_contribution(contributed_on=day)
        create_statistic(indicator="exports_usd", year=statistics_from + i)


def test_indicator_table_needs_the_same_queries_whatever_the_data(django_assert_num_queries):
    _add_records(2)
    # partners, agreements, delegations, events, FDI projects, capital changes,
    # contributions, statistics
    with django_assert_num_queries(8):
        small = indicator_table(first=2020, last=2025)
    _add_records(20, year=2019, statistics_from=1990)
    with django_assert_num_queries(8):
        large = indicator_table(first=2020, last=2025)

    assert small.values("delegations_outbound") != large.values("delegations_outbound")


def test_indicator_table_needs_the_same_queries_for_6_and_21_years(django_assert_num_queries):
    _add_records(3)
    with django_assert_num_queries(8):
        indicator_table(first=2020, last=2025)
    with django_assert_num_queries(8):
        indicator_table(first=2006, last=2026)
    with django_assert_num_queries(8):
        indicator_table(first=1977, last=2026, until="02-29")


def test_download_needs_the_same_queries_whatever_the_data(
    leader_client, django_assert_num_queries
):
    leader_client.get("/indicators.csv")  # warm the session and user lookups
    _add_records(2)
    # session, user, then the 8 queries of the table
    with django_assert_num_queries(10):
        leader_client.get("/indicators.csv", {"from": "2020", "to": "2025"})
    _add_records(20, year=2019, statistics_from=1990)
    with django_assert_num_queries(10):
        leader_client.get("/indicators.csv", {"from": "2020", "to": "2025"})


# The workbook for people


def _workbook(response):
    from openpyxl import load_workbook

    return load_workbook(BytesIO(response.content)).active


@pytest.mark.usefixtures("in_english")
def test_workbook_download_has_labels_numbers_and_changes_from_the_same_table(
    records, leader_client
):
    response = leader_client.get("/indicators.xlsx", {"from": "2022", "to": "2024"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="indicators-2022-2024.xlsx"'
    sheet = _workbook(response)
    assert sheet["A1"].value == "Yearly indicators 2022–2024"
    assert [c.value for c in sheet[3]] == [
        "Indicator",
        "Unit",
        "2022",
        "2023",
        "2024",
        "Change 2022",
        "Change 2023",
        "Change 2024",
        "Code",
    ]
    rows = {row[-1].value: row for row in sheet.iter_rows(min_row=4) if row[-1].value}
    assert list(rows) == [i.key for i in INDICATORS]
    active = [c.value for c in rows["partners_active"]]
    assert active == [
        "Partner localities with an active relationship",
        "number",
        1,
        2,
        2,
        0,
        1,
        0,
        "partners_active",
    ]
    capital = rows["fdi_capital_valid_usd"]
    assert capital[1].value == "USD"
    assert capital[4].value == Decimal("176999999.5")
    assert capital[4].number_format == "#,##0.00"
    assert rows["exports_usd"][2].value is None
    assert sheet["A4"].value == "Partners"  # a heading per group


@pytest.mark.usefixtures("in_english")
def test_workbook_notes_statistics_that_are_not_final_and_their_source(leader_client):
    create_statistic(
        indicator="visitors_total",
        year=2024,
        value=Decimal(17_000_000),
        status=StatisticsEntry.Status.ESTIMATED,
        source="Sở Du lịch",
    )

    response = leader_client.get("/indicators.xlsx", {"from": "2024", "to": "2024"})

    sheet = _workbook(response)
    row = next(r for r in sheet.iter_rows() if r[-1].value == "visitors_total")
    assert row[2].value == 17_000_000
    assert row[2].comment.text == "estimated\nSource: Sở Du lịch"


@pytest.mark.usefixtures("in_english")
def test_year_to_date_workbook_says_the_day_in_its_title_and_name(leader_client):
    response = leader_client.get(
        "/indicators.xlsx",
        {"from": "2020", "to": "2025", "until": "09-30"},
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="indicators-2020-2025-until-09-30.xlsx"'
    )
    assert _workbook(response)["A1"].value == "Yearly indicators 2020–2025, each year to 30/09"


@pytest.mark.usefixtures("in_english")
def test_workbook_download_refuses_bad_input_with_400_and_the_message(leader_client):
    response = leader_client.get("/indicators.xlsx", {"from": "2025", "to": "2020"})

    assert response.status_code == 400
    assert response.content.decode() == "The years are reversed: 2025 comes after 2020."
