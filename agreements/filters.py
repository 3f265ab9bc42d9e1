"""Filters of the agreement list: "MoUs with Korean partners that expire this year"."""

import django_filters
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, in_force_on_q
from agreements.partner_columns import partner_country_lookup
from danang_intl.lists import (
    ChosenRecordFilter,
    CountryFilter,
    LinkedFilter,
    RecordFilterSet,
    SearchFilter,
    SortFilter,
    StatusFilter,
    YearFilter,
    date_from_filter,
    date_to_filter,
)
from partners.models import CooperationField, Partner


class AgreementStatus(models.TextChoices):
    """Where an agreement stands on a day; every agreement has exactly one status."""

    IN_FORCE = "in_force", _("in force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("signed, not yet in force")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    UNSIGNED = "unsigned", _("not signed yet")


def terminated_on_q(day):
    return Q(terminated_on__lte=day)


def not_terminated_q(day):
    return Q(terminated_on__isnull=True) | Q(terminated_on__gt=day)


def expired_on_q(day):
    """Past its expiry (an agreement that expires on `day` is still in force), not terminated."""
    return Q(expires_on__lt=day) & not_terminated_q(day)


def not_yet_in_force_on_q(day):
    """Signed, and taking effect after `day`."""
    starts_later = Q(effective_on__gt=day) | Q(effective_on__isnull=True, signed_on__gt=day)
    return Q(signed_on__isnull=False) & starts_later & not_terminated_q(day)


def unsigned_q(day):
    """Still being negotiated: no signing date and no date of effect."""
    return Q(signed_on__isnull=True, effective_on__isnull=True)


AGREEMENT_STATUS_RULES = {
    AgreementStatus.IN_FORCE: in_force_on_q,
    AgreementStatus.NOT_YET_IN_FORCE: not_yet_in_force_on_q,
    AgreementStatus.EXPIRED: expired_on_q,
    AgreementStatus.TERMINATED: terminated_on_q,
    AgreementStatus.UNSIGNED: unsigned_q,
}


def agreement_status(agreement, day):
    """The status of AGREEMENT_STATUS_RULES for one agreement, without a query."""
    if agreement.terminated_on is not None and agreement.terminated_on <= day:
        return AgreementStatus.TERMINATED
    if agreement.starts_on is None:
        return AgreementStatus.UNSIGNED
    if agreement.starts_on > day:
        return AgreementStatus.NOT_YET_IN_FORCE
    if agreement.expires_on is not None and agreement.expires_on < day:
        return AgreementStatus.EXPIRED
    return AgreementStatus.IN_FORCE


class AgreementFilterSet(RecordFilterSet):
    # "대구" finds the agreements signed with Daegu, whose titles name it in Vietnamese only.
    q = SearchFilter(columns=("search_text", "partners_search_text"))
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Agreement.Kind.choices)
    partner_country = CountryFilter(label=_("partner's country"), method="filter_partner_country")
    partner = ChosenRecordFilter(
        label=_("partner"),
        queryset=Partner.objects.order_by("name"),
        method="filter_partner",
    )
    status = StatusFilter(choices=AgreementStatus.choices, rules=AGREEMENT_STATUS_RULES)
    signed_year = YearFilter(field_name="signed_on", label=_("signed in (year)"))
    signed_from = date_from_filter("signed_on", _("signed from"))
    signed_to = date_to_filter("signed_on", _("signed until"))
    expires_year = YearFilter(field_name="expires_on", label=_("expires in (year)"))
    expires_from = date_from_filter("expires_on", _("expires from"))
    expires_to = date_to_filter("expires_on", _("expires until"))
    field = LinkedFilter(
        label=_("fields of cooperation"),
        queryset=CooperationField.objects.all(),
        to_field_name="code",
        back="agreements",
    )
    sort = SortFilter(
        fields=[
            ("ref", "ref"),
            ("title", "title"),
            ("kind", "kind"),
            ("signed_on", "signed"),
            ("expires_on", "expires"),
            ("implementation_count", "implementation"),
        ],
        field_labels={
            "ref": _("code"),
            "title": _("title"),
            "kind": _("kind"),
            "signed_on": _("signed on"),
            "expires_on": _("expires on"),
            "implementation_count": _("implementation entries"),
        },
    )

    class Meta:
        model = Agreement
        fields = []

    def filter_partner_country(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for code in sorted(set(value)):
            condition |= Q(partner_countries__contains=partner_country_lookup(code))
        return queryset.filter(condition)

    def filter_partner(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            Exists(Partner.objects.filter(agreements=OuterRef("pk"), pk=value.pk))
        )
