"""What the delegation and event lists show: their columns (the page's and the exports') and
their querysets."""

from operator import attrgetter, methodcaller

from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from danang_intl.lists import Column
from dashboard.admin import count_subquery
from delegations.models import Delegation, HostedEvent


def delegation_list_queryset():
    # Every column is the delegation's own: the page is one query.
    return Delegation.objects.all()


def event_list_queryset():
    return HostedEvent.objects.annotate(
        agreement_count=count_subquery(Agreement.events.through.objects, outer_field="hostedevent")
    )


def country_names(countries):
    return [country.name for country in countries]


def head_of_delegation(delegation):
    return ", ".join(part for part in (delegation.head_name, delegation.head_title) if part)


DELEGATION_COLUMNS = (
    Column(_("code"), attrgetter("ref"), sort="ref"),
    Column(_("title"), attrgetter("title"), sort="title", link=True),
    Column(_("direction"), methodcaller("get_direction_display"), sort="direction"),
    Column(_("level"), methodcaller("get_level_display"), sort="level"),
    Column(_("countries"), lambda d: country_names(d.countries)),
    Column(_("starts on"), attrgetter("start_on"), sort="start"),
    Column(_("ends on"), attrgetter("end_on"), sort="end"),
    Column(_("head of delegation"), head_of_delegation),
    Column(_("purpose"), methodcaller("get_purpose_display"), sort="purpose"),
    Column(_("with the city's leaders"), attrgetter("city_leaders")),
    Column(_("host unit"), attrgetter("host_unit"), sort="host_unit"),
    Column(_("members"), attrgetter("members"), sort="members"),
)

EVENT_COLUMNS = (
    Column(_("code"), attrgetter("ref"), sort="ref"),
    Column(_("name"), attrgetter("name"), sort="name", link=True),
    Column(_("kind"), methodcaller("get_kind_display"), sort="kind"),
    Column(_("starts on"), attrgetter("start_on"), sort="start"),
    Column(_("ends on"), attrgetter("end_on"), sort="end"),
    Column(_("participating countries"), lambda e: country_names(e.countries)),
    Column(_("participants"), attrgetter("participants"), sort="participants"),
    Column(_("agreements carried out"), attrgetter("agreement_count"), sort="agreements"),
)
