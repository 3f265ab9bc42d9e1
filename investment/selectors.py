"""Reads and aggregates over FDI projects, capital changes and contributions."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from danang_intl.periods import aggregate_by_period, aggregate_by_year, in_period_q
from investment.models import CapitalChange, CapitalContribution, FdiProject, valid_on_q

ZERO = Decimal("0")


def fdi_figures_by_period(*, periods):
    """fdi_new_projects, fdi_new_capital_usd, fdi_adjusted_capital_usd, fdi_contributions_usd,
    fdi_attracted_usd, fdi_projects_valid and fdi_capital_valid_usd (data contract, section 2)
    for each period, in three queries: projects, capital changes, contributions (flows only,
    grouped by year).

    A sum over no rows is 0 USD here, not blank: blank is for statistics nobody entered.
    """
    last_day = max(p.end for p in periods)
    # Every figure of a project or a capital change needs its date on or before the period's end.
    projects = aggregate_by_period(
        FdiProject.objects.filter(certified_on__lte=last_day),
        periods=periods,
        figures={
            "fdi_new_projects": lambda p: Count("pk", filter=in_period_q("certified_on", p)),
            "fdi_new_capital_usd": lambda p: Sum(
                "registered_capital_usd", filter=in_period_q("certified_on", p)
            ),
            "fdi_projects_valid": lambda p: Count("pk", filter=valid_on_q(p.end)),
            "registered_capital_valid": lambda p: Sum(
                "registered_capital_usd", filter=valid_on_q(p.end)
            ),
        },
    )
    changes = aggregate_by_period(
        CapitalChange.objects.filter(changed_on__lte=last_day),
        periods=periods,
        figures={
            "fdi_adjusted_capital_usd": lambda p: Sum(
                "amount_usd", filter=in_period_q("changed_on", p)
            ),
            # A change counts towards the valid capital only while its project is valid: the
            # capital of a terminated project leaves with it.
            "changes_valid": lambda p: Sum(
                "amount_usd",
                filter=Q(changed_on__lte=p.end) & valid_on_q(p.end, prefix="project__"),
            ),
        },
    )
    contributions = aggregate_by_year(
        CapitalContribution.objects.all(),
        date_field="contributed_on",
        periods=periods,
        figures={"fdi_contributions_usd": Sum("amount_usd")},
    )

    def usd(figures, key, year):
        value = figures[key][year]
        return ZERO if value is None else value

    result = {key: {} for key in FDI_KEYS}
    for p in periods:
        y = p.year
        new_capital = usd(projects, "fdi_new_capital_usd", y)
        adjusted = usd(changes, "fdi_adjusted_capital_usd", y)
        contributed = usd(contributions, "fdi_contributions_usd", y)
        result["fdi_new_projects"][y] = projects["fdi_new_projects"][y]
        result["fdi_new_capital_usd"][y] = new_capital
        result["fdi_adjusted_capital_usd"][y] = adjusted
        result["fdi_contributions_usd"][y] = contributed
        result["fdi_attracted_usd"][y] = new_capital + adjusted + contributed
        result["fdi_projects_valid"][y] = projects["fdi_projects_valid"][y]
        result["fdi_capital_valid_usd"][y] = usd(projects, "registered_capital_valid", y) + usd(
            changes, "changes_valid", y
        )
    return result


FDI_KEYS = (
    "fdi_new_projects",
    "fdi_new_capital_usd",
    "fdi_adjusted_capital_usd",
    "fdi_contributions_usd",
    "fdi_attracted_usd",
    "fdi_projects_valid",
    "fdi_capital_valid_usd",
)


def fdi_valid_capital_by_country(*, day):
    """The capital of the projects valid on `day` (data contract, fdi_capital_valid_usd) per
    investor's country, in one query grouped by the database: {country code: USD}."""
    return _valid_capital_by("investor_country", day=day)


def fdi_valid_capital_by_sector(*, day):
    """The capital of the projects valid on `day` (data contract, fdi_capital_valid_usd) per
    sector, in one query grouped by the database: {sector: USD}."""
    return _valid_capital_by("sector", day=day)


def _valid_capital_by(field, *, day):
    # Each project's changes up to `day` are summed in a subquery: joining them instead would
    # repeat the project's registered capital once per change in the group's sum.
    changes = (
        CapitalChange.objects.filter(project=OuterRef("pk"), changed_on__lte=day)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount_usd"))
        .values("total")
    )
    money = DecimalField(max_digits=18, decimal_places=2)
    rows = (
        FdiProject.objects.valid_on(day)
        .order_by()
        .values(field)
        .annotate(
            capital=Sum(
                F("registered_capital_usd")
                + Coalesce(Subquery(changes, output_field=money), Value(ZERO, output_field=money)),
                output_field=money,
            )
        )
    )
    return {row[field]: row["capital"] for row in rows}
