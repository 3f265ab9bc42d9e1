"""Number style on screen (domain.md): the template filters of `dashboard/templatetags/numbers.py`
in Vietnamese and in English, with exact strings."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from dashboard.templatetags.numbers import change, count, figure, plain, usd


def styled(language, function, *args):
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize(
    ("value", "vietnamese", "english"),
    [
        (4_530_000_000, "4,53 tỷ USD", "USD 4.53 billion"),
        (Decimal("4530000000.50"), "4,53 tỷ USD", "USD 4.53 billion"),
        (12_345_000_000, "12,3 tỷ USD", "USD 12.3 billion"),
        (1_000_000_000, "1 tỷ USD", "USD 1 billion"),
        (520_000_000, "520 triệu USD", "USD 520 million"),
        (213_500_000, "213,5 triệu USD", "USD 213.5 million"),
        (Decimal("2500000.25"), "2,5 triệu USD", "USD 2.5 million"),
        (Decimal("999960000"), "1 tỷ USD", "USD 1 billion"),  # rounds up into the next scale
        (177_000, "177.000 USD", "USD 177,000"),
        (Decimal("0.25"), "0,25 USD", "USD 0.25"),
        (0, "0 USD", "USD 0"),
        (-2_500_000, "-2,5 triệu USD", "USD -2.5 million"),
        (Decimal("-0.5"), "-0,5 USD", "USD -0.5"),
        (-4_530_000_000, "-4,53 tỷ USD", "USD -4.53 billion"),
    ],
)
def test_usd_amounts_are_scaled_in_each_language(value, vietnamese, english):
    assert styled("vi", usd, value) == vietnamese
    assert styled("en", usd, value) == english


@pytest.mark.parametrize(
    ("value", "hint", "vietnamese", "english"),
    [
        (17_300_000, "visitors_total", "17,3 triệu lượt", "17.3 million"),
        (Decimal("7600000.00"), "visitors_international", "7,6 triệu lượt", "7.6 million"),
        (760_000, "visitors_international", "760.000 lượt", "760,000"),
        (2640, "", "2.640", "2,640"),
        (2640, "delegations_inbound", "2.640", "2,640"),
        (17_300_000, "partners_active", "17.300.000", "17,300,000"),  # "lượt" only for visitors
        (1263, "fdi_projects_valid", "1.263", "1,263"),
        (0, "", "0", "0"),
        (-12, "", "-12", "-12"),
        (Decimal("1234.6"), "", "1.235", "1,235"),
    ],
)
def test_counts_are_grouped_and_visitors_scaled(value, hint, vietnamese, english):
    assert styled("vi", count, value, hint) == vietnamese
    assert styled("en", count, value, hint) == english


def test_a_missing_value_is_no_data_never_zero():
    assert styled("en", usd, None) == "no data"
    assert styled("en", count, None, "visitors_total") == "no data"
    assert styled("en", figure, None, "exports_usd") == "no data"
    with translation.override("vi"):
        assert usd(None) == count(None) == translation.gettext("no data")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("0.1199"), "+12%"),
        (Decimal("0.125"), "+13%"),  # half up
        (Decimal("-0.03"), "-3%"),
        (Decimal("-0.004"), "0%"),  # no "-0%"
        (Decimal("0"), "0%"),
        (Decimal("-1"), "-100%"),
        (None, ""),
    ],
)
def test_change_is_a_whole_signed_percent(value, text):
    assert styled("vi", change, value) == text
    assert styled("en", change, value) == text


def test_large_change_is_grouped_in_each_language():
    assert styled("vi", change, Decimal("12.345")) == "+1.235%"
    assert styled("en", change, Decimal("12.345")) == "+1,235%"


def test_figure_follows_the_unit_of_the_indicator():
    assert styled("vi", figure, Decimal("4530000000"), "exports_usd") == "4,53 tỷ USD"
    assert styled("vi", figure, 17_300_000, "visitors_total") == "17,3 triệu lượt"
    assert styled("vi", figure, 60, "partners_active") == "60"


def test_plain_is_the_csv_form():
    assert plain(Decimal("4530000000.00"), "usd") == "4530000000"
    assert plain(Decimal("213500000.50"), "usd") == "213500000.5"
    assert plain(60, "count") == "60"
    assert plain(None, "usd") == ""


def test_filters_load_as_numbers_and_follow_the_active_language():
    template = Template(
        "{% load numbers %}{{ v|usd }} | {{ n|count:'visitors_total' }} | {{ c|change }}"
    )
    context = Context({"v": 520_000_000, "n": 17_300_000, "c": Decimal("0.12")})

    with translation.override("vi"):
        assert template.render(context) == "520 triệu USD | 17,3 triệu lượt | +12%"
    with translation.override("en"):
        assert template.render(context) == "USD 520 million | 17.3 million | +12%"
