"""Filters of the FDI project list: "Korean projects certified in 2024 above USD 10 million"."""

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danang_intl.lists import (
    CountryFilter,
    RecordFilterSet,
    SortFilter,
    StatusFilter,
    YearFilter,
    date_from_filter,
    date_to_filter,
)
from investment.models import FdiProject, valid_on_q


class ProjectStatus(models.TextChoices):
    VALID = "valid", _("valid")
    TERMINATED = "terminated", _("terminated")


def terminated_on_q(day):
    return Q(terminated_on__lte=day)


PROJECT_STATUS_RULES = {
    ProjectStatus.VALID: valid_on_q,
    ProjectStatus.TERMINATED: terminated_on_q,
}


def project_status(project, day):
    """The status of PROJECT_STATUS_RULES for one project; None for a certificate dated after
    `day`, which is neither."""
    if project.terminated_on is not None and project.terminated_on <= day:
        return ProjectStatus.TERMINATED
    if project.is_valid_on(day):
        return ProjectStatus.VALID
    return None


def capital_filter(lookup_expr, label):
    # The bounds of the model field (16 digits, cents): a longer number is refused by the form,
    # not by the database.
    return django_filters.NumberFilter(
        field_name="registered_capital_usd",
        lookup_expr=lookup_expr,
        label=label,
        max_digits=16,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "step": "any"}),
    )


class FdiProjectFilterSet(RecordFilterSet):
    investor_country = CountryFilter(label=_("investor's country"))
    sector = django_filters.ChoiceFilter(label=_("sector"), choices=FdiProject.Sector.choices)
    status = StatusFilter(choices=ProjectStatus.choices, rules=PROJECT_STATUS_RULES)
    certified_year = YearFilter(field_name="certified_on", label=_("certified in (year)"))
    certified_from = date_from_filter("certified_on", _("certified from"))
    certified_to = date_to_filter("certified_on", _("certified until"))
    capital_min = capital_filter("gte", _("registered capital from (USD)"))
    capital_max = capital_filter("lte", _("registered capital up to (USD)"))
    sort = SortFilter(
        fields=[
            ("ref", "ref"),
            ("name", "name"),
            ("investor", "investor"),
            ("investor_country", "country"),
            ("sector", "sector"),
            ("certified_on", "certified"),
            ("registered_capital_usd", "capital"),
            ("capital_now_usd", "capital_now"),
            ("terminated_on", "terminated"),
        ],
        field_labels={
            "ref": _("code"),
            "name": _("project name"),
            "investor": _("investor"),
            "investor_country": _("investor's country"),
            "sector": _("sector"),
            "certified_on": _("certified on"),
            "registered_capital_usd": _("registered capital (USD)"),
            "capital_now_usd": _("capital now (USD)"),
            "terminated_on": _("terminated on"),
        },
    )

    class Meta:
        model = FdiProject
        fields = []
