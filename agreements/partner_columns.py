"""What an agreement keeps from its partners: their search texts and their countries.

The agreements list filters by the partners' country, and a search finds an agreement by a word
in one of its partners' names. Both used to join every agreement to its partners: at national
scale (200,000 agreements, 40,000 links to Korean partners) that was 60–120 ms a page in
PostgreSQL, against 3–11 ms for a lookup in a column of the agreement itself with its trigram
index (docs/performance.md). The columns are refreshed by one UPDATE whenever what they copy
changes:

- a partner is saved or deleted, or an agreement's partners change (signals below, connected in
  `AgreementsConfig.ready()`);
- the import writes partners or agreements (dashboard/importer/engine.py) and `load_demo` loads
  the demo data, both in bulk, without signals.

`partner_countries` is ",KR,JP," (every code between commas, so that ",KR," matches a whole
code); `partners_search_text` the partners' `search_text` joined by spaces (a search word has
no space, so it cannot match across two partners).
"""

from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.aggregates import StringAgg
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

LINK_ACTIONS = {"post_add", "post_remove", "post_clear"}
# Between the partners' search texts, and around and between their country codes.
TEXT_SEPARATOR = " "
CODE_SEPARATOR = ","


def refresh_partner_columns(agreements, *, partner_model=None):
    """Copy the partners' search texts and countries into `agreements` (a queryset), in one
    UPDATE; returns the number of agreements refreshed. `partner_model`: a migration's."""
    if partner_model is None:
        from partners.models import Partner as partner_model

    linked = partner_model.objects.filter(agreements=OuterRef("pk")).order_by().values("agreements")
    text = TextField()
    texts = linked.annotate(text=StringAgg("search_text", Value(TEXT_SEPARATOR))).values("text")
    # No partner with a country: no row, so NULL, so "" (as the import leaves it).
    countries = (
        linked.exclude(country="")
        .annotate(
            codes=Concat(
                Value(CODE_SEPARATOR),
                StringAgg(Cast("country", text), Value(CODE_SEPARATOR)),
                Value(CODE_SEPARATOR),
                output_field=text,
            )
        )
        .values("codes")
    )
    return agreements.order_by().update(
        partners_search_text=Coalesce(Subquery(texts), Value(""), output_field=text),
        partner_countries=Coalesce(Subquery(countries), Value(""), output_field=text),
    )


def partner_country_lookup(code):
    """The value `partner_countries__contains` looks for."""
    return f"{CODE_SEPARATOR}{code}{CODE_SEPARATOR}"


def _partner_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from agreements.models import Agreement

    refresh_partner_columns(Agreement.objects.filter(partners=instance))


def _partner_deleting(sender, instance, **kwargs):
    # The links go with the partner, by cascade and without signals: note whose they were.
    instance._agreements_before_delete = list(instance.agreements.values_list("pk", flat=True))


def _partner_deleted(sender, instance, **kwargs):
    from agreements.models import Agreement

    pks = getattr(instance, "_agreements_before_delete", ())
    if pks:
        refresh_partner_columns(Agreement.objects.filter(pk__in=pks))


def _links_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    if action not in LINK_ACTIONS:
        return
    from agreements.models import Agreement

    if not reverse:
        refresh_partner_columns(Agreement.objects.filter(pk=instance.pk))
    elif action == "post_clear":
        # partner.agreements.clear(): the links are gone already; refresh_partner_columns
        # could not find these agreements through them.
        refresh_partner_columns(Agreement.objects.filter(pk__in=instance._agreements_cleared))
    else:
        refresh_partner_columns(Agreement.objects.filter(pk__in=pk_set or ()))


def _links_clearing(sender, instance, action, reverse, **kwargs):
    if action == "pre_clear" and reverse:
        instance._agreements_cleared = list(instance.agreements.values_list("pk", flat=True))


def connect_signals():
    from agreements.models import Agreement
    from partners.models import Partner

    through = Agreement.partners.through
    post_save.connect(_partner_saved, sender=Partner, dispatch_uid="agreements-partner-saved")
    pre_delete.connect(_partner_deleting, sender=Partner, dispatch_uid="agreements-partner-del")
    post_delete.connect(_partner_deleted, sender=Partner, dispatch_uid="agreements-partner-gone")
    m2m_changed.connect(_links_clearing, sender=through, dispatch_uid="agreements-links-clear")
    m2m_changed.connect(_links_changed, sender=through, dispatch_uid="agreements-links-changed")
