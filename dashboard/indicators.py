"""The yearly indicators (data contract, section 2): one ordered registry and one engine.

The page, `/indicators.csv`, the xlsx export and `manage.py indicators` only render the table
`indicator_table` returns; none of them computes a figure. Each indicator names the selector
that computes it; a selector computes several indicators of one model for all years at once by
conditional aggregation, so the engine runs a fixed number of queries (see `indicator_table`).
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.selectors import agreement_figures_by_period
from danang_intl.periods import year_period
from dashboard.models import StatisticsEntry
from dashboard.selectors import statistics_by_year
from dashboard.statistics import STATISTIC_KEYS
from delegations.selectors import delegation_figures_by_period, event_figures_by_period
from investment.selectors import fdi_figures_by_period
from partners.selectors import partner_figures_by_period

COUNT = "count"
USD = "usd"
UNIT_LABELS = {COUNT: _("number"), USD: "USD"}

YEAR_MIN = 1900
YEAR_MAX = 2100
MAX_YEARS = 50  # columns of one table; wider ones are unreadable and only load the database
DEFAULT_YEARS = 6

GROUPS = (
    ("partners", _("Partners")),
    ("agreements", _("Agreements")),
    ("delegations_events", _("Delegations and events")),
    ("investment", _("Investment")),
    ("statistics", _("Statistics")),
)


@dataclass(frozen=True)
class Indicator:
    key: str  # stable: the CSV, the import sheet `statistics` and other programs use it
    unit: str  # COUNT or USD
    label: str
    group: str
    # (*, periods) -> {key: {year: value}}; called once per table for all its indicators.
    source: Callable
    # Taken on the period's last day (a stock) rather than counted over the period (a flow).
    stock: bool = False


def _statistics_figures(*, periods):
    """The entered statistics, the entry itself as the value so that its status and source
    reach the table; they stay yearly in the year-to-date variant too."""
    entries = statistics_by_year(first=periods[0].year, last=periods[-1].year)
    return {
        s.key: {p.year: entries.get(s.key, {}).get(p.year) for p in periods} for s in STATISTIC_KEYS
    }


# In the order of the data contract's table, then the statistics in the order of STATISTIC_KEYS.
INDICATORS = (
    Indicator(
        "partners_active",
        COUNT,
        _("Partner localities with an active relationship"),
        "partners",
        partner_figures_by_period,
        stock=True,
    ),
    Indicator(
        "partner_countries",
        COUNT,
        _("Countries of the active partner localities"),
        "partners",
        partner_figures_by_period,
        stock=True,
    ),
    Indicator(
        "partners_new",
        COUNT,
        _("New partner localities"),
        "partners",
        partner_figures_by_period,
    ),
    Indicator(
        "agreements_signed",
        COUNT,
        _("Agreements signed"),
        "agreements",
        agreement_figures_by_period,
    ),
    Indicator(
        "agreements_cumulative",
        COUNT,
        _("Agreements signed to date"),
        "agreements",
        agreement_figures_by_period,
        stock=True,
    ),
    Indicator(
        "agreements_in_force",
        COUNT,
        _("Agreements in force"),
        "agreements",
        agreement_figures_by_period,
        stock=True,
    ),
    Indicator(
        "delegations_inbound",
        COUNT,
        _("Inbound delegations"),
        "delegations_events",
        delegation_figures_by_period,
    ),
    Indicator(
        "delegations_inbound_high_level",
        COUNT,
        _("High-level inbound delegations"),
        "delegations_events",
        delegation_figures_by_period,
    ),
    Indicator(
        "delegations_inbound_city_leaders",
        COUNT,
        _("Inbound delegations received by the city's leaders"),
        "delegations_events",
        delegation_figures_by_period,
    ),
    Indicator(
        "delegations_outbound",
        COUNT,
        _("Outbound delegations"),
        "delegations_events",
        delegation_figures_by_period,
    ),
    Indicator(
        "events_hosted",
        COUNT,
        _("International events hosted"),
        "delegations_events",
        event_figures_by_period,
    ),
    Indicator(
        "fdi_new_projects",
        COUNT,
        _("New FDI projects"),
        "investment",
        fdi_figures_by_period,
    ),
    Indicator(
        "fdi_new_capital_usd",
        USD,
        _("Registered capital of new FDI projects"),
        "investment",
        fdi_figures_by_period,
    ),
    Indicator(
        "fdi_adjusted_capital_usd",
        USD,
        _("Capital adjustments of FDI projects"),
        "investment",
        fdi_figures_by_period,
    ),
    Indicator(
        "fdi_contributions_usd",
        USD,
        _("Capital contributions and share purchases"),
        "investment",
        fdi_figures_by_period,
    ),
    Indicator(
        "fdi_attracted_usd",
        USD,
        _("FDI attracted"),
        "investment",
        fdi_figures_by_period,
    ),
    Indicator(
        "fdi_projects_valid",
        COUNT,
        _("Valid FDI projects"),
        "investment",
        fdi_figures_by_period,
        stock=True,
    ),
    Indicator(
        "fdi_capital_valid_usd",
        USD,
        _("Capital of valid FDI projects"),
        "investment",
        fdi_figures_by_period,
        stock=True,
    ),
) + tuple(
    Indicator(s.key, s.unit, s.label, "statistics", _statistics_figures) for s in STATISTIC_KEYS
)

INDICATORS_BY_KEY = {i.key: i for i in INDICATORS}


@dataclass(frozen=True)
class Cell:
    year: int
    value: int | Decimal | None  # int for counts, Decimal for USD, None for no value
    change: Decimal | None  # on the year before, as a fraction (0.25 is +25 %)
    status: str = ""  # statistics only: StatisticsEntry.Status (provisional, estimated, ...)
    source: str = ""  # statistics only


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    cells: tuple[Cell, ...]  # one per year of the table, in order

    @property
    def key(self):
        return self.indicator.key

    @property
    def unit(self):
        return self.indicator.unit

    @property
    def label(self):
        return self.indicator.label


@dataclass(frozen=True)
class IndicatorTable:
    years: tuple[int, ...]
    until: tuple[int, int] | None  # (month, day) of the year-to-date variant, None for full years
    rows: tuple[IndicatorRow, ...]

    @property
    def first(self):
        return self.years[0]

    @property
    def last(self):
        return self.years[-1]

    def row(self, key):
        return next(row for row in self.rows if row.key == key)

    def values(self, key):
        """{year: value} of one indicator."""
        return {cell.year: cell.value for cell in self.row(key).cells}

    def changes(self, key):
        """{year: change on the year before} of one indicator."""
        return {cell.year: cell.change for cell in self.row(key).cells}

    def groups(self):
        """The rows under the registry's groups, in the order of GROUPS, for renderings with a
        heading per group; groups without rows are left out."""
        return tuple(
            IndicatorGroup(key, label, rows)
            for key, label in GROUPS
            if (rows := tuple(row for row in self.rows if row.indicator.group == key))
        )


@dataclass(frozen=True)
class IndicatorGroup:
    key: str
    label: str
    rows: tuple[IndicatorRow, ...]


def indicator_table(*, first, last, until=None):
    """Every indicator of the registry for the years `first` to `last`, with its change on the
    year before (data contract, section 2).

    `until` ((month, day), or "MM-DD") gives the year-to-date variant: flows count from 1 January
    to that day of each year, stocks are taken on that day, statistics stay yearly.

    Queries, whatever the data and the number of years: partners, agreements, delegations,
    events, FDI projects, capital changes, contributions, statistics (8).
    """
    first, last = parse_year_range(first, last)
    until = parse_until(until)
    # The year before the first is computed too, for the first year's change.
    periods = [year_period(year, until=until) for year in range(first - 1, last + 1)]
    figures = {}
    for source in dict.fromkeys(indicator.source for indicator in INDICATORS):
        figures.update(source(periods=periods))

    rows = []
    for indicator in INDICATORS:
        by_year = figures[indicator.key]
        previous = _cell(indicator, first - 1, by_year[first - 1], previous=None)
        cells = []
        for year in range(first, last + 1):
            previous = _cell(indicator, year, by_year[year], previous=previous)
            cells.append(previous)
        rows.append(IndicatorRow(indicator, tuple(cells)))
    return IndicatorTable(years=tuple(range(first, last + 1)), until=until, rows=tuple(rows))


def _cell(indicator, year, raw, *, previous):
    status = source = ""
    if isinstance(raw, StatisticsEntry):
        raw, status, source = raw.value, raw.status, raw.source
    value = _in_unit(raw, indicator.unit)
    return Cell(
        year=year,
        value=value,
        change=_change(value, previous.value if previous else None),
        status=status,
        source=source,
    )


def _in_unit(value, unit):
    if value is None:
        return None
    if unit == COUNT:
        # Counted statistics are stored as decimals; a count is a whole number.
        return int(Decimal(value).to_integral_value(rounding=ROUND_HALF_UP))
    return Decimal(value)


def _change(value, previous):
    """(v(Y) − v(Y−1)) / v(Y−1), None when either is blank or v(Y−1) is zero."""
    if value is None or previous is None or previous == 0:
        return None
    return (Decimal(value) - Decimal(previous)) / Decimal(previous)


def parse_year_range(first, last, *, today=None):
    """The (first, last) years of a table from user input (strings or ints); the one place the
    range is checked. A blank last year is this year, a blank first year makes six years."""
    errors = []
    first_year = _parse_year(first, errors)
    last_year = _parse_year(last, errors)
    if errors:
        raise ValidationError(errors)
    if last_year is None:
        last_year = (today or timezone.localdate()).year
    if first_year is None:
        first_year = max(YEAR_MIN, last_year - DEFAULT_YEARS + 1)
    if first_year > last_year:
        raise ValidationError(
            _("The years are reversed: %(first)s comes after %(last)s."),
            code="reversed",
            params={"first": first_year, "last": last_year},
        )
    if last_year - first_year + 1 > MAX_YEARS:
        raise ValidationError(
            _("A table covers at most %(max)s years; %(first)s to %(last)s is %(count)s years."),
            code="too_many_years",
            params={
                "max": MAX_YEARS,
                "first": first_year,
                "last": last_year,
                "count": last_year - first_year + 1,
            },
        )
    return first_year, last_year


def _parse_year(value, errors):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{4}", text) and YEAR_MIN <= int(text) <= YEAR_MAX:
        return int(text)
    errors.append(
        ValidationError(
            _("“%(value)s” is not a year: give four digits from %(min)s to %(max)s."),
            code="not_a_year",
            params={"value": text, "min": YEAR_MIN, "max": YEAR_MAX},
        )
    )
    return None


def parse_until(value):
    """The (month, day) of the year-to-date variant from "MM-DD", a (month, day) pair or a date;
    None for blank. 29 February is accepted (in other years it stands for 28 February)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return (value.month, value.day)
    if isinstance(value, tuple | list) and len(value) == 2:
        month, day = value
        text = f"{month}-{day}"
    else:
        text = str(value).strip()
        match = re.fullmatch(r"([0-9]{2})-([0-9]{2})", text)
        month, day = (int(match[1]), int(match[2])) if match else (0, 0)
    try:
        dt.date(2000, int(month), int(day))  # a leap year, so that 02-29 passes
    except (TypeError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a day of the year: give it as MM-DD, for example 09-30."),
            code="not_a_day",
            params={"value": text},
        ) from None
    return (int(month), int(day))
