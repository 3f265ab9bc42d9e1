"""The official statistics the office types in per year (not built from records).

Keys are stable strings: the import sheet `statistics`, the indicator table and its CSV use them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StatisticKey:
    key: str
    unit: str  # "usd" or "count"
    label: str


STATISTIC_KEYS = (
    StatisticKey("exports_usd", "usd", _("Exports")),
    StatisticKey("imports_usd", "usd", _("Imports")),
    StatisticKey("visitors_total", "count", _("Visitors")),
    StatisticKey("visitors_international", "count", _("International visitors")),
    StatisticKey("aid_committed_usd", "usd", _("Foreign aid committed")),
    StatisticKey("aid_disbursed_usd", "usd", _("Foreign aid disbursed")),
)

STATISTIC_KEYS_BY_KEY = {s.key: s for s in STATISTIC_KEYS}
