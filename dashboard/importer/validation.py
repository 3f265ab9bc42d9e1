"""The model's own rules for one row of a sheet, as `Model.full_clean` would apply them.

`full_clean` costs about 20 µs a row, most of the checking of a large file: for every field it
converts the value (`to_python`), checks it is not blank and runs its validators, each through
several calls. The parsers (values.py) already give every cell its Python type, so for a value of
exactly the field's type the conversion is the identity, and what is left is the validators:
`SheetRules` runs those directly, a length limit as a comparison. Any value that fails, or is not
of the plain type, goes through the field's own `clean()`, so the messages are Django's.
"""

import datetime
import inspect
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.base import ModelState

# Field classes (exactly) whose `to_python` returns a value of this type unchanged.
_PLAIN_TYPES = {
    models.CharField: str,
    models.TextField: str,
    models.DateField: datetime.date,
    models.BooleanField: bool,
    models.IntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.SmallIntegerField: int,
    models.DecimalField: Decimal,
}


class FieldRule:
    __slots__ = (
        "field",
        "name",
        "attname",
        "blank",
        "empty_values",
        "plain_type",
        "limit",
        "others",
    )

    def __init__(self, field):
        self.field = field
        self.name = field.name
        self.attname = field.attname
        self.blank = field.blank
        self.empty_values = field.empty_values
        self.plain_type = _PLAIN_TYPES.get(type(field))
        validators = field.validators
        self.limit = next(
            (v.limit_value for v in validators if type(v) is MaxLengthValidator), None
        )
        self.others = [v for v in validators if type(v) is not MaxLengthValidator]

    def passes_plainly(self, value):
        """Whether the value is of the field's plain type and passes its validators; False means
        only that the field's own clean() must decide."""
        if type(value) is not self.plain_type:
            return False
        if self.plain_type is str:
            if not value or (self.limit is not None and len(value) > self.limit):
                return False
        elif self.plain_type is Decimal and not value.is_finite():
            return False
        try:
            for validator in self.others:
                validator(value)
        except ValidationError:
            return False
        return True


class SheetRules:
    """The model rules of one sheet: field validators and `clean()`, mapped to column keys.

    Left out: uniqueness and database constraints (each costs a query per row; the import
    matches rows to saved records by key instead), fields whose cell already failed to parse,
    foreign keys (the records they name may not be saved yet; the import checks them), and
    fields with choices: the parsers checked them against the same lists, and Django's check
    walks the whole list (250 countries) for every value.
    """

    def __init__(self, sheet):
        model = sheet.model
        meta = model._meta
        self.model = model
        column_of = {
            column.model_field: column.key for column in sheet.columns if column.model_field
        }
        foreign_keys = {r.field: r.column for r in sheet.references if not r.many}
        column_of.update(foreign_keys)
        self.column_of = column_of
        self.fk_attnames = [meta.get_field(name).attname for name in foreign_keys]
        self.fields = [
            FieldRule(field)
            for field in meta.concrete_fields
            if not field.generated
            and field.name not in foreign_keys
            and not (field.name in column_of and field.choices)
        ]
        # A new record is built without Model.__init__ (signals, a setattr per field): its
        # fields' defaults, set once, then the row's values. Only for models whose defaults are
        # constants and that nothing listens to at creation; others go through __init__.
        plain = not any(
            field.has_default() and callable(field.default) for field in meta.concrete_fields
        ) and not (
            models.signals.pre_init.has_listeners(model)
            or models.signals.post_init.has_listeners(model)
        )
        self.defaults = self.set_defaults = None
        if plain:
            defaults = {field.attname: field.get_default() for field in meta.concrete_fields}
            # Fields whose attribute converts what it is given (countries, files) get their
            # default through it, as __init__ would give it.
            self.set_defaults = [
                (attname, defaults.pop(attname))
                for attname in list(defaults)
                if hasattr(type(inspect.getattr_static(model, attname, None)), "__set__")
            ]
            self.defaults = defaults

    def new_instance(self, values):
        """An unsaved record with `values` (model field name -> value) and defaults elsewhere."""
        if self.defaults is None:
            return self.model(**values)
        instance = self.model.__new__(self.model)
        instance._state = ModelState()
        instance.__dict__.update(self.defaults)
        for attname, value in self.set_defaults:
            setattr(instance, attname, value)
        for name, value in values.items():
            setattr(instance, name, value)
        return instance

    def check(self, instance, errors):
        """Add the model's complaints about `instance` to `errors` (column key -> messages),
        except on columns that already have one."""
        excluded = {name for name, key in self.column_of.items() if key in errors}
        # The primary key and foreign keys are blanked while clean() runs: for a saved record,
        # Agreement.clean walks the renewal chain, FdiProject.clean looks for earlier capital
        # changes and CapitalChange.clean fetches the project, a query per row each, against
        # the database as it was before this file. The import checks these rules over the
        # whole file at once, with the file's values (engine.check_across_rows).
        saved_fks = [(attname, getattr(instance, attname)) for attname in self.fk_attnames]
        saved_pk = instance.pk
        instance.pk = None
        for attname, _value in saved_fks:
            setattr(instance, attname, None)
        found = {}
        try:
            for rule in self.fields:
                if rule.name in excluded:
                    continue
                value = getattr(instance, rule.attname)
                if rule.blank and value in rule.empty_values:
                    continue
                if rule.plain_type is not None and rule.passes_plainly(value):
                    continue
                try:
                    setattr(instance, rule.attname, rule.field.clean(value, instance))
                except ValidationError as error:
                    found[rule.name] = error.error_list
            try:
                instance.clean()
            except ValidationError as error:
                found = error.update_error_dict(found)
        finally:
            instance.pk = saved_pk
            for attname, value in saved_fks:
                setattr(instance, attname, value)
        if not found:
            return
        for name, messages in ValidationError(found).message_dict.items():
            column = "" if name == NON_FIELD_ERRORS else self.column_of.get(name, name)
            if column in errors:
                continue
            errors.setdefault(column, []).extend(messages)
