"""What the record lists of every app share: columns, filter pieces and the list view.

A list declares its columns once (`Column`); the page, the CSV and the workbook all render those
columns (`danang_intl/exports.py`), so an export has the screen's columns, in the same order.

Bad input never reaches the database: every filter validates its value with a form field
(years within YEAR_MIN..YEAR_MAX, dates, known choices, a bounded query), and an invalid
filter gives the page with the form's messages, an empty list and status 400.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from django_filters.views import FilterView

from danang_intl import exports
from danang_intl.search import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, search_q, search_words
from dashboard.admin import format_amount

# The years a filter accepts: wide enough for any record, narrow enough for every database's
# date arithmetic (a year of 99999 is refused by the form, not by the database).
YEAR_MIN = 1900
YEAR_MAX = 2100
PAGE_SIZE = 25


@dataclass(frozen=True)
class Column:
    """One column of a list: its label, how to read the value from a record, and the
    `?sort=` value that orders by it ("" when it cannot be sorted by)."""

    label: Any
    value: Any  # record -> str, int, Decimal, date, bool, list of str or None
    sort: str = ""
    link: bool = False  # the record's detail page is linked from this cell


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool
    url: str = ""


def display_value(value):
    """A value as the page shows it, in the active language's style (24/11/2026, 177.000.000)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def table_rows(objects, columns, *, url_for=None):
    """The cells of each record, for the page: [(record, [Cell, ...]), ...]."""
    rows = []
    for obj in objects:
        url = url_for(obj) if url_for else ""
        cells = []
        for column in columns:
            value = column.value(obj)
            numeric = isinstance(value, int | Decimal) and not isinstance(value, bool)
            cells.append(Cell(display_value(value), numeric, url if column.link else ""))
        rows.append((obj, cells))
    return rows


# -- filter pieces ---------------------------------------------------------------------------


def validate_query(value):
    if len(search_words(value)) > MAX_QUERY_WORDS:
        raise ValidationError(
            ngettext(
                "Search with at most %(limit)d word.",
                "Search with at most %(limit)d words.",
                MAX_QUERY_WORDS,
            )
            % {"limit": MAX_QUERY_WORDS}
        )


class SearchField(forms.CharField):
    """The search box: any script, any accents, a bounded number of characters and words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("required", False)
        kwargs.setdefault("validators", [validate_query])
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "search", "autocomplete": "off"})
        )
        super().__init__(**kwargs)


class SearchFilter(django_filters.CharFilter):
    """`?q=`: every word of the query in the record's search text (danang_intl/search.py) or
    its other text `columns`, or in that of a record linked through one of `related`
    (queryset, lookup to the outer row)."""

    field_class = SearchField

    def __init__(self, *, related=(), columns=("search_text",), **kwargs):
        self.related = related
        self.columns = columns
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(
            search_q(value, model=qs.model, related=self.related, columns=self.columns)
        )


class YearFilter(django_filters.NumberFilter):
    """A year of a date field (`<field>__year`), only within YEAR_MIN..YEAR_MAX."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"min": YEAR_MIN, "max": YEAR_MAX}))
        super().__init__(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        # The browser's date picker sends ISO dates; typed bookmarks may use 24/11/2026 too.
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_from_filter(field_name, label):
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr="gte", label=label, widget=DateInput()
    )


def date_to_filter(field_name, label):
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr="lte", label=label, widget=DateInput()
    )


def country_choices():
    """Every country, named in the active language (a callable: the form is built per request)."""
    return [(code, name) for code, name in countries]


class CountryFilter(django_filters.MultipleChoiceFilter):
    """`?country=KR&country=JP`: the records of any of these countries.

    With `multiple=True` the field holds several codes ("JP,KR") and a record matches when any
    of them is chosen. Codes are compared whole, between commas: KR never matches inside
    another code.
    """

    def __init__(self, *, multiple=False, **kwargs):
        self.multiple = multiple
        kwargs.setdefault("choices", country_choices)
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 5}))
        kwargs.setdefault("distinct", False)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        codes = sorted(set(value))
        if not self.multiple:
            return qs.filter(**{f"{self.field_name}__in": codes})
        # One condition per code on ",JP,KR,": every country chosen at once stays far below
        # SQLite's limit on the depth of an expression (1000).
        padded = f"{self.field_name}_padded"
        condition = Q()
        for code in codes:
            condition |= Q(**{f"{padded}__contains": f",{code},"})
        return qs.alias(
            **{padded: Concat(Value(","), self.field_name, Value(","), output_field=CharField())}
        ).filter(condition)


class StatusFilter(django_filters.ChoiceFilter):
    """A status on today (active, in force, valid, ...): `rules` maps each choice to a
    function of the day giving its Q (the models' Q builders, `active_on_q` and the like)."""

    def __init__(self, *, rules, **kwargs):
        self.rules = rules
        kwargs.setdefault("label", _("status"))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(self.rules[value](timezone.localdate()))


class SortFilter(django_filters.OrderingFilter):
    """`?sort=<value>` or `?sort=-<value>`, among the (field, value) pairs a list declares.

    Blank values go last both ways, on SQLite as on PostgreSQL, and the primary key breaks ties,
    so a record never shows on two pages.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Sort by"))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            if not param:
                continue
            field = self.get_ordering_value(param)
            if field.startswith("-"):
                ordering.append(F(field[1:]).desc(nulls_last=True))
            else:
                ordering.append(F(field).asc(nulls_last=True))
        return qs.order_by(*ordering, "pk")


class RecordFilterSet(django_filters.FilterSet):
    """The base of every list's FilterSet: the search box comes first."""

    q = SearchFilter()


