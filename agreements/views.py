"""The agreement list (filters, sorting, exports) and an agreement's page with its partners,
implementation, renewals and the visits and events that carried it out."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.views.generic import DetailView

from agreements.filters import AgreementFilterSet, agreement_status
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
from partners.tables import PARTNER_COLUMNS, partner_list_queryset

# Renewal chains are a few agreements long (five-year periods); the bound only stops a walk
# through data that loops despite the model's check.
MAX_CHAIN = 50


class AgreementListView(RecordListView):
    model = Agreement
    permission_required = "agreements.view_agreement"
    filterset_class = AgreementFilterSet
    columns = AGREEMENT_COLUMNS
    detail_url_name = "agreements:detail"
    export_name = "agreements"
    dashboard_year_filter = "signed_year"

    @classmethod
    def base_queryset(cls):
        return agreement_list_queryset()


def renewal_chain_pks(agreement):
    """The agreements `agreement` renews, oldest first, itself, then those renewing it (and their
    renewals), by signing date: the whole line of one cooperation."""
    seen = {agreement.pk}
    earlier = []
    renews_id = agreement.renews_id
    while renews_id is not None and renews_id not in seen and len(seen) < MAX_CHAIN:
        seen.add(renews_id)
        earlier.append(renews_id)
        renews_id = Agreement.objects.filter(pk=renews_id).values_list("renews_id", flat=True)[0]
    later = []
    frontier = [agreement.pk]
    while frontier and len(seen) < MAX_CHAIN:
        renewals = list(
            Agreement.objects.filter(renews__in=frontier)
            .exclude(pk__in=seen)
            .order_by("signed_on", "pk")
            .values_list("pk", flat=True)
        )
        seen.update(renewals)
        later.extend(renewals)
        frontier = renewals
    return [*reversed(earlier), agreement.pk, *later]


class AgreementDetailView(RecordHistoryMixin, PermissionRequiredMixin, DetailView):
    model = Agreement
    permission_required = "agreements.view_agreement"
    raise_exception = True
    template_name = "agreements/agreement_detail.html"

    def get_queryset(self):
        return Agreement.objects.prefetch_related("fields", "implementation_entries")

    def get_context_data(self, **kwargs):
        agreement = self.object
        chain = renewal_chain_pks(agreement)
        by_pk = agreement_list_queryset().in_bulk(chain)
        return super().get_context_data(
            status=agreement_status(agreement, timezone.localdate()),
            partners=linked_table(
                partner_list_queryset().filter(agreements=agreement),
                PARTNER_COLUMNS,
                detail_url_name="partners:detail",
            ),
            renewals=linked_table(
                [by_pk[pk] for pk in chain if pk in by_pk] if len(chain) > 1 else [],
                AGREEMENT_COLUMNS,
                detail_url_name="agreements:detail",
            ),
            delegations=linked_table(
                delegation_list_queryset().filter(agreements=agreement),
                DELEGATION_COLUMNS,
                detail_url_name="delegations:detail",
            ),
            events=linked_table(
                event_list_queryset().filter(agreements=agreement),
                EVENT_COLUMNS,
                detail_url_name="delegations:event-detail",
            ),
            **kwargs,
        )
