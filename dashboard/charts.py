"""The charts of the leaders' dashboard as plain dicts, ready for plotly.js.

Each function takes figures already computed (the indicator table, or a selector's grouped
rows) and returns {"id", "title", "figure": {"data", "layout"}, "table": {"columns", "rows"}}:
the figure for `Plotly.newPlot` (static/js/dashboard.js draws it) and the same numbers as a
table for people who cannot read the chart. Nothing here queries the database or computes a
figure; texts and numbers are written in the active language (the caller caches per language).

Numbers: plotly gets plain floats, in millions for USD, with `separators` of the language so
that its ticks read 1.000 in Vietnamese and 1,000 in English; hover texts and table cells are
the styled strings of `dashboard/templatetags/numbers.py` (`525 triệu USD`, `USD 525 million`).
"""

import html
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries import countries

from dashboard.templatetags.numbers import count, number_style, usd
from investment.models import FdiProject
from partners.models import Partner

MILLION = Decimal(1_000_000)
# The lists a chart's points lead to.
PARTNERS = "partners:list"
AGREEMENTS = "agreements:list"
DELEGATIONS = "delegations:list"
PROJECTS = "investment:project-list"
# Who may follow a chart's links: the permission to see the list behind it.
LIST_PERMISSIONS = {
    "fdi-attracted": "investment.view_fdiproject",
    "fdi-by-country": "investment.view_fdiproject",
    "fdi-by-sector": "investment.view_fdiproject",
    "delegations": "delegations.view_delegation",
    "agreements": "agreements.view_agreement",
    "partners": "partners.view_partner",
    "partners-map": "partners.view_partner",
}
TOP_COUNTRIES = 10  # investor countries drawn one by one; the others are summed up
ACCENT = "#0b5c8a"
COLOURS = ("#0b5c8a", "#e07b00", "#2a9d8f", "#8c5fbf", "#c0392b", "#7f8c8d")
FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif'
DA_NANG = {"lon": 108.2022, "lat": 16.0544}


def separators():
    """plotly's `separators` (decimal mark, then thousands separator) of the active language."""
    style = number_style()
    return style.decimal + style.thousands


def _layout(title, **extra):
    layout = {
        # The title on top, the legend between it and the plot: below the plot it would meet
        # the x axis' title.
        "title": {
            "text": str(title),
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 0.985,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 14},
        },
        "separators": separators(),
        "font": {"family": FONT, "size": 12, "color": "#1c2733"},
        # Room for the title and up to three rows of legend.
        "margin": {"l": 56, "r": 16, "t": 96, "b": 40},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
        },
        "paper_bgcolor": "#fff",
        "plot_bgcolor": "#fff",
        "bargap": 0.25,
    }
    layout.update(extra)
    return layout


def _chart(chart_id, title, data, layout, table, *, links=None, row_links=None):
    """One chart: its plotly figure, its numbers as a table, and where its points lead.

    `links` gives, per trace, the URL of the list behind each point (None where there is no
    such list), which a click opens; `row_links` the same per row of the table. Both are taken
    away for users who may not open the list (LIST_PERMISSIONS, dashboard/home.py).
    """
    figure = {"data": data, "layout": layout}
    if links is not None:
        figure["links"] = links
    if row_links is not None:
        table = {**table, "links": row_links}
    return {"id": chart_id, "title": str(title), "figure": figure, "table": table}


def _list_url(url_name, **query):
    return f"{reverse(url_name)}?{urlencode(query)}"


def _millions(value):
    return 0.0 if value is None else round(float(Decimal(value) / MILLION), 3)


def _text(value):
    """A text plotly shows as it is: its pseudo-HTML only where we write it."""
    return html.escape(str(value), quote=False)


def _year_axis():
    return {
        "title": {"text": _("Year")},
        "type": "category",
        "fixedrange": True,
        "automargin": True,
    }


def _million_usd_axis(**extra):
    return {
        "title": {"text": _("Million USD")},
        "tickformat": ",",
        "zeroline": True,
        "gridcolor": "#e6eaee",
        "fixedrange": True,
        "automargin": True,
        "nticks": 6,
        **extra,
    }


