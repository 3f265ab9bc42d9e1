"""Reads and aggregates over agreements."""

from django.db.models import Count, Q

from agreements.models import Agreement, in_force_on_q
from danang_intl.periods import aggregate_by_period, in_period_q


def agreement_figures_by_period(*, periods):
    """agreements_signed, agreements_cumulative and agreements_in_force (data contract,
    section 2) for each period, in one query."""
    last_day = max(p.end for p in periods)
    # Every figure needs signed_on, or effective_on, on or before the period's end (an agreement
    # may take effect with no signing date entered); later rows cannot count anywhere.
    agreements = Agreement.objects.filter(
        Q(signed_on__lte=last_day) | Q(effective_on__lte=last_day)
    )
    return aggregate_by_period(
        agreements,
        periods=periods,
        figures={
            "agreements_signed": lambda p: Count("pk", filter=in_period_q("signed_on", p)),
            "agreements_cumulative": lambda p: Count("pk", filter=Q(signed_on__lte=p.end)),
            "agreements_in_force": lambda p: Count("pk", filter=in_force_on_q(p.end)),
        },
    )
