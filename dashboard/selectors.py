"""Reads for the home page: how many records of each kind the office keeps."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, in_force_on_q
from dashboard.models import StatisticsEntry
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalContribution, FdiProject, valid_on_q
from partners.models import Partner, active_on_q


def record_overview(*, day):
    """One row per record type: its label, its admin list, how many there are and how many are alive
    on `day`; one query per record type whatever the data."""
    partners = Partner.objects.aggregate(
        total=Count("pk"),
        alive=Count("pk", filter=Q(kind=Partner.Kind.LOCALITY) & active_on_q(day)),
    )
    agreements = Agreement.objects.aggregate(
        total=Count("pk"), alive=Count("pk", filter=in_force_on_q(day))
    )
    delegations = Delegation.objects.aggregate(
        total=Count("pk"), alive=Count("pk", filter=Q(start_on__year=day.year))
    )
    events = HostedEvent.objects.aggregate(
        total=Count("pk"), alive=Count("pk", filter=Q(start_on__year=day.year))
    )
    projects = FdiProject.objects.aggregate(
        total=Count("pk"), alive=Count("pk", filter=valid_on_q(day))
    )
    contributions = CapitalContribution.objects.aggregate(
        total=Count("pk"), alive=Count("pk", filter=Q(contributed_on__year=day.year))
    )
    return [
        {
            "label": _("Partners"),
            "admin": "admin:partners_partner_changelist",
            "alive_label": _("partner localities active"),
            **partners,
        },
        {
            "label": _("Agreements"),
            "admin": "admin:agreements_agreement_changelist",
            "alive_label": _("in force"),
            **agreements,
        },
        {
            "label": _("Delegations"),
            "admin": "admin:delegations_delegation_changelist",
            "alive_label": _("this year"),
            **delegations,
        },
        {
            "label": _("Hosted events"),
            "admin": "admin:delegations_hostedevent_changelist",
            "alive_label": _("this year"),
            **events,
        },
        {
            "label": _("FDI projects"),
            "admin": "admin:investment_fdiproject_changelist",
            "alive_label": _("valid"),
            **projects,
        },
        {
            "label": _("Capital contributions"),
            "admin": "admin:investment_capitalcontribution_changelist",
            "alive_label": _("this year"),
            **contributions,
        },
    ]


def statistics_by_year(*, first, last):
    """The statistics entries of the years `first` to `last` as {indicator: {year: entry}}, in one
    query (data contract, section 2: "the `statistics` value for (key, Y)")."""
    entries = {}
    for entry in (
        StatisticsEntry.objects.filter(year__range=(first, last))
        .order_by()
        .only("indicator", "year", "value", "status", "source")
    ):
        entries.setdefault(entry.indicator, {})[entry.year] = entry
    return entries
