"""Search that finds a record whatever the script or the accents ("Đà Nẵng" from "da nang").

Every searchable record keeps a `search_text` column: its names and texts, normalised by
`normalise`. A query is normalised the same way and every one of its words must be contained
in that column (`search_q`). The same plain `LIKE '%word%'` runs on SQLite and PostgreSQL, with
no collation, extension or database function to differ between them.

`save()` fills the column; the import and the demo loader write in bulk, skip `save()`, and
call `search_text_for` themselves.
"""

import functools
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country, CountryField, MultipleCountriesDescriptor

# Letters that carry their mark in the letter itself: NFKD leaves them whole.
_WHOLE_LETTERS = {"đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"}

# The text each record type is searched by (model label -> attribute names). Names in every
# script, the Vietnamese names and the notes that carry other spellings ("Genoa" for Genova).
SEARCHED_ATTRIBUTES = {
    "partners.Partner": ("ref", "name", "name_local", "name_vi", "danang_unit", "country", "notes"),
    "agreements.Agreement": (
        "ref",
        "title",
        "danang_signatory",
        "responsible_unit",
        "signed_at",
        "summary",
    ),
    "delegations.Delegation": (
        "ref",
        "title",
        "head_name",
        "head_title",
        "host_unit",
        "countries",
        "outcome",
    ),
    "delegations.HostedEvent": ("ref", "name", "countries"),
    "investment.FdiProject": ("ref", "name", "investor", "investor_country", "location"),
}

# More words than this in one query is not a search anyone types; the form says so.
MAX_QUERY_WORDS = 10
MAX_QUERY_LENGTH = 200


def normalise(text):
    """Text as it is compared: NFKD without combining marks, đ as d, casefolded, single spaces.

    Only the marks on Latin letters go (Vietnamese tones, é, ü): the signs of Lao, Thai or
    Japanese kana are part of the letter. Everything is composed again (NFC), so Hangul stays
    in syllables and "대구" is a substring of "대구광역시".
    """
    text = str(text)
    if text.isascii():
        # Most names and codes: nothing to decompose, and casefold is lower.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", _replace_whole_letters(text))
    kept = _drop_marks_on_latin(decomposed)
    folded = _replace_whole_letters(unicodedata.normalize("NFC", kept).casefold())
    return " ".join(folded.split())


def _is_latin(ch):
    # Basic Latin to Latin Extended-B, and Latin Extended Additional (the Vietnamese letters).
    return ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _drop_marks_on_latin(decomposed):
    if _LATIN_WITH_MARKS.fullmatch(decomposed):
        # Latin letters with the common marks, as nearly every name is: every mark follows a
        # Latin letter, so all of them go, in one pass in C.
        return _COMMON_MARKS.sub("", decomposed)
    kept, after_latin = [], False
    for ch in decomposed:
        if unicodedata.combining(ch):
            if after_latin:
                continue
        else:
            after_latin = _is_latin(ch)
        kept.append(ch)
    return "".join(kept)


_LATIN_WITH_MARKS = re.compile("[\x00-\u024f\u1e00-\u1eff][\x00-\u024f\u1e00-\u1eff\u0300-\u036f]*")
_COMMON_MARKS = re.compile("[\u0300-\u036f]+")


def _replace_whole_letters(text):
    # str.replace rather than str.translate: translate looks every character up in a dict,
    # ten times slower on Vietnamese text.
    for letter, plain in _WHOLE_LETTERS.items():
        if letter in text:
            text = text.replace(letter, plain)
    return text


def search_words(query):
    """The distinct normalised words of a query, in their order."""
    return list(dict.fromkeys(normalise(query or "").split()))


def search_text_for(instance):
    """The `search_text` of a record of one of the SEARCHED_ATTRIBUTES models.

    Countries count with their names in every language of the site, so "Hàn Quốc" and "Korea"
    find a Korean partner. A missing attribute is skipped: the data migrations run this on
    historical models, which may lack a field added later.
    """
    parts = []
    for attribute in SEARCHED_ATTRIBUTES[instance._meta.label]:
        codes = _country_codes(instance, attribute)
        if codes is not None:
            for code in codes:
                parts.extend(_country_names(code))
            continue
        value = getattr(instance, attribute, None)
        if isinstance(value, Country):
            parts.extend(_country_names(value.code))
        elif isinstance(value, MultipleCountriesDescriptor | list | tuple):
            for country in value:
                parts.extend(_country_names(getattr(country, "code", country)))
        elif value:
            parts.append(str(value))
    return normalise(" ".join(parts))


def _country_codes(instance, attribute):
    """The codes of a country field as its attribute keeps them (cleaned: upper case, sorted and
    unique), or None for any other attribute. Reading them through the attribute would build a
    Country object per code, most of the cost of a search text."""
    field = _country_field(type(instance), attribute)
    if field is None or field.name not in instance.__dict__:
        return None
    value = instance.__dict__[field.name]
    if not value:
        return ()
    if isinstance(value, str):
        return value.split(",") if field.multiple else (value,)
    if isinstance(value, list | tuple):
        return [getattr(code, "code", code) for code in value]
    return None


@functools.cache
def _country_field(model, attribute):
    try:
        field = model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, CountryField) else None


@functools.cache
def _country_names(code):
    if not code:
        return ()
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return tuple(dict.fromkeys(names))


def search_q(query, *, model=None, related=(), columns=("search_text",)):
    """Rows (of `model`) whose search_text contains every word of `query`.

    `columns`: the row's text columns a word may be found in (an agreement also keeps its
    partners' search texts, agreements/partner_columns.py). `related` lists (queryset, lookup
    to the outer row) of linked searchable records: a word may also be found in one of them, so
    "대구" finds the delegations that visited Daegu. Then each word is `pk IN (own matches UNION
    the linked records' matches)`: a row never comes twice, and on PostgreSQL both halves use
    the trigram indexes of search_text. (An `OR EXISTS` would read the whole table: a second on
    a million delegations.)
    """
    condition = Q()
    for word in search_words(query):
        own = Q()
        for column in columns:
            own |= Q(**{f"{column}__contains": word})
        if not related:
            condition &= own
            continue
        matches = model._default_manager.filter(own).values("pk")
        for queryset, lookup in related:
            matches = matches.union(queryset.filter(search_text__contains=word).values(lookup))
        condition &= Q(pk__in=matches)
    return condition


def keep_search_text(instance, save_kwargs):
    """Fill `instance.search_text` before a save; returns the save()'s keyword arguments, with
    search_text added to `update_fields` when the caller saves only some fields."""
    instance.search_text = search_text_for(instance)
    update_fields = save_kwargs.get("update_fields")
    if update_fields:
        save_kwargs = {**save_kwargs, "update_fields": {*update_fields, "search_text"}}
    return save_kwargs


def fill_search_text(model, *, batch_size=500):
    """Set `search_text` on every saved row of `model`, in batches (the data migrations).

    `model` may be a migration's historical model: only its attributes are read.
    """
    batch = []
    for instance in model._default_manager.order_by("pk").iterator(chunk_size=batch_size):
        instance.search_text = search_text_for(instance)
        batch.append(instance)
        if len(batch) >= batch_size:
            model._default_manager.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        model._default_manager.bulk_update(batch, ["search_text"])
