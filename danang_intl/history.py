"""A record's history as its page shows it: when, who, what kind of change, which fields.

django-simple-history keeps one history row per save of a record: admin saves carry the
signed-in user (HistoryRequestMiddleware), imports the importing user and "Import of FILE" as
the reason (dashboard/importer/staging.py). `record_history` reads the latest rows and tells what
each change did, field by field, old → new; `RecordHistoryMixin` puts it on a detail page,
which shows it with templates/lists/_history.html.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from django.db.models import ForeignKey
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import Country

from danang_intl.lists import display_value

# The changes a page lists, newest first; the admin's history page has them all.
HISTORY_SHOWN = 50

# Context "record history": "changed" here is not the "updated" of the import's counts.
KIND_LABELS = {
    "+": pgettext_lazy("record history", "created"),
    "~": pgettext_lazy("record history", "changed"),
    "-": pgettext_lazy("record history", "deleted"),
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One history row: when, who (the user's name, "" when unknown), why (the reason simple-
    history recorded, such as "Import of FILE"), the kind of change and, for a change, the
    fields it changed."""

    when: datetime
    who: str
    reason: str
    history_type: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind(self):
        return KIND_LABELS.get(self.history_type, self.history_type)


@dataclass(frozen=True)
class RecordHistory:
    entries: list[HistoryEntry]
    total: int
    admin_url: str

    @property
    def truncated(self):
        return self.total > len(self.entries)


def record_history(record, *, limit=HISTORY_SHOWN):
    """The latest `limit` history entries of `record`, newest first, with what each changed.

    The same queries whatever the number of changes: the history rows with their users, one
    more than shown so that the oldest shown has its predecessor to differ from; for the kinds
    with many-to-many history (a partner's fields of cooperation, an agreement's partners...),
    one per such field, only when a change is shown; one per kind of record that a changed
    foreign key or link names, for their names; the count, only when there are more rows than
    shown.
    """
    history = record.history
    rows = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    total = len(rows) if len(rows) <= limit else history.count()
    pairs = [
        (row, rows[index + 1] if index + 1 < len(rows) else None)
        for index, row in enumerate(rows[:limit])
    ]
    # The rows fetched are the rows shown and, when there are more, the predecessor of the last.
    differ = _Differ(history.model, rows if len(rows) > 1 else [])
    raw_changes = [
        differ.changes(row, older) if row.history_type == "~" and older is not None else []
        for row, older in pairs
    ]
    names = differ.names_of_related(raw_changes)
    entries = [
        HistoryEntry(
            when=row.history_date,
            who=_user_name(row.history_user),
            reason=row.history_change_reason or "",
            history_type=row.history_type,
            changes=[
                FieldChange(
                    label, differ.display(name, old, names), differ.display(name, new, names)
                )
                for name, label, old, new in changes
            ],
        )
        for (row, _older), changes in zip(pairs, raw_changes, strict=True)
    ]
    meta = record._meta
    admin_url = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[record.pk])
    return RecordHistory(entries=entries, total=total, admin_url=admin_url)


class RecordHistoryMixin:
    """Adds `history` (`record_history` of the page's record) to a detail view's context."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("history", record_history(self.object))
        return super().get_context_data(**kwargs)


def _user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class _Differ:
    """Field-by-field differences between consecutive history rows of one kind of record."""

    def __init__(self, history_model, rows):
        self.history_model = history_model
        self.m2m_fields = {f.name: f for f in getattr(history_model, "_history_m2m_fields", ())}
        self.order = {f.name: index for index, f in enumerate(history_model.tracked_fields)}
        self.order.update({name: len(self.order) + i for i, name in enumerate(self.m2m_fields)})
        self.links = self._load_links(rows)

    def _load_links(self, rows):
        """{m2m field name: {history id: set of linked pks}} of `rows`, one query per
        many-to-many field, none when no row is a change."""
        if not self.m2m_fields or not any(row.history_type == "~" for row in rows):
            return {}
        history_ids = [row.history_id for row in rows]
        links = {}
        for name, m2m_field in self.m2m_fields.items():
            through = getattr(self.history_model, name).model
            target = through._meta.get_field(m2m_field.m2m_reverse_field_name()).attname
            by_row = links[name] = {}
            linked = through.objects.filter(history_id__in=history_ids).values_list(
                "history_id", target
            )
            for history_id, pk in linked:
                by_row.setdefault(history_id, set()).add(pk)
        return links

    def changes(self, row, older):
        """[(field name, label, old value, new value)] in the model's field order."""
        delta = row.diff_against(older, excluded_fields=self.m2m_fields)
        found = [
            (change.field, self._label(change.field), change.old, change.new)
            for change in delta.changes
        ]
        for name, m2m_field in self.m2m_fields.items():
            links = self.links.get(name, {})
            old, new = links.get(older.history_id, set()), links.get(row.history_id, set())
            if old != new:
                found.append((name, m2m_field.verbose_name, sorted(old), sorted(new)))
        found.sort(key=lambda change: self.order.get(change[0], len(self.order)))
        return found

    def _label(self, name):
        return self.history_model._meta.get_field(name).verbose_name

    def _related_model(self, name):
        if name in self.m2m_fields:
            return self.m2m_fields[name].related_model
        model_field = self.history_model._meta.get_field(name)
        return model_field.related_model if isinstance(model_field, ForeignKey) else None

    def names_of_related(self, raw_changes):
        """{model: {pk: name}} of the records that changed foreign keys and links name."""
        wanted = {}
        for changes in raw_changes:
            for name, _label, old, new in changes:
                model = self._related_model(name)
                if model is None:
                    continue
                for value in (old, new):
                    values = value if isinstance(value, list) else [value]
                    wanted.setdefault(model, set()).update(v for v in values if v is not None)
        return {
            model: {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=pks)}
            for model, pks in wanted.items()
            if pks
        }

    def display(self, name, value, names):
        """A value as the page shows it: names for records, labels for choices, "—" for none."""
        if isinstance(value, FieldFile):
            return PurePath(value.name).name if value else "—"
        # Lists: linked pks, and django-countries' own list-like type for several countries.
        values = list(value) if _is_list(value) else [value]
        if value is None or value == "" or not values:
            return "—"
        model = self._related_model(name)
        if model is not None:
            return ", ".join(
                sorted(
                    names.get(model, {}).get(pk) or _("#{pk} (deleted)").format(pk=pk)
                    for pk in values
                )
            )
        if all(isinstance(v, Country) for v in values):
            return ", ".join(str(v.name) for v in values)
        model_field = self.history_model._meta.get_field(name)
        if model_field.choices:
            labels = dict(model_field.flatchoices)
            return ", ".join(str(labels.get(v, v)) for v in values)
        return display_value(value) or "—"


def _is_list(value):
    return not isinstance(value, str | bytes | dict) and hasattr(value, "__iter__")
