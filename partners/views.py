"""The partner list (filters, sorting, exports) and a partner's page with what is linked to it."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.views.generic import DetailView

from agreements.models import Agreement
from agreements.tables import AGREEMENT_COLUMNS, agreement_list_queryset
from danang_intl.history import RecordHistoryMixin
from danang_intl.lists import RecordListView, linked_table
from delegations.tables import (
    DELEGATION_COLUMNS,
    EVENT_COLUMNS,
    delegation_list_queryset,
    event_list_queryset,
)
from partners.filters import PartnerFilterSet
from partners.models import Partner
from partners.tables import PARTNER_COLUMNS, partner_list_queryset

# A partner like Daegu has received hundreds of delegations: the page shows the latest, and
# links to the delegation list filtered on the partner for the rest.
LINKED_DELEGATIONS_SHOWN = 20


class PartnerListView(RecordListView):
    model = Partner
    permission_required = "partners.view_partner"
    filterset_class = PartnerFilterSet
    columns = PARTNER_COLUMNS
    detail_url_name = "partners:detail"
    export_name = "partners"
    dashboard_year_filter = "established_to"

    @classmethod
    def base_queryset(cls):
        return partner_list_queryset()


class PartnerDetailView(RecordHistoryMixin, PermissionRequiredMixin, DetailView):
    model = Partner
    permission_required = "partners.view_partner"
    raise_exception = True
    template_name = "partners/partner_detail.html"

    def get_queryset(self):
        return Partner.objects.prefetch_related("fields", "contacts")

    def get_context_data(self, **kwargs):
        partner = self.object
        agreements = agreement_list_queryset().filter(partners=partner)
        delegations = delegation_list_queryset().filter(partners=partner)
        # Events carry out agreements; a partner's events are those of its agreements.
        events = event_list_queryset().filter(
            Exists(Agreement.objects.filter(events=OuterRef("pk"), partners=partner))
        )
        return super().get_context_data(
            agreements=linked_table(
                agreements, AGREEMENT_COLUMNS, detail_url_name="agreements:detail"
            ),
            delegations=linked_table(
                delegations[:LINKED_DELEGATIONS_SHOWN],
                DELEGATION_COLUMNS,
                detail_url_name="delegations:detail",
                total=delegations.count(),
                list_url=f"{reverse('delegations:list')}?partner={partner.pk}",
            ),
            events=linked_table(events, EVENT_COLUMNS, detail_url_name="delegations:event-detail"),
            **kwargs,
        )
