"""Admin of statistics and imports, and the pieces every record admin of the project shares.

The shared pieces live here, beside `roles.py`, because they are about the project's roles and
records rather than one app: `RecordAdmin` (the base of every history-tracked model's admin),
`TodayStatusFilter`, `count_subquery` and `format_amount`.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, ForeignKey, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.numberformat import format as format_number
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dashboard.models import ImportRun, StatisticsEntry, UserProfile


def format_amount(value):
    """An amount with thousands separators in the active language (177.000.000 in Vietnamese).

    Django's Vietnamese formats set no NUMBER_GROUPING, so the grouping is given here; cents
    are shown only when there are some.
    """
    if value is None:
        return ""
    whole = value == value.to_integral_value()
    return format_number(
        value,
        decimal_sep=get_format("DECIMAL_SEPARATOR"),
        decimal_pos=0 if whole else 2,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def count_subquery(queryset, *, outer_field):
    """Count the rows of `queryset` pointing at the outer row through `outer_field`.

    A correlated subquery rather than a JOIN + GROUP BY: the changelist's own joins (search,
    filters) cannot multiply the count, and the page stays one query.
    """
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


class TodayStatusFilter(admin.SimpleListFilter):
    """A yes/no filter on one "alive on day D" rule of the data contract, for today.

    Subclasses set `title`, `parameter_name`, `yes_label`, `no_label` and `day_q`, the rule's
    Q builder (`active_on_q`, `in_force_on_q`, `valid_on_q`).
    """

    yes_label = _("yes")
    no_label = _("no")
    day_q = None

    def lookups(self, request, model_admin):
        return [("yes", self.yes_label), ("no", self.no_label)]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        rule = type(self).day_q(timezone.localdate())
        return queryset.filter(rule) if self.value() == "yes" else queryset.exclude(rule)


def _editable_field_names(model):
    opts = model._meta
    return [f.name for f in [*opts.fields, *opts.many_to_many] if f.editable and not f.auto_created]


class RecordAdmin(SimpleHistoryAdmin):
    """The base of every history-tracked model's admin: who changed what, and when.

    simple-history's page of one past version ("history/<version>/") checks only the view
    permission, builds its form as if for adding, and saves whatever is posted: a view-only user
    (leadership) could overwrite or revert a record there. Posting there needs the change
    permission, and without it the version is shown read-only.
    """

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history 3.13 calls select_related() with no names for a model without foreign
        # keys, which Django 6.1 deprecates; name the foreign keys, if any, ourselves.
        foreign_keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *foreign_keys
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_change_permission(request):
            if request.method == "POST":
                raise PermissionDenied
            request._history_version_read_only = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if getattr(request, "_history_version_read_only", False):
            return [*readonly, *_editable_field_names(self.model)]
        return readonly


@admin.register(StatisticsEntry)
class StatisticsEntryAdmin(RecordAdmin):
    list_display = ["indicator", "year", "value_display", "status", "source"]
    list_filter = ["indicator", "year", "status"]
    search_fields = ["indicator", "source"]
    ordering = ["indicator", "-year"]

    @admin.display(description=_("value"), ordering="value")
    def value_display(self, obj):
        return format_amount(obj.value)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The record of workbook imports: written by the import only, so nobody adds, changes or
    deletes one here."""

    list_display = ["started_at", "file_name", "user", "status", "finished_at"]
    list_filter = ["status", "succeeded"]
    list_select_related = ["user"]
    search_fields = ["file_name", "user__username"]
    date_hierarchy = "started_at"
    fields = [
        "file_name",
        "sha256",
        "user",
        "started_at",
        "finished_at",
        "status",
        "succeeded",
        "phase",
        "rows_done",
        "rows_total",
        "counts",
        "problems",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UserProfileInline(admin.StackedInline):
    """The user's unit (who receives which agreement reminders) and preferred language."""

    model = UserProfile
    can_delete = False
    fields = ["unit", "language"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithProfileAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, UserProfileInline]
    list_display = [*UserAdmin.list_display, "unit"]
    list_select_related = ["profile"]

    @admin.display(description=_("unit"), ordering="profile__unit")
    def unit(self, obj):
        try:
            return obj.profile.unit
        except UserProfile.DoesNotExist:
            return ""
