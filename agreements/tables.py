"""What the agreement list shows: its columns (the page's and the exports') and its queryset."""

from operator import attrgetter, methodcaller

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.filters import agreement_status
from agreements.models import Agreement, ImplementationEntry
from danang_intl.lists import Column
from dashboard.admin import count_subquery
from partners.models import Partner


def agreement_list_queryset():
    """Agreements with their partners' names (one more query for the whole page) and the
    number of implementation entries (a subquery); latest signed first, those still being
    negotiated last (PostgreSQL would put blank dates first)."""
    return (
        Agreement.objects.prefetch_related(
            Prefetch("partners", queryset=Partner.objects.only("pk", "name").order_by("name"))
        )
        .annotate(
            implementation_count=count_subquery(
                ImplementationEntry.objects, outer_field="agreement"
            )
        )
        .order_by(F("signed_on").desc(nulls_last=True), "ref")
    )


def partner_names(agreement):
    return [partner.name for partner in agreement.partners.all()]


AGREEMENT_COLUMNS = (
    Column(_("code"), attrgetter("ref"), sort="ref"),
    Column(_("title"), attrgetter("title"), sort="title", link=True),
    Column(_("kind"), methodcaller("get_kind_display"), sort="kind"),
    Column(_("partners"), partner_names),
    Column(_("signed on"), attrgetter("signed_on"), sort="signed"),
    Column(_("expires on"), attrgetter("expires_on"), sort="expires"),
    Column(_("status"), lambda a: agreement_status(a, timezone.localdate()).label),
    Column(_("implementation entries"), attrgetter("implementation_count"), sort="implementation"),
)

IMPLEMENTATION_COLUMNS = (
    Column(_("date"), attrgetter("done_on")),
    Column(_("what was done"), attrgetter("text")),
)
