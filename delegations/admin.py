"""Admin of inbound and outbound delegations and of the international events the city hosts."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from dashboard.admin import RecordAdmin
from delegations.models import Delegation, HostedEvent


def _country_names(countries):
    return ", ".join(country.name for country in countries)


@admin.register(Delegation)
class DelegationAdmin(RecordAdmin):
    list_display = [
        "ref",
        "title",
        "direction",
        "level",
        "country_names",
        "start_on",
        "end_on",
        "purpose",
        "city_leaders",
        "members",
    ]
    list_display_links = ["ref", "title"]
    search_fields = [
        "ref",
        "title",
        "head_name",
        "head_title",
        "host_unit",
        "partners__name",
        "partners__name_local",
        "partners__name_vi",
    ]
    list_filter = [
        "direction",
        "level",
        "city_leaders",
        "purpose",
        ("countries", CountryFilter),
    ]
    date_hierarchy = "start_on"
    autocomplete_fields = ["partners", "agreements"]

    @admin.display(description=_("countries"))
    def country_names(self, obj):
        return _country_names(obj.countries)


@admin.register(HostedEvent)
class HostedEventAdmin(RecordAdmin):
    list_display = ["ref", "name", "kind", "start_on", "end_on", "participants", "country_names"]
    list_display_links = ["ref", "name"]
    search_fields = ["ref", "name"]
    list_filter = ["kind", ("countries", CountryFilter)]
    date_hierarchy = "start_on"
    autocomplete_fields = ["agreements"]

    @admin.display(description=_("participating countries"))
    def country_names(self, obj):
        return _country_names(obj.countries)
