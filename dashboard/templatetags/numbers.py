"""Number style on screen (domain.md): `4,53 tỷ USD`, `520 triệu USD`, `17,3 triệu lượt` in
Vietnamese; `USD 4.53 billion`, `USD 520 million`, `17.3 million` in English.

These filters only format: every figure reaches them computed by the indicator table. Machine
exports (the CSV, `data-value` attributes) use `plain`, never the styled text.

The style is chosen by the active language and written out here, like the locale data of a
`formats.py` file, rather than through Django's localisation: Django's own Vietnamese formats
group no thousands (danang_intl/formats/ adds grouping, but Django applies it only with
USE_THOUSAND_SEPARATOR), and the scale words ("tỷ", "triệu") and their place around the number
("4,53 tỷ USD" but "USD 4.53 billion") are part of a language's number style, not sentences to
translate. The separators agree with danang_intl/formats/. A language without a style here is
shown in the English one.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dashboard.exports import csv_value
from dashboard.indicators import COUNT, INDICATORS_BY_KEY, USD

register = template.Library()

MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)


@dataclass(frozen=True)
class NumberStyle:
    decimal: str  # decimal mark
    thousands: str  # thousands separator
    million: str
    billion: str
    usd: str  # the amount, with its scale word if any, in a USD figure
    visits: str  # a number of visits (visitor statistics)


STYLES = {
    "vi": NumberStyle(
        decimal=",",
        thousands=".",
        million="triệu",
        billion="tỷ",
        usd="{number} USD",
        visits="{number} lượt",
    ),
    "en": NumberStyle(
        decimal=".",
        thousands=",",
        million="million",
        billion="billion",
        usd="USD {number}",
        visits="{number}",
    ),
}


def number_style(language=None):
    """The style of `language`, by default the active one; "vi-VN" finds "vi"."""
    code = (language or get_language() or "en").lower()
    return STYLES.get(code, STYLES.get(code.split("-")[0], STYLES["en"]))


def no_data():
    """What stands in for a value that was not entered (never 0)."""
    return _("no data")


@register.filter
def usd(value):
    """An amount in USD: `4,53 tỷ USD` (3 significant digits), `213,5 triệu USD` (one decimal),
    `177.000 USD` (whole dollars, cents when there are some); "no data" for None."""
    amount = _decimal(value)
    if amount is None:
        return no_data()
    style = number_style()
    return style.usd.format(number=_scaled(amount, style, smallest_scale=MILLION))


@register.filter
def count(value, hint=""):
    """A count: `2.640`; for visitor statistics (`hint` an indicator key starting with
    "visitors") `17,3 triệu lượt` from a million up, `760.000 lượt` below; "no data" for None."""
    number = _decimal(value)
    if number is None:
        return no_data()
    style = number_style()
    if not str(hint).startswith("visitors"):
        return _grouped(number, 0, style)
    return style.visits.format(number=_scaled(number, style, smallest_scale=MILLION, places=0))


@register.filter
def figure(value, indicator):
    """A value of an indicator in its unit. `indicator` is an indicator key or anything with
    `key` and `unit` (a registry `Indicator`, a `StatisticKey`)."""
    if isinstance(indicator, str):
        indicator = INDICATORS_BY_KEY[indicator]
    if indicator.unit == USD:
        return usd(value)
    return count(value, indicator.key)


@register.filter
def change(value):
    """A change on the year before given as a fraction: `+12%`, `-3%`, `0%`; blank for None."""
    fraction = _decimal(value)
    if fraction is None:
        return ""
    percent = (fraction * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "+" if percent > 0 else "-" if percent < 0 else ""
    return f"{sign}{_grouped(abs(percent), 0, number_style())}%"


@register.filter
def plain(value, unit=COUNT):
    """The machine form of a value, exactly as in the CSV: `4530000000`, `0.25`, blank for None."""
    return csv_value(value, unit)


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _scaled(number, style, *, smallest_scale, places=2):
    """`number` in billions (3 significant digits) or millions (one decimal) from
    `smallest_scale` up, otherwise grouped in full with at most `places` decimals."""
    size = abs(number)
    # Scales are chosen on the rounded figure, so that 999,96 million shows as 1 billion.
    if size >= BILLION or _round(size / MILLION, 1) >= 1000:
        billions = number / BILLION
        whole_digits = len(str(int(abs(_round(billions, 2)))))
        return f"{_grouped(billions, max(0, 3 - whole_digits), style)} {style.billion}"
    if size >= smallest_scale or _round(size, places) >= smallest_scale:
        return f"{_grouped(number / MILLION, 1, style)} {style.million}"
    return _grouped(number, places, style)


def _round(number, places):
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _grouped(number, places, style):
    """`number` rounded half up to at most `places` decimals, trailing zeros dropped, its
    thousands grouped: 4,53 / 2.640 / -213,5."""
    rounded = _round(number, places)
    whole, _dot, decimals = format(abs(rounded), "f").partition(".")
    groups = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    text = style.thousands.join([whole, *groups])
    decimals = decimals.rstrip("0")
    if decimals:
        text += style.decimal + decimals
    return ("-" if rounded < 0 else "") + text
