"""Cell parsers: turn what a spreadsheet or a CSV file holds into Python values.

Data contract, section 1: dates are ISO `YYYY-MM-DD` (an Excel date cell is fine too), lists are
separated by `;`, booleans are yes/no, true/false, 1/0 or có/không, countries are ISO 3166-1
alpha-2 codes, money uses `.` as decimal mark and no thousands separator.

Every parser takes a non-blank raw value (a str from CSV; str, int, float, bool, datetime from
openpyxl) and returns the Python value, or raises `CellError` with one or more messages.
"""

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django_countries import countries


class CellError(Exception):
    """A value that cannot be read; carries every message for the cell."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = list(messages)


def is_blank(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw):
    """The cell as a string, the way a person reading the sheet would see it."""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        # Excel stores every number as a float; a code such as 1234567890 must not become
        # "1234567890.0".
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        if raw.time() == dt.time(0):
            return raw.date().isoformat()
        return raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def text(raw):
    return as_text(raw)


def split_list(raw):
    """`;`-separated items, spaces allowed around them; blanks and repeats dropped."""
    items = []
    for item in as_text(raw).split(";"):
        item = item.strip()
        if item and item not in items:
            items.append(item)
    return items


def code_list(raw):
    """Lower-case codes (field codes), `;`-separated."""
    return [item.lower() for item in split_list(raw)]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date(raw):
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    value = as_text(raw)
    if isinstance(raw, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CellError(_("“{value}” is not a date; use YYYY-MM-DD.").format(value=value))


_TRUE_WORDS = {"yes", "true", "1", "có", "co"}
_FALSE_WORDS = {"no", "false", "0", "không", "khong"}


def boolean(raw):
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    word = as_text(raw).casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise CellError(
        _("“{value}” is not yes or no (also true/false, 1/0, có/không).").format(value=as_text(raw))
    )


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def decimal(raw):
    if isinstance(raw, bool):
        raise CellError(_("“{value}” is not a number.").format(value=as_text(raw)))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        # repr() is the shortest text that reads back as the same float: 0.1 stays 0.1
        # instead of 0.1000000000000000055511151231257827.
        value = Decimal(repr(raw))
        if not value.is_finite():
            raise CellError(_("“{value}” is not a number.").format(value=as_text(raw)))
        return value
    value = as_text(raw)
    if _NUMBER.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    if re.match(r"^[+-]?[\d.,\s]+$", value):
        raise CellError(
            _(
                "“{value}” is not a number; use . as the decimal mark and no thousands separator."
            ).format(value=value)
        )
    raise CellError(_("“{value}” is not a number.").format(value=value))


def whole_number(raw):
    try:
        value = decimal(raw)
    except CellError:
        value = None
    if value is None or value != value.to_integral_value():
        raise CellError(_("“{value}” is not a whole number.").format(value=as_text(raw)))
    return int(value)


def year(raw):
    try:
        value = whole_number(raw)
    except CellError:
        value = None
    if value is None or not 1000 <= value <= 9999:
        raise CellError(_("“{value}” is not a year of four digits.").format(value=as_text(raw)))
    return value


@functools.cache
def country_codes():
    # The same list CountryField validates against (COUNTRIES_OVERRIDE and all).
    return frozenset(dict(countries))


def _check_countries(codes):
    known = country_codes()
    bad = [code for code in codes if code not in known]
    if bad:
        raise CellError(
            *(
                _("“{code}” is not an ISO 3166-1 alpha-2 country code.").format(code=code)
                for code in bad
            )
        )
    return codes


def country(raw):
    return _check_countries([as_text(raw).upper()])[0]


def country_list(raw):
    return _check_countries([code.upper() for code in split_list(raw)])


def choice(values):
    """A parser accepting one of `values` (any case)."""
    allowed = tuple(values)
    allowed_set = frozenset(allowed)

    def parse(raw):
        value = as_text(raw).lower()
        if value in allowed_set:
            return value
        raise CellError(
            _("“{value}” is not one of: {choices}.").format(
                value=as_text(raw), choices=", ".join(allowed)
            )
        )

    return parse


def normalise_label(label):
    """A column or sheet label reduced for matching: case, accents, spaces and signs ignored.

    "Ngày ký", "ngay ky" and "NGAY_KY" all become "ngayky"; đ has no decomposition in Unicode,
    so it is mapped to d by hand.
    """
    decomposed = unicodedata.normalize("NFKD", as_text(label).casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))
