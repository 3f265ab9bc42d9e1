"""The write step of the import: bulk inserts and updates, links, and the records' history.

Runs inside the import's transaction, sheet by sheet in dependency order, once the whole workbook
has been validated. A row whose key is saved already updates that record, and only when a value
or a link differs: importing the same file twice changes nothing the second time (data contract,
section 1).

Bulk operations skip `save()` and the signals, so django-simple-history would not see the
import; the history rows (and their snapshots of many-to-many links) are copied here by the
database from the records just written, with the importing user and the file name as the reason.

Inserts go through `bulk.insert_rows` (COPY on PostgreSQL, a multi-row INSERT returning the new
keys on SQLite): many times faster than `bulk_create` (see bulk.py).
"""

import itertools
from collections import defaultdict

from django.conf import settings

from danang_intl.search import SEARCHED_ATTRIBUTES, search_text_for
from dashboard.cache import bump_data_version
from dashboard.importer.bulk import (
    can_insert_returning,
    copy_history,
    copy_link_history,
    insert_instances,
    insert_rows,
)
from dashboard.importer.problems import SheetCounts

# Values per `__in` lookup: below SQLite's oldest limit of 999 bound parameters.
LOOKUP_CHUNK = 900
# Rows per INSERT or UPDATE statement; Django lowers it further where SQLite needs.
BATCH_SIZE = 500
# The database columns that find a row's record again, per key column of the sheet.
KEY_ATTNAMES = {
    ("ref",): ("ref",),
    ("project_ref", "changed_on"): ("project_id", "changed_on"),
    ("indicator", "year"): ("indicator", "year"),
}


def chunks(items, size=LOOKUP_CHUNK):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _through_fields(m2m_field):
    """The through model of a many-to-many field, with the fields of its two sides."""
    through = m2m_field.remote_field.through
    source = through._meta.get_field(m2m_field.m2m_field_name())
    target = through._meta.get_field(m2m_field.m2m_reverse_field_name())
    return through, source, target


