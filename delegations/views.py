"""The delegation and hosted event lists (filters, sorting, exports) and their pages."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView

from agreements.tables import AGREEMENT_COLUMNS, agreement_list_queryset
from danang_intl.history import RecordHistoryMixin
from danang_intl.lists import RecordListView, linked_table
from delegations.filters import DelegationFilterSet, HostedEventFilterSet
from delegations.models import Delegation, HostedEvent
from delegations.tables import (
    DELEGATION_COLUMNS,
    EVENT_COLUMNS,
    delegation_list_queryset,
    event_list_queryset,
)
from partners.tables import PARTNER_COLUMNS, partner_list_queryset


class DelegationListView(RecordListView):
    model = Delegation
    permission_required = "delegations.view_delegation"
    filterset_class = DelegationFilterSet
    columns = DELEGATION_COLUMNS
    detail_url_name = "delegations:detail"
    export_name = "delegations"
    dashboard_year_filter = "year"

    @classmethod
    def base_queryset(cls):
        return delegation_list_queryset()


class HostedEventListView(RecordListView):
    model = HostedEvent
    permission_required = "delegations.view_hostedevent"
    filterset_class = HostedEventFilterSet
    columns = EVENT_COLUMNS
    detail_url_name = "delegations:event-detail"
    export_name = "events"
    dashboard_year_filter = "year"

    @classmethod
    def base_queryset(cls):
        return event_list_queryset()


class DelegationDetailView(RecordHistoryMixin, PermissionRequiredMixin, DetailView):
    model = Delegation
    permission_required = "delegations.view_delegation"
    raise_exception = True
    template_name = "delegations/delegation_detail.html"

    def get_context_data(self, **kwargs):
        delegation = self.object
        return super().get_context_data(
            partners=linked_table(
                partner_list_queryset().filter(delegations=delegation),
                PARTNER_COLUMNS,
                detail_url_name="partners:detail",
            ),
            agreements=linked_table(
                agreement_list_queryset().filter(delegations=delegation),
                AGREEMENT_COLUMNS,
                detail_url_name="agreements:detail",
            ),
            **kwargs,
        )


class HostedEventDetailView(RecordHistoryMixin, PermissionRequiredMixin, DetailView):
    model = HostedEvent
    permission_required = "delegations.view_hostedevent"
    raise_exception = True
    template_name = "delegations/hostedevent_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agreements=linked_table(
                agreement_list_queryset().filter(events=self.object),
                AGREEMENT_COLUMNS,
                detail_url_name="agreements:detail",
            ),
            **kwargs,
        )
