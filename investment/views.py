"""The FDI project list (filters, sorting, exports) and a project's page with its capital
changes and the capital after each."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from danang_intl.history import RecordHistoryMixin
from danang_intl.lists import Column, RecordListView, display_value, linked_table
from investment.filters import FdiProjectFilterSet, project_status
from investment.models import FdiProject
from investment.tables import PROJECT_COLUMNS, project_list_queryset


class FdiProjectListView(RecordListView):
    model = FdiProject
    permission_required = "investment.view_fdiproject"
    filterset_class = FdiProjectFilterSet
    columns = PROJECT_COLUMNS
    detail_url_name = "investment:project-detail"
    export_name = "fdi-projects"
    dashboard_year_filter = "certified_year"

    @classmethod
    def base_queryset(cls):
        return project_list_queryset()


@dataclass(frozen=True)
class CapitalStep:
    """The project's capital on a day: at certification, then after each change."""

    day: date
    what: str
    amount_usd: Decimal
    capital_usd: Decimal


def capital_steps(project):
    """Certification, then the capital changes in date order, each with the running capital."""
    running = project.registered_capital_usd
    steps = [CapitalStep(project.certified_on, _("certified"), running, running)]
    for change in project.capital_changes.order_by("changed_on", "pk"):
        running += change.amount_usd
        steps.append(
            CapitalStep(change.changed_on, _("capital change"), change.amount_usd, running)
        )
    return steps


CAPITAL_COLUMNS = (
    Column(_("date"), attrgetter("day")),
    Column(_("what"), attrgetter("what")),
    Column(_("amount (USD)"), attrgetter("amount_usd")),
    Column(_("capital after (USD)"), attrgetter("capital_usd")),
)


class FdiProjectDetailView(RecordHistoryMixin, PermissionRequiredMixin, DetailView):
    model = FdiProject
    permission_required = "investment.view_fdiproject"
    raise_exception = True
    template_name = "investment/fdiproject_detail.html"

    def get_context_data(self, **kwargs):
        steps = capital_steps(self.object)
        return super().get_context_data(
            status=project_status(self.object, timezone.localdate()),
            capital=linked_table(steps, CAPITAL_COLUMNS),
            registered_capital=display_value(self.object.registered_capital_usd),
            capital_now=display_value(steps[-1].capital_usd),
            **kwargs,
        )
