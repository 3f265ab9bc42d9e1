"""Filters of the delegation and event lists: "every delegation from Japan in 2024 received by
the city's leaders"."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from danang_intl.lists import (
    ChosenRecordFilter,
    CountryFilter,
    RecordFilterSet,
    SearchFilter,
    SortFilter,
    YearFilter,
    YesNoFilter,
    date_from_filter,
    date_to_filter,
)
from dashboard.cache import cached_figures
from delegations.models import Delegation, HostedEvent
from partners.models import Partner


def host_unit_choices():
    """The host units the records name (free text, so taken from the records themselves).

    Cached until the data changes: finding the distinct units reads every delegation, a
    third of a second on a million of them, on every list page.
    """
    units = cached_figures(
        "host-units",
        compute=lambda: list(
            Delegation.objects.exclude(host_unit="")
            .order_by("host_unit")
            .values_list("host_unit", flat=True)
            .distinct()
        ),
    )
    return [(unit, unit) for unit in units]


class DelegationFilterSet(RecordFilterSet):
    q = SearchFilter(related=[(Partner.objects.all(), "delegations")])
    direction = django_filters.ChoiceFilter(
        label=_("direction"), choices=Delegation.Direction.choices
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=Delegation.Level.choices)
    high_level = YesNoFilter(label=_("high-level"), method="filter_high_level")
    country = CountryFilter(label=_("countries"), multiple=True, field_name="countries")
    year = YearFilter(field_name="start_on", label=_("year"))
    start_from = date_from_filter("start_on", _("starting from"))
    start_to = date_to_filter("start_on", _("starting until"))
    purpose = django_filters.ChoiceFilter(label=_("purpose"), choices=Delegation.Purpose.choices)
    city_leaders = YesNoFilter(label=_("with the city's leaders"))
    host_unit = django_filters.ChoiceFilter(label=_("host unit"), choices=host_unit_choices)
    partner = ChosenRecordFilter(
        label=_("partner"),
        queryset=Partner.objects.order_by("name"),
        method="filter_partner",
    )
    sort = SortFilter(
        fields=[
            ("ref", "ref"),
            ("title", "title"),
            ("direction", "direction"),
            ("level", "level"),
            ("start_on", "start"),
            ("end_on", "end"),
            ("purpose", "purpose"),
            ("host_unit", "host_unit"),
            ("members", "members"),
        ],
        field_labels={
            "ref": _("code"),
            "title": _("title"),
            "direction": _("direction"),
            "level": _("level"),
            "start_on": _("starts on"),
            "end_on": _("ends on"),
            "purpose": _("purpose"),
            "host_unit": _("host unit"),
            "members": _("members"),
        },
    )

    class Meta:
        model = Delegation
        fields = []

    def filter_high_level(self, queryset, name, value):
        if value is None:
            return queryset
        condition = {"level__in": Delegation.HIGH_LEVELS}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)

    def filter_partner(self, queryset, name, value):
        if value is None:
            return queryset
        partners = Partner.objects.filter(delegations=OuterRef("pk"), pk=value.pk)
        return queryset.filter(Exists(partners))


class HostedEventFilterSet(RecordFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=HostedEvent.Kind.choices)
    year = YearFilter(field_name="start_on", label=_("year"))
    country = CountryFilter(
        label=_("participating countries"), multiple=True, field_name="countries"
    )
    sort = SortFilter(
        fields=[
            ("ref", "ref"),
            ("name", "name"),
            ("kind", "kind"),
            ("start_on", "start"),
            ("end_on", "end"),
            ("participants", "participants"),
            ("agreement_count", "agreements"),
        ],
        field_labels={
            "ref": _("code"),
            "name": _("name"),
            "kind": _("kind"),
            "start_on": _("starts on"),
            "end_on": _("ends on"),
            "participants": _("participants"),
            "agreement_count": _("agreements carried out"),
        },
    )

    class Meta:
        model = HostedEvent
        fields = []
