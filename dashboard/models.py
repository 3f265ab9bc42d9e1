"""Official statistics entered by staff, and the record of every workbook import."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dashboard.statistics import STATISTIC_KEYS


class StatisticsEntry(models.Model):
    """One official figure for one year (data contract, sheet `statistics`)."""

    class Status(models.TextChoices):
        OFFICIAL = "official", _("official")
        PROVISIONAL = "provisional", _("provisional")
        ESTIMATED = "estimated", _("estimated")
        REVISED = "revised", _("revised")

    indicator = models.CharField(
        _("indicator"), max_length=40, choices=[(s.key, s.label) for s in STATISTIC_KEYS]
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    value = models.DecimalField(
        _("value"), max_digits=20, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OFFICIAL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-year"]
        verbose_name = _("statistics entry")
        verbose_name_plural = _("statistics entries")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="statistics_one_value_per_year"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="statistics_value_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100), name="statistics_year_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.year}: {self.value}"


class ImportRun(models.Model):
    """One workbook import: who ran it, on which file, and what it created or changed.

    `manage.py import_workbook` records a run once it has written (or the database refused it).
    The upload page records one when staff confirm a previewed file: queued, then running while
    the import worker (dashboard/tasks.py) checks and writes it, with its progress in `phase`,
    `rows_done` and `rows_total`, then succeeded, with `counts`, or failed, with `problems`.
    `succeeded` is true exactly when the records were written (a constraint keeps it so).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    class Phase(models.TextChoices):
        CHECKING = "checking", _("reading and checking")
        WRITING = "writing", _("writing")

    file_name = models.CharField(_("file"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("user"),
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # The SHA-256 the preview showed and the import checked (upload page only).
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    # Unknown (null) until the reader has sized the file; exact once writing starts.
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    # Why nothing was written: [{"sheet", "row", "column", "message"}], as the preview lists them.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        permissions = [("import_workbook", _("Can import workbooks"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(succeeded=True, status="succeeded")
                | (Q(succeeded=False) & ~Q(status="succeeded")),
                name="import_run_succeeded_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("dashboard:import-run", args=[self.pk])

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    def visible_to(self, user):
        """Whoever started the import, and whoever may import workbooks, may follow it."""
        return (self.user_id is not None and self.user_id == user.pk) or user.has_perm(
            "dashboard.import_workbook"
        )


class UserProfile(models.Model):
    """What the product keeps about a user beyond sign-in: the unit the user works in, which
    decides the agreement reminders he or she receives, and the language of those e-mails.

    A user without a profile works in no unit and reads Vietnamese (`profile_of`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    unit = models.CharField(
        _("unit"),
        max_length=200,
        blank=True,
        help_text=_(
            "As written in the agreements' responsible unit (case and spaces aside): staff of "
            "that unit receive the agreements' expiry reminders."
        ),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the user receives."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def profile_of(user):
    """The user's profile, or an unsaved one with the defaults when none was made."""
    try:
        return user.profile
    except UserProfile.DoesNotExist:
        return UserProfile(user=user)
