"""Admin of partners, their contacts and the reference list of fields of cooperation."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from agreements.models import Agreement
from dashboard.admin import RecordAdmin, TodayStatusFilter, count_subquery
from partners.models import CooperationField, Partner, PartnerContact, active_on_q


@admin.register(CooperationField)
class CooperationFieldAdmin(RecordAdmin):
    list_display = ["code", "name_vi", "name_en"]
    search_fields = ["code", "name_vi", "name_en"]


class ActiveTodayFilter(TodayStatusFilter):
    title = _("status")
    parameter_name = "active"
    yes_label = _("active today")
    no_label = _("not active today")
    day_q = staticmethod(active_on_q)


class PartnerContactInline(admin.TabularInline):
    model = PartnerContact
    fields = ["name", "role", "email"]
    extra = 0


@admin.register(Partner)
class PartnerAdmin(RecordAdmin):
    list_display = [
        "name",
        "ref",
        "name_local",
        "name_vi",
        "kind",
        "level",
        "country",
        "relationship",
        "established_on",
        "ended_on",
        "active_today",
        "agreement_count",
    ]
    list_display_links = ["name", "ref"]
    # Names in every script: "Daegu", "대구", "Đà Nẵng".
    search_fields = ["ref", "name", "name_local", "name_vi", "danang_unit"]
    list_filter = [
        "kind",
        "level",
        ("country", CountryFilter),
        "relationship",
        ActiveTodayFilter,
        "fields",
    ]
    date_hierarchy = "established_on"
    autocomplete_fields = ["fields"]
    inlines = [PartnerContactInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                agreement_count=count_subquery(
                    Agreement.partners.through.objects, outer_field="partner"
                )
            )
        )

    @admin.display(description=_("active today"), boolean=True)
    def active_today(self, obj):
        return obj.is_active_on(timezone.localdate())

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


@admin.register(PartnerContact)
class PartnerContactAdmin(RecordAdmin):
    list_display = ["name", "role", "email", "partner"]
    list_select_related = ["partner"]
    search_fields = ["name", "role", "email", "partner__name", "partner__name_local"]
    list_filter = ["partner__kind"]
    autocomplete_fields = ["partner"]
