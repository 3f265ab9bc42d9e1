"""The leaders' dashboard (the home page): headline cards, charts and the partners' map of a year.

Every figure comes from the indicator engine (`indicator_table`, data contract section 2) or,
for the charts of one year by country and sector, from grouped selectors; nothing here counts.
`home_figures` computes them in a fixed number of queries, whatever the data:

  the indicator table of the year and the nine before it (8, see `indicator_table`),
  FDI capital by investor's country (1), by sector (1), partner localities by country and
  relationship with their names (1)

and caches the result per year, language and data version (dashboard/cache.py), so that a
page is computed once per change of the data. What depends on the user (the links to the
lists behind the cards, by permission) is added per request by `card_links`.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language

from danang_intl.periods import year_period
from dashboard import charts
from dashboard.cache import cached_figures
from dashboard.indicators import YEAR_MIN, indicator_table, parse_year_range
from investment.selectors import fdi_valid_capital_by_country, fdi_valid_capital_by_sector
from partners.selectors import partner_localities_by_country_and_relationship

CHART_YEARS = 10  # the per-year charts show the chosen year and the nine before it
YEAR_CHOICES = 15  # years offered by the year selector, back from this year


@dataclass(frozen=True)
class Card:
    key: str
    # Indicator keys: the first is the headline figure (its label is the card's title), the
    # others are shown beneath it.
    indicators: tuple[str, ...]


CARDS = (
    Card("partners", ("partners_active", "partner_countries")),
    Card("agreements", ("agreements_signed", "agreements_in_force")),
    Card(
        "delegations_inbound",
        (
            "delegations_inbound",
            "delegations_inbound_high_level",
            "delegations_inbound_city_leaders",
        ),
    ),
    Card("delegations_outbound", ("delegations_outbound",)),
    Card("events", ("events_hosted",)),
    Card("fdi", ("fdi_attracted_usd",)),
    Card("exports", ("exports_usd",)),
    Card("visitors", ("visitors_total", "visitors_international")),
)


@dataclass(frozen=True)
class CardLink:
    """Where a card leads: the list of its records filtered on the year (the URL name and a
    function of the year giving the query parameters), for users with `permission`."""

    permission: str
    url_name: str
    query: object  # year -> the list's query parameters


def _end(year):
    return f"{year}-12-31"


# The lists cannot say "not ended by the end of the year": the partners' list shows the
# localities established by then, those that ended before included.
CARD_LINKS = {
    "partners": CardLink(
        "partners.view_partner",
        "partners:list",
        lambda year: {"kind": "locality", "established_to": _end(year)},
    ),
    "agreements": CardLink(
        "agreements.view_agreement", "agreements:list", lambda year: {"signed_year": year}
    ),
    "delegations_inbound": CardLink(
        "delegations.view_delegation",
        "delegations:list",
        lambda year: {"direction": "inbound", "year": year},
    ),
    "delegations_outbound": CardLink(
        "delegations.view_delegation",
        "delegations:list",
        lambda year: {"direction": "outbound", "year": year},
    ),
    "events": CardLink(
        "delegations.view_hostedevent", "delegations:event-list", lambda year: {"year": year}
    ),
    "fdi": CardLink(
        "investment.view_fdiproject",
        "investment:project-list",
        lambda year: {"certified_year": year},
    ),
    # The statistics have no list page of their own: the admin's, of that statistic.
    "exports": CardLink(
        "dashboard.view_statisticsentry",
        "admin:dashboard_statisticsentry_changelist",
        lambda year: {"indicator__exact": "exports_usd"},
    ),
    "visitors": CardLink(
        "dashboard.view_statisticsentry",
        "admin:dashboard_statisticsentry_changelist",
        lambda year: {"indicator__exact": "visitors_total"},
    ),
}


def dashboard_year(value, *, today):
    """The year of `?year=` (blank: this year); ValidationError with the engine's message when
    it is not a year it accepts."""
    _first, last = parse_year_range(None, value, today=today)
    return last


def year_choices(*, today, chosen=None):
    """The years the selector offers, the latest first, with the chosen one among them."""
    years = set(range(today.year, today.year - YEAR_CHOICES, -1))
    if chosen is not None:
        years.add(chosen)
    return sorted(years, reverse=True)


def home_figures(*, year):
    """Cards and charts of `year` in the active language, cached until the data changes."""
    return cached_figures(
        "home", compute=lambda: compute_home_figures(year=year), year=year, language=get_language()
    )


def compute_home_figures(*, year):
    table = indicator_table(first=max(YEAR_MIN, year - CHART_YEARS + 1), last=year)
    end = year_period(year).end
    partners = partner_localities_by_country_and_relationship(day=end)
    return {
        "year": year,
        "cards": [_card(card, table, year) for card in CARDS],
        "charts": [
            {**charts.partners_map(partners, year=year), "wide": True},
            charts.fdi_attracted_chart(table),
            charts.fdi_by_country_chart(fdi_valid_capital_by_country(day=end), year=year),
            charts.fdi_by_sector_chart(fdi_valid_capital_by_sector(day=end), year=year),
            charts.delegations_chart(table),
            charts.agreements_chart(table),
            charts.partners_chart(partners, year=year),
        ],
    }


def _card(card, table, year):
    figures = []
    for key in card.indicators:
        row = table.row(key)
        cell = row.cells[-1]  # the chosen year is the table's last
        figures.append(
            {
                "key": key,
                "label": str(row.label),
                "unit": row.unit,
                "value": cell.value,
                "change": cell.change,
                "status": cell.status,
                "source": cell.source,
            }
        )
    return {
        "key": card.key,
        "title": figures[0]["label"],
        "headline": figures[0],
        "details": figures[1:],
    }


def card_links(*, year, user):
    """{card key: URL} of the lists behind the cards this user may open."""
    return {
        key: _link(link.url_name, link.query(year))
        for key, link in CARD_LINKS.items()
        if user.has_perm(link.permission)
    }


def charts_for(figures, *, user):
    """The cached charts as this user sees them: each table row paired with the list behind it
    (`table["lines"]`: (row, URL or None)), and a chart's links only when the user may open
    the list they lead to."""
    shown = []
    for chart in figures:
        figure, table = chart["figure"], chart["table"]
        permission = charts.LIST_PERMISSIONS.get(chart["id"])
        allowed = permission is not None and user.has_perm(permission)
        if not allowed:
            figure = {key: value for key, value in figure.items() if key != "links"}
        links = table.get("links") if allowed else None
        lines = list(zip(table["rows"], links or [None] * len(table["rows"]), strict=True))
        shown.append({**chart, "figure": figure, "table": {**table, "lines": lines}})
    return shown


def _link(url_name, query):
    return f"{reverse(url_name)}?{urlencode(query)}"