class SheetWriter:
    def __init__(self, run, state):
        self.run = run
        self.state = state
        self.sheet = state.sheet
        self.model = state.sheet.model
        present = set(state.present)
        self.foreign_keys = [r for r in self.sheet.references if not r.many and r.column in present]
        self.many_to_many = [r for r in self.sheet.references if r.many and r.column in present]

    def write(self):
        rows = self.state.rows
        new_rows = [row for row in rows if row.before is None]

        deferred = self.set_foreign_keys(rows)
        self.insert([row.instance for row in new_rows])
        if self.sheet.key_columns == ("ref",):
            self.run.pks[self.sheet.key].update((row.key[0], row.instance.pk) for row in rows)
        self.resolve_deferred(deferred)

        changed = self.update_changed(rows)
        for reference in self.many_to_many:
            changed |= self.set_links(reference, rows)

        updated_rows = [row for row in rows if row.before is not None and row.number in changed]
        self.record_history(new_rows, updated_rows)
        # Bulk writes send no model signals: the dashboard's cached figures are told here.
        bump_data_version()
        return SheetCounts(
            created=len(new_rows),
            updated=len(updated_rows),
            unchanged=len(rows) - len(new_rows) - len(updated_rows),
        )

    # -- foreign keys --------------------------------------------------------------------------

    def set_foreign_keys(self, rows):
        """Point each row at the records it names; those new in this sheet come after insert."""
        deferred = []
        for reference in self.foreign_keys:
            attname = self.model._meta.get_field(reference.field).attname
            targets = self.run.pks[reference.target]
            for row in rows:
                named = row.references.get(reference.column)
                pk = targets.get(named) if named else None
                if named and pk is None:
                    # An agreement renewing another agreement that is new in this file.
                    deferred.append((row, attname, targets, named))
                    if row.before is None:
                        setattr(row.instance, attname, None)
                    continue
                setattr(row.instance, attname, pk)
        return deferred

    def resolve_deferred(self, deferred):
        fixed = {}
        for row, attname, targets, named in deferred:
            setattr(row.instance, attname, targets[named])
            if row.before is None:
                fixed.setdefault(attname, []).append(row.instance)
        for attname, instances in fixed.items():
            name = next(f.name for f in self.model._meta.fields if f.attname == attname)
            self.model.objects.bulk_update(instances, [name], batch_size=BATCH_SIZE)

    def insert(self, instances):
        self.fill_search_text(instances)
        if can_insert_returning():
            insert_instances(self.model, instances)
            return
        self.model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
        if any(instance.pk is None for instance in instances):
            self.fetch_pks(instances)

    def fetch_pks(self, instances):
        """Primary keys of new records, for databases whose bulk insert does not return them."""
        attnames = KEY_ATTNAMES[self.sheet.key_columns]
        by_key = {tuple(getattr(obj, a) for a in attnames): obj for obj in instances}
        first_values = {key[0] for key in by_key}
        for batch in chunks(first_values):
            saved = self.model.objects.filter(**{f"{attnames[0]}__in": batch})
            for pk, *key in saved.values_list("pk", *attnames):
                instance = by_key.get(tuple(key))
                if instance is not None:
                    instance.pk = pk

    # -- values and links ----------------------------------------------------------------------

    def update_changed(self, rows):
        """Save the saved records whose values differ; returns their row numbers."""
        fields = self.run.compared_fields(self.state)
        changed_rows, changed_fields = [], set()
        for row in rows:
            if row.before is None:
                continue
            differing = [
                f.name
                for f in fields
                if f.get_prep_value(getattr(row.instance, f.attname)) != row.before[f.attname]
            ]
            if differing:
                changed_rows.append(row)
                changed_fields.update(differing)
        if changed_rows:
            instances = [row.instance for row in changed_rows]
            if self.fill_search_text(instances):
                changed_fields.add("search_text")
            self.model.objects.bulk_update(instances, sorted(changed_fields), batch_size=BATCH_SIZE)
        return {row.number for row in changed_rows}

    def fill_search_text(self, instances):
        """Bulk writes skip save(), which keeps a record's search text; fill it here.

        Returns whether this sheet's records have one.
        """
        if self.model._meta.label not in SEARCHED_ATTRIBUTES:
            return False
        for instance in instances:
            instance.search_text = search_text_for(instance)
        return True

    def set_links(self, reference, rows):
        """Make the links of `reference` what the file says; returns the numbers of rows changed.

        Only the difference is written: removed links are deleted by the through table's own id,
        new ones inserted in bulk.
        """
        m2m_field = self.model._meta.get_field(reference.field)
        through, source_field, target_field = _through_fields(m2m_field)
        source, target = source_field.attname, target_field.attname
        targets = self.run.pks[reference.target]

        current = defaultdict(dict)
        saved_pks = [row.instance.pk for row in rows if row.before is not None]
        for batch in chunks(saved_pks):
            links = through.objects.filter(**{f"{source}__in": batch})
            for link_id, source_pk, target_pk in links.values_list("pk", source, target):
                current[source_pk][target_pk] = link_id

        changed, to_delete, to_insert = set(), [], []
        for row in rows:
            pk = row.instance.pk
            wanted = {targets[name] for name in row.references.get(reference.column) or ()}
            have = current.get(pk, {})
            if wanted == have.keys():
                continue
            changed.add(row.number)
            to_delete.extend(
                link_id for target_pk, link_id in have.items() if target_pk not in wanted
            )
            to_insert.extend((pk, target_pk) for target_pk in sorted(wanted - have.keys()))
        for batch in chunks(to_delete):
            through.objects.filter(pk__in=batch).delete()
        if can_insert_returning():
            insert_rows(through, [source_field, target_field], to_insert)
        else:
            through.objects.bulk_create(
                [through(**{source: s, target: t}) for s, t in to_insert], batch_size=BATCH_SIZE
            )
        return changed

    # -- history -------------------------------------------------------------------------------

    def record_history(self, new_rows, updated_rows):
        """One history row per record created ("+") or updated ("~"), then its links.

        The database copies each history row from the record just written, with the importing
        user and the file name as the reason, as django-simple-history would on save().
        """
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        history_model = self.model.history.model
        created = []
        for rows, history_type in ((new_rows, "+"), (updated_rows, "~")):
            if not rows:
                continue
            values = {
                "history_date": self.run.started_at,
                "history_change_reason": self.run.reason[:100],
                "history_type": history_type,
                "history_user": self.run.user.pk if self.run.user is not None else None,
            }
            pks = [row.instance.pk for row in rows]
            created += copy_history(self.model, history_model, pks, values=values)
        for m2m_field in getattr(history_model, "_history_m2m_fields", ()):
            through, source_field, target_field = _through_fields(m2m_field)
            copy_link_history(
                getattr(history_model, m2m_field.name).model,
                through,
                source_field,
                target_field,
                [history_id for history_id, _pk in created],
                history_model=history_model,
            )
