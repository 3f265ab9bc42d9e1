"""What the FDI project list shows: its columns (the page's and the exports') and its queryset."""

from operator import attrgetter, methodcaller

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danang_intl.lists import Column
from investment.filters import project_status
from investment.models import CapitalChange, FdiProject

MONEY = DecimalField(max_digits=18, decimal_places=2)


def project_list_queryset():
    """Projects with their capital now: registered capital plus every capital change, summed in
    a subquery of the page's one query."""
    changes = (
        CapitalChange.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount_usd"))
        .values("total")
    )
    return FdiProject.objects.annotate(
        capital_now_usd=F("registered_capital_usd")
        + Coalesce(Subquery(changes, output_field=MONEY), Value(0, output_field=MONEY)),
    )


def status_label(project):
    status = project_status(project, timezone.localdate())
    return status.label if status is not None else ""


PROJECT_COLUMNS = (
    Column(_("code"), attrgetter("ref"), sort="ref"),
    Column(_("project name"), attrgetter("name"), sort="name", link=True),
    Column(_("investor"), attrgetter("investor"), sort="investor"),
    Column(
        _("investor's country"),
        lambda p: p.investor_country.name if p.investor_country else "",
        sort="country",
    ),
    Column(_("sector"), methodcaller("get_sector_display"), sort="sector"),
    Column(_("location"), attrgetter("location")),
    Column(_("certified on"), attrgetter("certified_on"), sort="certified"),
    Column(_("registered capital (USD)"), attrgetter("registered_capital_usd"), sort="capital"),
    Column(_("capital now (USD)"), attrgetter("capital_now_usd"), sort="capital_now"),
    Column(_("terminated on"), attrgetter("terminated_on"), sort="terminated"),
    Column(_("status"), status_label),
)
