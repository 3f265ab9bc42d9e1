"""Reads and aggregates over delegations and hosted events."""

from django.db.models import Count, Q

from danang_intl.periods import aggregate_by_year
from delegations.models import Delegation, HostedEvent

INBOUND = Q(direction=Delegation.Direction.INBOUND)
OUTBOUND = Q(direction=Delegation.Direction.OUTBOUND)


def delegation_figures_by_period(*, periods):
    """delegations_inbound, delegations_inbound_high_level, delegations_inbound_city_leaders and
    delegations_outbound (data contract, section 2: start_on in Y) for each period, in one query.
    All four are flows, so the query groups by year (the largest table of all)."""
    return aggregate_by_year(
        Delegation.objects.all(),
        date_field="start_on",
        periods=periods,
        figures={
            "delegations_inbound": Count("pk", filter=INBOUND),
            "delegations_inbound_high_level": Count(
                "pk", filter=INBOUND & Q(level__in=Delegation.HIGH_LEVELS)
            ),
            "delegations_inbound_city_leaders": Count("pk", filter=INBOUND & Q(city_leaders=True)),
            "delegations_outbound": Count("pk", filter=OUTBOUND),
        },
    )


def event_figures_by_period(*, periods):
    """events_hosted (data contract, section 2: start_on in Y) for each period, in one query."""
    return aggregate_by_year(
        HostedEvent.objects.all(),
        date_field="start_on",
        periods=periods,
        figures={"events_hosted": Count("pk")},
    )