def _count_axis(title, values, **extra):
    """An axis of counts with whole-number ticks: plotly would step 7.5 on its own."""
    return {
        "title": {"text": title},
        "tickformat": ",d",
        "tickmode": "linear",
        "tick0": 0,
        "dtick": _whole_step(max((v or 0 for v in values), default=0)),
        "rangemode": "tozero",
        "gridcolor": "#e6eaee",
        "fixedrange": True,
        "automargin": True,
        **extra,
    }


def _whole_step(largest, ticks=5):
    """The tick step for counts up to `largest`: 1, 2 or 5 times a power of ten, at most
    about `ticks` steps."""
    step = 1
    while largest / step > ticks:
        for factor in (2, 5 / 2, 2):  # 1 -> 2 -> 5 -> 10 -> 20 ...
            step = round(step * factor)
            if largest / step <= ticks:
                break
    return step


def _label(table, key):
    return str(table.row(key).label)


# -- per year, from the indicator table ----------------------------------------------------------


def fdi_attracted_chart(table):
    """FDI attracted per year, stacked: new projects, capital adjustments, contributions
    (data contract: fdi_attracted_usd is their sum)."""
    years = [str(year) for year in table.years]
    parts = ("fdi_new_capital_usd", "fdi_adjusted_capital_usd", "fdi_contributions_usd")
    data = []
    for colour, key in zip(COLOURS, parts, strict=False):
        values = [table.values(key)[year] for year in table.years]
        data.append(
            {
                "type": "bar",
                "name": _label(table, key),
                "x": years,
                "y": [_millions(v) for v in values],
                "customdata": [usd(v) for v in values],
                "hovertemplate": "%{fullData.name}: %{customdata}<extra>%{x}</extra>",
                "marker": {"color": colour},
            }
        )
    totals = table.values("fdi_attracted_usd")
    title = _("FDI attracted per year, %(first)s–%(last)s") % {
        "first": table.first,
        "last": table.last,
    }
    layout = _layout(
        title,
        barmode="relative",
        xaxis=_year_axis(),
        yaxis=_million_usd_axis(),
        hovermode="x unified",
    )
    columns = [
        _("Year"),
        *(_label(table, key) for key in parts),
        _label(table, "fdi_attracted_usd"),
    ]
    rows = [
        [str(year), *(usd(table.values(key)[year]) for key in parts), usd(totals[year])]
        for year in table.years
    ]
    # New capital is that of the projects certified in the year; changes and contributions
    # have no list of their own.
    certified = [_list_url(PROJECTS, certified_year=year) for year in table.years]
    none = [None] * len(years)
    return _chart(
        "fdi-attracted",
        title,
        data,
        layout,
        {"columns": columns, "rows": rows},
        links=[certified, none, none],
        row_links=certified,
    )


def delegations_chart(table):
    """Inbound delegations per year (bars), and the high-level inbound and the outbound ones
    (lines on the right axis: a few dozen beside thousands would not show as bars)."""
    years = [str(year) for year in table.years]
    keys = ("delegations_inbound", "delegations_inbound_high_level", "delegations_outbound")
    inbound, high_level, outbound = (
        [table.values(key)[year] for year in table.years] for key in keys
    )

    def hover(key, values):
        return {
            "customdata": [count(v, key) for v in values],
            "hovertemplate": "%{fullData.name}: %{customdata}<extra>%{x}</extra>",
        }

    data = [
        {
            "type": "bar",
            "name": _label(table, keys[0]),
            "x": years,
            "y": inbound,
            "marker": {"color": COLOURS[0]},
            **hover(keys[0], inbound),
        },
        *(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _label(table, key),
                "x": years,
                "y": values,
                "yaxis": "y2",
                "line": {"color": colour, "width": 3},
                **hover(key, values),
            }
            for key, values, colour in (
                (keys[1], high_level, COLOURS[1]),
                (keys[2], outbound, COLOURS[2]),
            )
        ),
    ]
    title = _("Delegations per year, %(first)s–%(last)s") % {
        "first": table.first,
        "last": table.last,
    }
    layout = _layout(
        title,
        xaxis=_year_axis(),
        yaxis=_count_axis(_("Inbound delegations"), inbound),
        yaxis2=_count_axis(
            _("High-level inbound and outbound"),
            high_level + outbound,
            overlaying="y",
            side="right",
            showgrid=False,
        ),
        hovermode="x unified",
    )
    layout["margin"] = {**layout["margin"], "r": 56}
    columns = [_("Year"), *(_label(table, key) for key in keys)]
    rows = [
        [str(year), *(count(table.values(key)[year], key) for key in keys)] for year in table.years
    ]
    links = [
        [_list_url(DELEGATIONS, **query, year=year) for year in table.years]
        for query in (
            {"direction": "inbound"},
            {"direction": "inbound", "high_level": "true"},
            {"direction": "outbound"},
        )
    ]
    return _chart(
        "delegations",
        title,
        data,
        layout,
        {"columns": columns, "rows": rows},
        links=links,
        row_links=links[0],
    )


