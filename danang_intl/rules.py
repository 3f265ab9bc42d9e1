"""Validation pieces shared by every record type of the data contract."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

ref_validator = RegexValidator(
    regex=r"^[^\s;,]+$",
    message=_("A code may not contain spaces, commas or semicolons."),
)


def ref_field():
    """The record's own stable code (data contract: `ref`, unique)."""
    return models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        validators=[ref_validator],
        help_text=_("The record's own stable code, used by the import to find it again."),
    )


def require_not_before(errors, *, later, earlier, field, message):
    """Record `message` on `field` when the date `later` falls before `earlier`."""
    if later is not None and earlier is not None and later < earlier:
        errors.setdefault(field, []).append(ValidationError(message))


def not_before_constraint(*, later, earlier, name):
    """The database side of `require_not_before`: blank dates pass."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{later}__isnull": True})
        | models.Q(**{f"{earlier}__isnull": True})
        | models.Q(**{f"{later}__gte": models.F(earlier)}),
        name=name,
    )
