"""Delegations the city receives and sends, and the international events it hosts."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from danang_intl.rules import not_before_constraint, ref_field, require_not_before
from danang_intl.search import keep_search_text
from partners.models import Partner


class DelegationQuerySet(models.QuerySet):
    def inbound(self):
        return self.filter(direction=Delegation.Direction.INBOUND)

    def outbound(self):
        return self.filter(direction=Delegation.Direction.OUTBOUND)

    def high_level(self):
        return self.filter(level__in=Delegation.HIGH_LEVELS)

    def started_in(self, year):
        return self.filter(start_on__year=year)


class Delegation(models.Model):
    """A visit to Da Nang by a foreign delegation (inbound) or a city mission abroad (outbound)."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", _("inbound")
        OUTBOUND = "outbound", _("outbound")

    class Level(models.TextChoices):
        HEAD_OF_STATE = "head_of_state", _("head of state")
        HEAD_OF_GOVERNMENT = "head_of_government", _("head of government")
        ROYAL = "royal", _("royal family")
        PARLIAMENT_LEADER = "parliament_leader", _("parliament leader")
        MINISTER = "minister", _("minister")
        DEPUTY_MINISTER = "deputy_minister", _("deputy minister")
        AMBASSADOR = "ambassador", _("ambassador")
        CONSUL_GENERAL = "consul_general", _("consul general")
        LOCAL_LEADER = "local_leader", _("local leader")
        BUSINESS = "business", _("business")
        ACADEMIC = "academic", _("academic")
        OTHER = "other", _("other")

    class Purpose(models.TextChoices):
        OFFICIAL = "official", _("official visit")
        INVESTMENT_PROMOTION = "investment_promotion", _("investment promotion")
        TRADE = "trade", _("trade")
        TOURISM = "tourism", _("tourism")
        CULTURE = "culture", _("culture")
        EDUCATION = "education", _("education")
        SCIENCE_TECHNOLOGY = "science_technology", _("science and technology")
        OTHER = "other", _("other")

    # The levels counted as high-level (data contract, delegations_inbound_high_level).
    HIGH_LEVELS = (
        Level.HEAD_OF_STATE,
        Level.HEAD_OF_GOVERNMENT,
        Level.ROYAL,
        Level.PARLIAMENT_LEADER,
        Level.MINISTER,
    )

    ref = ref_field()
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    title = models.CharField(_("title"), max_length=300)
    head_name = models.CharField(_("head of delegation"), max_length=200, blank=True)
    head_title = models.CharField(_("position of the head"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    countries = CountryField(
        _("countries"),
        multiple=True,
        help_text=_("Inbound: where the delegation comes from; outbound: where it goes."),
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), blank=True, related_name="delegations"
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements carried out"), blank=True, related_name="delegations"
    )
    start_on = models.DateField(_("starts on"))
    end_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Blank: same day."))
    members = models.PositiveIntegerField(
        _("members"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, blank=True)
    city_leaders = models.BooleanField(
        _("with the city's leaders"),
        default=False,
        help_text=_("Inbound: received by the city's top leaders; outbound: led by them."),
    )
    host_unit = models.CharField(_("host unit"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Names and texts without accents, for search (danang_intl/search.py)."),
    )
    history = HistoricalRecords(m2m_fields=[partners, agreements], excluded_fields=["search_text"])

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "ref"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            not_before_constraint(
                later="end_on", earlier="start_on", name="delegation_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(members__isnull=True) | Q(members__gte=1),
                name="delegation_members_at_least_one",
            ),
            models.CheckConstraint(condition=~Q(countries=""), name="delegation_has_countries"),
        ]
        # A year's delegations, with the list's usual filters inside the index: counting a
        # filtered list of a million delegations reads only the index (EXPLAIN in
        # docs/performance.md).
        indexes = [
            models.Index(
                fields=["start_on", "direction", "city_leaders", "level"],
                name="delegation_year_filters",
            )
        ]

    def __str__(self):
        return f"{self.ref} · {self.title}"

    def save(self, **kwargs):
        super().save(**keep_search_text(self, kwargs))

    def clean(self):
        errors = {}
        require_not_before(
            errors,
            later=self.end_on,
            earlier=self.start_on,
            field="end_on",
            message=_("A delegation cannot end before it starts."),
        )
        if errors:
            raise ValidationError(errors)

    @property
    def is_high_level(self):
        return self.level in self.HIGH_LEVELS


class HostedEventQuerySet(models.QuerySet):
    def started_in(self, year):
        return self.filter(start_on__year=year)


class HostedEvent(models.Model):
    """An international forum, festival or conference the city hosts."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("forum")
        CONFERENCE = "conference", _("conference")
        FESTIVAL = "festival", _("festival")
        INVESTMENT_PROMOTION = "investment_promotion", _("investment promotion")
        EXHIBITION = "exhibition", _("exhibition")
        SPORT = "sport", _("sport")
        OTHER = "other", _("other")

    ref = ref_field()
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    start_on = models.DateField(_("starts on"))
    end_on = models.DateField(_("ends on"), null=True, blank=True)
    countries = CountryField(_("participating countries"), multiple=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements carried out"), blank=True, related_name="events"
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Names and texts without accents, for search (danang_intl/search.py)."),
    )
    history = HistoricalRecords(m2m_fields=[agreements], excluded_fields=["search_text"])

    objects = HostedEventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "ref"]
        verbose_name = _("hosted event")
        verbose_name_plural = _("hosted events")
        constraints = [
            not_before_constraint(
                later="end_on", earlier="start_on", name="event_end_not_before_start"
            ),
        ]
        indexes = [models.Index(fields=["start_on"])]

    def __str__(self):
        return f"{self.ref} · {self.name}"

    def save(self, **kwargs):
        super().save(**keep_search_text(self, kwargs))

    def clean(self):
        errors = {}
        require_not_before(
            errors,
            later=self.end_on,
            earlier=self.start_on,
            field="end_on",
            message=_("An event cannot end before it starts."),
        )
        if errors:
            raise ValidationError(errors)
