"""The search page of the header: one query, matches among all five record types.

It runs each list's own FilterSet with only `q`, so a word finds here exactly what it finds in
that list, and links to the list for the rest. A record type the user may not see is left out.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.views import AgreementListView
from danang_intl.lists import LinkedTable, SearchField, linked_table
from delegations.views import DelegationListView, HostedEventListView
from investment.views import FdiProjectListView
from partners.views import PartnerListView

# (list view, URL name of the list)
SEARCHED_LISTS = (
    (PartnerListView, "partners:list"),
    (AgreementListView, "agreements:list"),
    (DelegationListView, "delegations:list"),
    (HostedEventListView, "delegations:event-list"),
    (FdiProjectListView, "investment:project-list"),
)
RESULTS_SHOWN = 10
COLUMNS_SHOWN = 6


class SearchForm(forms.Form):
    q = SearchField(label=_("Search"))


@dataclass(frozen=True)
class SearchSection:
    title: Any
    table: LinkedTable


def search(request):
    searched = [
        (view, list_url_name)
        for view, list_url_name in SEARCHED_LISTS
        if request.user.has_perm(view.permission_required)
    ]
    if not searched:
        raise PermissionDenied
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "lists/search.html", {"form": form}, status=400)
    query = form.cleaned_data["q"].strip()
    sections = []
    if query:
        for view, list_url_name in searched:
            matches = view.filterset_class({"q": query}, queryset=view.base_queryset()).qs
            total = matches.count()
            list_url = f"{reverse(list_url_name)}?{urlencode({'q': query})}"
            table = linked_table(
                matches[:RESULTS_SHOWN] if total else [],
                view.columns[:COLUMNS_SHOWN],
                detail_url_name=view.detail_url_name,
                total=total,
                list_url=list_url,
            )
            sections.append(SearchSection(view.model._meta.verbose_name_plural, table))
    context = {"form": form, "query": query, "sections": sections}
    return render(request, "lists/search.html", context)
