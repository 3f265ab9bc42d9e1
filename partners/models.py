"""Partner localities abroad, international organisations and the contacts the office keeps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from danang_intl.rules import not_before_constraint, ref_field, require_not_before
from danang_intl.search import keep_search_text


class CooperationField(models.Model):
    """A field of cooperation (data contract: field codes); a reference list admins keep."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name in Vietnamese"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of cooperation")
        verbose_name_plural = _("fields of cooperation")

    def __str__(self):
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi


def active_on_q(day, prefix=""):
    """Established by `day`, not ended by then (data contract, partners_active)."""
    p = prefix
    return Q(**{f"{p}established_on__lte": day}) & (
        Q(**{f"{p}ended_on__isnull": True}) | Q(**{f"{p}ended_on__gt": day})
    )


class PartnerQuerySet(models.QuerySet):
    def localities(self):
        return self.filter(kind=Partner.Kind.LOCALITY)

    def active_on(self, day):
        """Partners whose relationship is alive on `day` (any kind; chain `.localities()`)."""
        return self.filter(active_on_q(day))


class Partner(models.Model):
    """A locality, organisation or network abroad with which the city keeps a relationship."""

    class Kind(models.TextChoices):
        LOCALITY = "locality", _("locality")
        ORGANIZATION = "organization", _("international organisation")
        NETWORK = "network", _("city network")
        ENTERPRISE = "enterprise", _("enterprise")
        UNIVERSITY = "university", _("university")
        NGO = "ngo", _("non-governmental organisation")
        DIPLOMATIC_MISSION = "diplomatic_mission", _("diplomatic mission")

    class Level(models.TextChoices):
        PROVINCE = "province", _("province or state")
        CITY = "city", _("city")
        DISTRICT = "district", _("district or county")
        OTHER = "other", _("other")

    class Relationship(models.TextChoices):
        SISTER_CITY = "sister_city", _("sister city")
        FRIENDSHIP_COOPERATION = "friendship_cooperation", _("friendship and cooperation")
        COOPERATION = "cooperation", _("cooperation")
        OTHER = "other", _("other")

    ref = ref_field()
    name = models.CharField(_("name"), max_length=200, help_text=_("In Latin script."))
    name_local = models.CharField(
        _("name in its own script"),
        max_length=200,
        blank=True,
        help_text=_("For example 대구광역시."),
    )
    name_vi = models.CharField(_("Vietnamese name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("Required for localities; blank for international bodies."),
    )
    relationship = models.CharField(
        _("relationship"), max_length=30, choices=Relationship.choices, blank=True
    )
    danang_unit = models.CharField(
        _("Da Nang-side unit"),
        max_length=200,
        blank=True,
        help_text=_(
            "Blank means the city itself; former districts and Quang Nam units stay valid."
        ),
    )
    established_on = models.DateField(
        _("established on"), null=True, blank=True, help_text=_("Blank: not yet established.")
    )
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("Blank: ongoing.")
    )
    fields = models.ManyToManyField(
        CooperationField,
        verbose_name=_("fields of cooperation"),
        blank=True,
        related_name="partners",
    )
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Names and texts without accents, for search (danang_intl/search.py)."),
    )
    history = HistoricalRecords(m2m_fields=[fields], excluded_fields=["search_text"])

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            not_before_constraint(
                later="ended_on",
                earlier="established_on",
                name="partner_ended_not_before_established",
            ),
            models.CheckConstraint(
                condition=~Q(kind="locality") | ~Q(country=""), name="partner_locality_has_country"
            ),
        ]
        indexes = [models.Index(fields=["kind", "established_on", "ended_on"])]

    def __str__(self):
        return self.name

    def save(self, **kwargs):
        super().save(**keep_search_text(self, kwargs))

    def clean(self):
        errors = {}
        if self.kind == self.Kind.LOCALITY and not self.country:
            errors["country"] = [ValidationError(_("A locality must have a country."))]
        if self.level and self.kind != self.Kind.LOCALITY:
            errors["level"] = [ValidationError(_("Only a locality has a level."))]
        require_not_before(
            errors,
            later=self.ended_on,
            earlier=self.established_on,
            field="ended_on",
            message=_("The relationship cannot end before it was established."),
        )
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, day):
        return (
            self.established_on is not None
            and self.established_on <= day
            and (self.ended_on is None or self.ended_on > day)
        )


class PartnerContact(models.Model):
    """A person the office deals with at a partner."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name
