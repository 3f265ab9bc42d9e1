"""Filters of the partner list: "all our partners in Italy", "sister cities in Korea"."""

import django_filters
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danang_intl.lists import (
    CountryFilter,
    LinkedFilter,
    RecordFilterSet,
    SortFilter,
    StatusFilter,
    YearFilter,
    date_from_filter,
    date_to_filter,
)
from partners.models import CooperationField, Partner, active_on_q


class PartnerStatus(models.TextChoices):
    """Where a relationship stands on a day; every partner has exactly one status."""

    # "active" alone is Django's word for an enabled account, with its own translation.
    ACTIVE = "active", _("active today")
    ENDED = "ended", _("ended")
    PROSPECTIVE = "prospective", _("prospective")


def ended_on_q(day):
    return Q(ended_on__lte=day)


def prospective_on_q(day):
    """Not established by `day` (or not at all yet), and not ended."""
    return ~ended_on_q(day) & (Q(established_on__isnull=True) | Q(established_on__gt=day))


PARTNER_STATUS_RULES = {
    PartnerStatus.ACTIVE: active_on_q,
    PartnerStatus.ENDED: ended_on_q,
    PartnerStatus.PROSPECTIVE: prospective_on_q,
}


def partner_status(partner, day):
    """The status of PARTNER_STATUS_RULES for one partner, without a query."""
    if partner.ended_on is not None and partner.ended_on <= day:
        return PartnerStatus.ENDED
    if partner.is_active_on(day):
        return PartnerStatus.ACTIVE
    return PartnerStatus.PROSPECTIVE


class PartnerFilterSet(RecordFilterSet):
    country = CountryFilter(label=_("country"))
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Partner.Kind.choices)
    relationship = django_filters.ChoiceFilter(
        label=_("relationship"), choices=Partner.Relationship.choices
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=Partner.Level.choices)
    field = LinkedFilter(
        label=_("fields of cooperation"),
        queryset=CooperationField.objects.all(),
        to_field_name="code",
        back="partners",
    )
    status = StatusFilter(choices=PartnerStatus.choices, rules=PARTNER_STATUS_RULES)
    established_year = YearFilter(field_name="established_on", label=_("established in (year)"))
    established_from = date_from_filter("established_on", _("established from"))
    established_to = date_to_filter("established_on", _("established until"))
    sort = SortFilter(
        fields=[
            ("ref", "ref"),
            ("name", "name"),
            ("country", "country"),
            ("kind", "kind"),
            ("relationship", "relationship"),
            ("established_on", "established"),
            ("ended_on", "ended"),
            ("agreement_count", "agreements"),
            ("delegation_count", "delegations"),
        ],
        field_labels={
            "ref": _("code"),
            "name": _("name"),
            "country": _("country"),
            "kind": _("kind"),
            "relationship": _("relationship"),
            "established_on": _("established on"),
            "ended_on": _("ended on"),
            "agreement_count": _("agreements"),
            "delegation_count": _("delegations"),
        },
    )

    class Meta:
        model = Partner
        fields = []
