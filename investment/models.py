"""FDI projects with their registration certificates, capital changes and contributions."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from danang_intl.rules import not_before_constraint, ref_field, require_not_before
from danang_intl.search import keep_search_text


def money_field(verbose_name, **kwargs):
    """USD with cents; 16 digits hold any project the country has seen."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, **kwargs)


def valid_on_q(day, prefix=""):
    """Certified by `day` and not terminated by then (data contract, fdi_projects_valid)."""
    p = prefix
    return Q(**{f"{p}certified_on__lte": day}) & (
        Q(**{f"{p}terminated_on__isnull": True}) | Q(**{f"{p}terminated_on__gt": day})
    )


class FdiProjectQuerySet(models.QuerySet):
    def certified_in(self, year):
        return self.filter(certified_on__year=year)

    def valid_on(self, day):
        return self.filter(valid_on_q(day))


class FdiProject(models.Model):
    """A foreign direct investment project with its investment registration certificate (IRC)."""

    class Sector(models.TextChoices):
        MANUFACTURING = "manufacturing", _("manufacturing")
        INFORMATION_TECHNOLOGY = "information_technology", _("information technology")
        SEMICONDUCTORS = "semiconductors", _("semiconductors")
        REAL_ESTATE = "real_estate", _("real estate")
        TOURISM_HOSPITALITY = "tourism_hospitality", _("tourism and hospitality")
        LOGISTICS = "logistics", _("logistics")
        FINANCE_BANKING = "finance_banking", _("finance and banking")
        EDUCATION = "education", _("education")
        HEALTHCARE = "healthcare", _("healthcare")
        TRADE_SERVICES = "trade_services", _("trade and services")
        AGRICULTURE = "agriculture", _("agriculture")
        ENERGY = "energy", _("energy")
        OTHER = "other", _("other")

    ref = ref_field()
    name = models.CharField(_("project name"), max_length=300)
    investor = models.CharField(_("investor"), max_length=300)
    investor_country = CountryField(_("investor's country"))
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Industrial park, hi-tech park or ward."),
    )
    certified_on = models.DateField(_("certified on"), help_text=_("Issue date of the IRC."))
    registered_capital_usd = money_field(
        _("registered capital (USD)"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Capital at certification."),
    )
    terminated_on = models.DateField(
        _("terminated on"),
        null=True,
        blank=True,
        help_text=_("Date the project was terminated or its IRC revoked."),
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Names and texts without accents, for search (danang_intl/search.py)."),
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = FdiProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-certified_on", "ref"]
        verbose_name = _("FDI project")
        verbose_name_plural = _("FDI projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(registered_capital_usd__gte=0), name="fdi_project_capital_not_negative"
            ),
            not_before_constraint(
                later="terminated_on",
                earlier="certified_on",
                name="fdi_project_terminated_not_before_certified",
            ),
        ]
        indexes = [
            models.Index(fields=["certified_on"]),
            models.Index(fields=["investor_country"]),
            models.Index(fields=["sector"]),
        ]

    def __str__(self):
        return f"{self.ref} · {self.name}"

    def save(self, **kwargs):
        super().save(**keep_search_text(self, kwargs))

    def clean(self):
        errors = {}
        require_not_before(
            errors,
            later=self.terminated_on,
            earlier=self.certified_on,
            field="terminated_on",
            message=_("A project cannot be terminated before it is certified."),
        )
        if (
            self.pk is not None
            and self.certified_on is not None
            and self.capital_changes.filter(changed_on__lt=self.certified_on).exists()
        ):
            errors.setdefault("certified_on", []).append(
                ValidationError(_("The project has capital changes dated before this day."))
            )
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day):
        return self.certified_on <= day and (self.terminated_on is None or self.terminated_on > day)


class CapitalChange(models.Model):
    """Capital added to (or taken from) a project after certification (điều chỉnh vốn)."""

    project = models.ForeignKey(
        FdiProject,
        on_delete=models.CASCADE,
        related_name="capital_changes",
        verbose_name=_("project"),
    )
    changed_on = models.DateField(_("changed on"))
    amount_usd = money_field(
        _("amount (USD)"), help_text=_("Positive adds capital, negative reduces it.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "changed_on"]
        verbose_name = _("capital change")
        verbose_name_plural = _("capital changes")
        constraints = [
            # The import has no code for a capital change; (project, date) is how a second import
            # of the same row finds it again instead of adding it twice.
            models.UniqueConstraint(
                fields=["project", "changed_on"], name="capital_change_once_a_day"
            ),
        ]
        indexes = [models.Index(fields=["changed_on"])]

    def __str__(self):
        # No project lookup: a list of changes stays one query; history outlives a deleted project.
        return f"{self.changed_on:%Y-%m-%d} · {self.amount_usd:+,.2f} USD"

    def clean(self):
        errors = {}
        project = self.project if self.project_id else None
        if project is not None:
            require_not_before(
                errors,
                later=self.changed_on,
                earlier=project.certified_on,
                field="changed_on",
                message=_("Capital cannot change before the project is certified."),
            )
        if errors:
            raise ValidationError(errors)


class CapitalContribution(models.Model):
    """A capital contribution or share purchase by a foreign investor (góp vốn, mua cổ phần)."""

    ref = ref_field()
    investor = models.CharField(_("investor"), max_length=300)
    investor_country = CountryField(_("investor's country"))
    company = models.CharField(_("company invested in"), max_length=300)
    contributed_on = models.DateField(_("contributed on"))
    amount_usd = money_field(_("amount (USD)"), validators=[MinValueValidator(Decimal("0.01"))])
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contributed_on", "ref"]
        verbose_name = _("capital contribution")
        verbose_name_plural = _("capital contributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_usd__gt=0), name="contribution_amount_positive"
            ),
        ]
        indexes = [models.Index(fields=["contributed_on"])]

    def __str__(self):
        return f"{self.ref} · {self.investor}"
