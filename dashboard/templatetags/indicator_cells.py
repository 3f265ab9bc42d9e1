"""What a cell of the indicator table says besides its figure: the status of a statistic that is
not final (a badge) and its source (a tooltip). The figures themselves are styled by `numbers`."""

from django import template

from dashboard.exports import statistic_note
from dashboard.models import StatisticsEntry

register = template.Library()


@register.filter
def unofficial_status(status):
    """The label of a statistic's status when it is not official ("provisional", "estimated",
    "revised"), "" otherwise and for figures built from records."""
    if not status or status == StatisticsEntry.Status.OFFICIAL:
        return ""
    return StatisticsEntry.Status(status).label


@register.filter
def note(cell):
    """The status of a statistic unless official, and its source, one per line; "" for none."""
    return statistic_note(cell)
