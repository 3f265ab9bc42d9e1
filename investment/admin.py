"""Admin of FDI projects, their capital changes, and capital contributions by foreign investors."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from danang_intl.rules import require_not_before
from dashboard.admin import RecordAdmin, TodayStatusFilter, format_amount
from investment.models import CapitalChange, CapitalContribution, FdiProject, valid_on_q


class ValidTodayFilter(TodayStatusFilter):
    title = _("status")
    parameter_name = "valid"
    yes_label = _("valid today")
    no_label = _("not valid today")
    day_q = staticmethod(valid_on_q)


class CapitalChangeInlineFormSet(BaseInlineFormSet):
    """Capital changes typed in together with their project.

    `CapitalChange.clean()` compares the date with the project's certification date, but while
    the project is being added its rows have no project yet and skip that check; this makes the
    same check against the certification date typed in the project form.
    """

    def clean(self):
        super().clean()
        if self.instance.pk is not None:
            return  # Each row's own clean() sees the project, with its new certification date.
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            errors = {}
            require_not_before(
                errors,
                later=form.cleaned_data.get("changed_on"),
                earlier=self.instance.certified_on,
                field="changed_on",
                # The message of CapitalChange.clean(), word for word.
                message=_("Capital cannot change before the project is certified."),
            )
            for field, field_errors in errors.items():
                for error in field_errors:
                    form.add_error(field, error)


class CapitalChangeInline(admin.TabularInline):
    model = CapitalChange
    formset = CapitalChangeInlineFormSet
    fields = ["changed_on", "amount_usd"]
    extra = 0


@admin.register(FdiProject)
class FdiProjectAdmin(RecordAdmin):
    list_display = [
        "ref",
        "name",
        "investor",
        "investor_country",
        "sector",
        "certified_on",
        "registered_capital",
        "terminated_on",
        "valid_today",
    ]
    list_display_links = ["ref", "name"]
    search_fields = ["ref", "name", "investor", "location"]
    list_filter = [("investor_country", CountryFilter), "sector", ValidTodayFilter]
    date_hierarchy = "certified_on"
    inlines = [CapitalChangeInline]

    @admin.display(description=_("registered capital (USD)"), ordering="registered_capital_usd")
    def registered_capital(self, obj):
        return format_amount(obj.registered_capital_usd)

    @admin.display(description=_("valid today"), boolean=True)
    def valid_today(self, obj):
        return obj.is_valid_on(timezone.localdate())


@admin.register(CapitalChange)
class CapitalChangeAdmin(RecordAdmin):
    list_display = ["project", "changed_on", "amount"]
    list_select_related = ["project"]
    search_fields = ["project__ref", "project__name", "project__investor"]
    list_filter = ["project__sector"]
    date_hierarchy = "changed_on"
    autocomplete_fields = ["project"]

    @admin.display(description=_("amount (USD)"), ordering="amount_usd")
    def amount(self, obj):
        return format_amount(obj.amount_usd)


@admin.register(CapitalContribution)
class CapitalContributionAdmin(RecordAdmin):
    list_display = ["ref", "investor", "investor_country", "company", "contributed_on", "amount"]
    list_display_links = ["ref", "investor"]
    search_fields = ["ref", "investor", "company"]
    list_filter = [("investor_country", CountryFilter)]
    date_hierarchy = "contributed_on"

    @admin.display(description=_("amount (USD)"), ordering="amount_usd")
    def amount(self, obj):
        return format_amount(obj.amount_usd)
