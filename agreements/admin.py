"""Admin of international agreements and what has been done to carry them out."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from agreements.models import Agreement, ImplementationEntry, SentReminder, in_force_on_q
from dashboard.admin import RecordAdmin, TodayStatusFilter, count_subquery
from partners.models import Partner


class InForceTodayFilter(TodayStatusFilter):
    title = _("status")
    parameter_name = "in_force"
    yes_label = _("in force today")
    no_label = _("not in force today")
    day_q = staticmethod(in_force_on_q)


class ImplementationEntryInline(admin.TabularInline):
    model = ImplementationEntry
    fields = ["done_on", "text"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = [
        "ref",
        "title",
        "kind",
        "partner_names",
        "signed_on",
        "expires_on",
        "in_force_today",
        "implementation_count",
    ]
    list_display_links = ["ref", "title"]
    search_fields = [
        "ref",
        "title",
        "danang_signatory",
        "responsible_unit",
        "signed_at",
        "partners__name",
        "partners__name_local",
        "partners__name_vi",
    ]
    list_filter = [
        "kind",
        InForceTodayFilter,
        "left_to_lapse",
        "partners__kind",
        ("partners__country", CountryFilter),
        "fields",
    ]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["partners", "renews", "fields"]
    inlines = [ImplementationEntryInline]

    def get_queryset(self, request):
        # The partners of a page of agreements come in one more query, names only.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("partners", queryset=Partner.objects.only("pk", "name").order_by("name"))
            )
            .annotate(
                implementation_count=count_subquery(
                    ImplementationEntry.objects, outer_field="agreement"
                )
            )
        )

    @admin.display(description=_("partners"))
    def partner_names(self, obj):
        return ", ".join(partner.name for partner in obj.partners.all())

    @admin.display(description=_("in force today"), boolean=True)
    def in_force_today(self, obj):
        return obj.is_in_force_on(timezone.localdate())

    @admin.display(description=_("implementation entries"), ordering="implementation_count")
    def implementation_count(self, obj):
        return obj.implementation_count


@admin.register(ImplementationEntry)
class ImplementationEntryAdmin(RecordAdmin):
    list_display = ["done_on", "agreement", "text"]
    list_select_related = ["agreement"]
    search_fields = ["text", "agreement__ref", "agreement__title"]
    list_filter = ["agreement__kind"]
    date_hierarchy = "done_on"
    autocomplete_fields = ["agreement"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """The record of expiry reminders e-mailed (`send_reminders`): written by the command only,
    so nobody adds or changes one here. Deleting one lets the command send it again."""

    list_display = ["sent_at", "agreement", "milestone", "expires_on", "recipient"]
    list_select_related = ["agreement", "recipient"]
    search_fields = [
        "agreement__ref",
        "agreement__title",
        "recipient__username",
        "recipient__email",
    ]
    date_hierarchy = "sent_at"
    fields = ["agreement", "recipient", "expires_on", "milestone", "sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
