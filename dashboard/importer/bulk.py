"""Record values as the import's staging tables take them (staging.py).

On PostgreSQL the rows go in with `COPY ... FROM STDIN`, the fastest way in: the values of the
plain field types are written as COPY text directly, any other through its field's
`get_db_prep_save`. `QuerySet.bulk_create` would compile every value through the generic insert
compiler (expressions, placeholders, parameter hooks): about 5 µs a value, while the database
itself takes a tenth of that.
"""

import datetime

from django.db import models
from django_countries.fields import CountryField

# Backslash first, so the escapes' own backslashes are not doubled.
_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))
# Field classes whose Python value is written as it is (exact classes: a subclass such as a
# country field keeps its own conversion).
_TEXT_FIELDS = {models.CharField, models.TextField, models.SlugField, models.EmailField}
_PLAIN_FIELDS = {
    models.DateField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.BooleanField,
    models.ForeignKey,
}


def copy_formatter(field, connection):
    """A function from a field's Python value to its text in COPY's text format."""
    kind = type(field)
    if kind in _TEXT_FIELDS:
        return copy_text
    if kind in _PLAIN_FIELDS:
        return copy_plain
    prepare = field.get_db_prep_save

    def formatted(value):
        return copy_plain(prepare(value, connection))

    return formatted


def copy_text(value):
    if value is None:
        return "\\N"
    return _escape(str(value))


def _escape(text):
    # str.replace rather than str.translate: translate looks up every character in a dict,
    # ten times slower on Vietnamese text.
    for special, escaped in _COPY_ESCAPES:
        if special in text:
            text = text.replace(special, escaped)
    return text


def copy_plain(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _escape(value)
    return str(value)


def record_values(fields, instance):
    """The values of `fields` of an unsaved `instance`, as an INSERT of it would write them."""
    values = []
    saved = instance.__dict__
    for field in fields:
        attname = field.attname
        if attname in saved and type(field).pre_save is models.Field.pre_save:
            values.append(saved[attname])
        elif attname in saved and type(field) is CountryField:
            # The field's attribute keeps its value cleaned (codes, sorted and unique): what
            # pre_save would give, without cleaning it twice more.
            value = saved[attname]
            values.append((",".join(value) if value else "") if field.multiple else value)
        else:
            values.append(field.pre_save(instance, True))
    return values