def agreements_chart(table):
    """Agreements signed in each year (bars) and in force at its end (a line, right axis)."""
    years = [str(year) for year in table.years]
    signed = [table.values("agreements_signed")[year] for year in table.years]
    in_force = [table.values("agreements_in_force")[year] for year in table.years]
    data = [
        {
            "type": "bar",
            "name": _label(table, "agreements_signed"),
            "x": years,
            "y": signed,
            "customdata": [count(v) for v in signed],
            "hovertemplate": "%{fullData.name}: %{customdata}<extra>%{x}</extra>",
            "marker": {"color": COLOURS[0]},
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _label(table, "agreements_in_force"),
            "x": years,
            "y": in_force,
            "yaxis": "y2",
            "customdata": [count(v) for v in in_force],
            "hovertemplate": "%{fullData.name}: %{customdata}<extra>%{x}</extra>",
            "line": {"color": COLOURS[1], "width": 3},
        },
    ]
    title = _("Agreements signed per year and in force, %(first)s–%(last)s") % {
        "first": table.first,
        "last": table.last,
    }
    layout = _layout(
        title,
        xaxis=_year_axis(),
        yaxis=_count_axis(_("Signed in the year"), signed),
        yaxis2=_count_axis(
            _("In force at the end of the year"),
            in_force,
            overlaying="y",
            side="right",
            showgrid=False,
        ),
        hovermode="x unified",
    )
    layout["margin"] = {**layout["margin"], "r": 56}
    columns = [_("Year"), _label(table, "agreements_signed"), _label(table, "agreements_in_force")]
    rows = [
        [str(year), count(s), count(f)]
        for year, s, f in zip(table.years, signed, in_force, strict=True)
    ]
    signed_links = [_list_url(AGREEMENTS, signed_year=year) for year in table.years]
    return _chart(
        "agreements",
        title,
        data,
        layout,
        {"columns": columns, "rows": rows},
        links=[signed_links, [None] * len(years)],
        row_links=signed_links,
    )


# -- one year, from the grouped selectors --------------------------------------------------------


def _horizontal_usd_bars(chart_id, title, category_label, items, year, links):
    """Bars of (label, USD) pairs, the largest on top; `links` the list behind each."""
    drawn = list(reversed(items))  # plotly draws the first category at the bottom
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": _("Capital of valid FDI projects"),
            "y": [_text(label) for label, _value in drawn],
            "x": [_millions(value) for _label, value in drawn],
            "customdata": [usd(value) for _label, value in drawn],
            "hovertemplate": "%{y}: %{customdata}<extra></extra>",
            "marker": {"color": ACCENT},
        }
    ]
    layout = _layout(
        title,
        xaxis=_million_usd_axis(),
        yaxis={"automargin": True, "fixedrange": True},
        showlegend=False,
    )
    layout["margin"] = {**layout["margin"], "l": 8, "t": 44}
    columns = [category_label, _("Capital at the end of %(year)s") % {"year": year}]
    rows = [[str(label), usd(value)] for label, value in items]
    return _chart(
        chart_id,
        title,
        data,
        layout,
        {"columns": columns, "rows": rows},
        links=[list(reversed(links))],
        row_links=links,
    )