# -- the list view ---------------------------------------------------------------------------


class RecordListView(PermissionRequiredMixin, FilterView):
    """A filtered, sorted, paginated list of records, and its CSV and workbook exports.

    Subclasses declare `model`, `permission_required`, `filterset_class`, `columns`,
    `detail_url_name`, `export_name` and `base_queryset()`. `?format=csv` or `?format=xlsx`
    downloads every filtered record (not only the page) with the page's columns.
    """

    template_name_suffix = "_list"
    paginate_by = PAGE_SIZE
    columns = ()
    detail_url_name = ""
    export_name = ""
    raise_exception = True
    # The filter holding the year of the dashboard card that opens this list (CARD_LINKS in
    # dashboard/home.py): the breadcrumb leads back to the overview of that year.
    dashboard_year_filter = ""

    @classmethod
    def base_queryset(cls):
        return cls.model._default_manager.all()

    def get_queryset(self):
        return self.base_queryset()

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        self.object_list = self.filterset.qs if valid else self.filterset.queryset.none()
        export_format = request.GET.get("format")
        if valid and export_format in exports.FORMATS:
            return exports.export_response(
                export_format,
                columns=self.columns,
                objects=self.object_list,
                name=self.export_name,
                title=self.model._meta.verbose_name_plural,
            )
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context, status=200 if valid else 400)

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end, or not a number, gives the last or the first page."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def detail_url(self, obj):
        return reverse(self.detail_url_name, args=[obj.pk])

    def overview_url(self):
        """The dashboard, of the year this list is filtered on when it came from a card."""
        url = reverse("dashboard:home")
        if not self.dashboard_year_filter or not self.filterset.is_valid():
            return url
        value = self.filterset.form.cleaned_data.get(self.dashboard_year_filter)
        year = value.year if isinstance(value, dt.date) else value
        return f"{url}?year={year}" if year else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        objects = page.object_list if page is not None else context["object_list"]
        current_sort = self.request.GET.get("sort", "") if self.filterset.is_valid() else ""
        context.update(
            title=self.model._meta.verbose_name_plural,
            headers=sort_headers(self.columns, current_sort),
            rows=table_rows(objects, self.columns, url_for=self.detail_url),
            total=page.paginator.count if page is not None else 0,
            filter_invalid=self.filterset.is_bound and not self.filterset.is_valid(),
            overview_url=self.overview_url(),
        )
        return context


@dataclass(frozen=True)
class Header:
    label: Any
    sort: str  # the ?sort= value a click asks for; "" when the column cannot be sorted
    direction: str  # "ascending", "descending" or "" (aria-sort)


def sort_headers(columns, current):
    headers = []
    for column in columns:
        if not column.sort:
            headers.append(Header(column.label, "", ""))
        elif current == column.sort:
            headers.append(Header(column.label, f"-{column.sort}", "ascending"))
        elif current == f"-{column.sort}":
            headers.append(Header(column.label, column.sort, "descending"))
        else:
            headers.append(Header(column.label, column.sort, ""))
    return headers


class ChosenOnlySelect(forms.Select):
    """A select offering only the record already chosen, and "all".

    Lists are filtered by one partner from that partner's page (its "see all" links); offering
    every partner in the form would put tens of thousands of options on each list page at a
    national scale, and most of the page's time into rendering them.
    """

    def optgroups(self, name, value, attrs=None):
        # isdecimal, not isdigit: "²" is a digit that int(), and so the query, refuses.
        wanted = [v for v in value if str(v).isdecimal() and len(str(v)) < 19]
        queryset = self.choices.queryset.filter(pk__in=wanted) if wanted else []
        self.choices = [("", "---------"), *((obj.pk, str(obj)) for obj in queryset)]
        return super().optgroups(name, value, attrs)


class ChosenRecordFilter(django_filters.ModelChoiceFilter):
    """Records of one chosen record (`?partner=<id>`), with a `ChosenOnlySelect`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", ChosenOnlySelect)
        super().__init__(**kwargs)


class LinkedFilter(django_filters.ModelMultipleChoiceFilter):
    """Records linked to any of the chosen ones (a many-to-many field, either side).

    `back` is the lookup from the chosen model to the filtered one (`partners` for fields of
    cooperation of a partner). An EXISTS subquery: a record linked to two chosen ones still
    comes once, and the list's counts are not multiplied by a join.
    """

    def __init__(self, *, back, **kwargs):
        self.back = back
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 5}))
        kwargs.setdefault("distinct", False)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        model = type(value[0])
        linked = model._default_manager.filter(
            **{self.back: OuterRef("pk"), "pk__in": [obj.pk for obj in value]}
        )
        return qs.filter(Exists(linked))


class YesNoFilter(django_filters.BooleanFilter):
    """`?<name>=true` or `false`; anything else means "all"."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.Select(choices=[("", "---------"), ("true", _("yes")), ("false", _("no"))]),
        )
        super().__init__(**kwargs)


@dataclass(frozen=True)
class LinkedTable:
    """Records linked to the one a detail page shows, with the columns of their own list."""

    headers: list
    rows: list
    total: int
    list_url: str = ""  # the full list of those records, when the table shows only the first


def linked_table(objects, columns, *, detail_url_name=None, total=None, list_url=""):
    objects = list(objects)
    url_for = (lambda obj: reverse(detail_url_name, args=[obj.pk])) if detail_url_name else None
    return LinkedTable(
        headers=[Header(column.label, "", "") for column in columns],
        rows=table_rows(objects, columns, url_for=url_for),
        total=len(objects) if total is None else total,
        list_url=list_url,
    )
