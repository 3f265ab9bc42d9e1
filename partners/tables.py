"""What the partner list shows: its columns (the page's and the exports') and its queryset."""

from operator import attrgetter, methodcaller

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from danang_intl.lists import Column
from dashboard.admin import count_subquery
from delegations.models import Delegation
from partners.filters import partner_status
from partners.models import Partner


def partner_list_queryset():
    """Partners with the number of their agreements and delegations: two subqueries in the
    page's one query, whatever the page size."""
    return Partner.objects.annotate(
        agreement_count=count_subquery(Agreement.partners.through.objects, outer_field="partner"),
        delegation_count=count_subquery(Delegation.partners.through.objects, outer_field="partner"),
    )


def country_name(country):
    return country.name if country else ""


PARTNER_COLUMNS = (
    Column(_("code"), attrgetter("ref"), sort="ref"),
    Column(_("name"), attrgetter("name"), sort="name", link=True),
    Column(_("name in its own script"), attrgetter("name_local")),
    Column(_("Vietnamese name"), attrgetter("name_vi")),
    Column(_("kind"), methodcaller("get_kind_display"), sort="kind"),
    Column(_("country"), lambda p: country_name(p.country), sort="country"),
    Column(_("relationship"), methodcaller("get_relationship_display"), sort="relationship"),
    Column(_("established on"), attrgetter("established_on"), sort="established"),
    Column(_("ended on"), attrgetter("ended_on"), sort="ended"),
    Column(_("status"), lambda p: partner_status(p, timezone.localdate()).label),
    Column(_("agreements"), attrgetter("agreement_count"), sort="agreements"),
    Column(_("delegations"), attrgetter("delegation_count"), sort="delegations"),
)