def fdi_by_country_chart(capital_by_country, *, year):
    """Capital of the projects valid at the end of `year` per investor's country, the largest
    TOP_COUNTRIES one by one and the rest together."""
    ranked = sorted(capital_by_country.items(), key=lambda item: (-item[1], item[0]))
    items = [(countries.name(code) or code, value) for code, value in ranked[:TOP_COUNTRIES]]
    links = [
        _list_url(PROJECTS, investor_country=code, status="valid")
        for code, _value in ranked[:TOP_COUNTRIES]
    ]
    rest = ranked[TOP_COUNTRIES:]
    if rest:
        items.append(
            (_("Other countries (%(count)s)") % {"count": len(rest)}, sum(v for _c, v in rest))
        )
        links.append(None)
    title = _("Capital of valid FDI projects by investor's country, end of %(year)s") % {
        "year": year
    }
    return _horizontal_usd_bars(
        "fdi-by-country", title, _("Investor's country"), items, year, links
    )


def fdi_by_sector_chart(capital_by_sector, *, year):
    """Capital of the projects valid at the end of `year` per sector."""
    ranked = sorted(capital_by_sector.items(), key=lambda item: (-item[1], item[0]))
    items = [(_sector_label(code), value) for code, value in ranked]
    links = [_list_url(PROJECTS, sector=code, status="valid") for code, _value in ranked]
    title = _("Capital of valid FDI projects by sector, end of %(year)s") % {"year": year}
    return _horizontal_usd_bars("fdi-by-sector", title, _("Sector"), items, year, links)


def _sector_label(code):
    try:
        return str(FdiProject.Sector(code).label)
    except ValueError:
        return code


def _relationship_label(code):
    if not code:
        return _("relationship not given")
    try:
        return str(Partner.Relationship(code).label)
    except ValueError:
        return code


def _partner_countries(groups):
    """The rows of `partner_localities_by_country_and_relationship` per country:
    [(code, {relationship: count}, [names])], the most partners first."""
    by_country = {}
    for group in groups:
        relationships, names = by_country.setdefault(group["country"], ({}, []))
        relationships[group["relationship"]] = group["count"]
        names.extend(group["names"])
    ranked = sorted(
        by_country.items(),
        key=lambda item: (-sum(item[1][0].values()), str(countries.name(item[0]) or item[0])),
    )
    return [(code, relationships, sorted(names)) for code, (relationships, names) in ranked]


def _partner_name(pair):
    """A partner's name in the language of the page: its Vietnamese name in Vietnamese."""
    name, name_vi = pair
    vietnamese = (get_language() or "").split("-")[0] == "vi"
    return name_vi if vietnamese and name_vi else name


# Names of partners shown per country on the map and in its table; the partner list filtered by
# country has them all. A country with thousands of partners (a national dataset) would
# otherwise put megabytes of names on the page.
NAMES_PER_COUNTRY = 10


def _some_names(names):
    """The first names of a country's partners, then how many more there are."""
    shown = [_partner_name(pair) for pair in names[:NAMES_PER_COUNTRY]]
    more = len(names) - len(shown)
    if more > 0:
        shown.append(
            ngettext("and %(count)s more", "and %(count)s more", more) % {"count": count(more)}
        )
    return shown


def partners_chart(groups, *, year):
    """Partner localities active at the end of `year` per country, stacked by relationship kind
    (sister city, friendship and cooperation, cooperation)."""
    per_country = _partner_countries(groups)
    kinds = [
        code for code in Partner.Relationship.values if any(code in r for _c, r, _n in per_country)
    ]
    if any("" in relationships for _c, relationships, _n in per_country):
        kinds.append("")
    drawn = list(reversed(per_country))
    names = [_text(countries.name(code) or code) for code, _r, _n in drawn]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": _relationship_label(kind),
            "y": names,
            "x": [relationships.get(kind, 0) for _c, relationships, _n in drawn],
            "hovertemplate": "%{y} · %{fullData.name}: %{x}<extra></extra>",
            "marker": {"color": colour},
        }
        for colour, kind in zip(COLOURS, kinds, strict=False)
    ]
    title = _("Partner localities by country and relationship, end of %(year)s") % {"year": year}
    layout = _layout(
        title,
        barmode="stack",
        xaxis=_count_axis(
            _("Partner localities"),
            [sum(relationships.values()) for _c, relationships, _n in per_country],
        ),
        yaxis={"automargin": True, "fixedrange": True, "dtick": 1},
    )
    layout["margin"] = {**layout["margin"], "l": 8}
    columns = [_("Country"), *(_relationship_label(kind) for kind in kinds), _("Total")]
    rows = [
        [
            str(countries.name(code) or code),
            *(count(relationships.get(kind, 0)) for kind in kinds),
            count(sum(relationships.values())),
        ]
        for code, relationships, _names in per_country
    ]
    links = [
        [
            _list_url(PARTNERS, kind="locality", country=code, relationship=kind) if kind else None
            for code, _r, _n in drawn
        ]
        for kind in kinds[: len(COLOURS)]
    ]
    row_links = [_list_url(PARTNERS, kind="locality", country=code) for code, _r, _n in per_country]
    return _chart(
        "partners",
        title,
        data,
        layout,
        {"columns": columns, "rows": rows},
        links=links,
        row_links=row_links,
    )


def partners_map(groups, *, year):
    """A world map coloured by the number of partner localities active at the end of `year`
    in each country; hovering a country lists its partners. plotly wants ISO-3 codes."""
    per_country = _partner_countries(groups)
    located = [(code, r, n) for code, r, n in per_country if countries.alpha3(code)]
    data = [
        {
            "type": "choropleth",
            "locationmode": "ISO-3",
            "locations": [countries.alpha3(code) for code, _r, _n in located],
            "z": [sum(relationships.values()) for _c, relationships, _n in located],
            "customdata": [
                [
                    _text(countries.name(code) or code),
                    count(sum(relationships.values())),
                    "<br>".join(_text(name) for name in _some_names(names)),
                ]
                for code, relationships, names in located
            ],
            "hovertemplate": (
                "<b>%{customdata[0]}</b>: %{customdata[1]}<br>%{customdata[2]}<extra></extra>"
            ),
            "colorscale": [[0, "#cfe3f1"], [1, "#083f5e"]],
            "zmin": 0,
            "marker": {"line": {"color": "#ffffff", "width": 0.5}},
            # Under the map rather than beside it, which leaves the map the whole width.
            "colorbar": {
                "title": {"text": _("Partner localities"), "side": "top"},
                "orientation": "h",
                "thickness": 10,
                "len": 0.4,
                "x": 0.5,
                "xanchor": "center",
                "y": 0,
                "yanchor": "top",
                "tickformat": ",d",
            },
        },
        {
            "type": "scattergeo",
            "lon": [DA_NANG["lon"]],
            "lat": [DA_NANG["lat"]],
            "text": [_("Da Nang")],
            "mode": "markers+text",
            "textposition": "bottom center",
            "marker": {"size": 9, "color": "#c0392b", "symbol": "star"},
            "hoverinfo": "text",
            "showlegend": False,
        },
    ]
    title = _("Partner localities around the world, end of %(year)s") % {"year": year}
    layout = _layout(
        title,
        geo={
            "projection": {"type": "natural earth"},
            "showframe": False,
            "showcoastlines": False,
            "showcountries": True,
            "countrycolor": "#ffffff",
            "showland": True,
            "landcolor": "#eceff2",
            "lataxis": {"range": [-58, 84]},
            "bgcolor": "#fff",
        },
        dragmode=False,
    )
    layout["margin"] = {"l": 0, "r": 0, "t": 40, "b": 0}
    columns = [_("Country"), _("Partner localities"), _("Partners")]
    rows = [
        [
            str(countries.name(code) or code),
            count(sum(relationships.values())),
            ", ".join(_some_names(names)),
        ]
        for code, relationships, names in per_country
    ]
    return _chart(
        "partners-map",
        title,
        data,
        layout,
        {"columns": columns, "rows": rows},
        links=[
            [_list_url(PARTNERS, kind="locality", country=code) for code, _r, _n in located],
            [None],
        ],
        row_links=[
            _list_url(PARTNERS, kind="locality", country=code) for code, _r, _n in per_country
        ],
    )
