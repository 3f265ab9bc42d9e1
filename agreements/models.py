"""International agreements and MoUs, what has been done to carry them out, and their renewals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danang_intl.rules import not_before_constraint, ref_field, require_not_before
from danang_intl.search import keep_search_text
from partners.models import CooperationField, Partner


def in_force_on_q(day, prefix=""):
    """In force on `day` (data contract, agreements_in_force).

    Started: effective_on, or signed_on when effective_on is blank, on or before `day`;
    not expired: expires_on blank or on or after `day`; not terminated: terminated_on blank or
    after `day`. An agreement that expires on `day` is still in force that day.
    """
    p = prefix
    started = Q(**{f"{p}effective_on__lte": day}) | Q(
        **{f"{p}effective_on__isnull": True, f"{p}signed_on__lte": day}
    )
    not_expired = Q(**{f"{p}expires_on__isnull": True}) | Q(**{f"{p}expires_on__gte": day})
    not_terminated = Q(**{f"{p}terminated_on__isnull": True}) | Q(**{f"{p}terminated_on__gt": day})
    return started & not_expired & not_terminated


class AgreementQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(signed_on__isnull=False)

    def signed_in(self, year):
        return self.filter(signed_on__year=year)

    def in_force_on(self, day):
        return self.filter(in_force_on_q(day))

    def awaiting_renewal(self):
        """Agreements whose expiry still needs a decision: with an expiry date, signed or in
        effect, neither terminated nor left to lapse, and no agreement renews them."""
        renewals = self.model._default_manager.filter(renews=OuterRef("pk"))
        return self.filter(
            Q(signed_on__isnull=False) | Q(effective_on__isnull=False),
            ~Exists(renewals),
            expires_on__isnull=False,
            terminated_on__isnull=True,
            left_to_lapse=False,
        )


class Agreement(models.Model):
    """An international agreement (MoU, cooperation agreement, ...) under the 2020 Law."""

    class Kind(models.TextChoices):
        MOU = "mou", _("memorandum of understanding")
        COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement")
        FRIENDSHIP_AGREEMENT = "friendship_agreement", _("friendship agreement")
        SISTER_CITY_AGREEMENT = "sister_city_agreement", _("sister-city agreement")
        ACTION_PROGRAMME = "action_programme", _("action programme")
        LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
        OTHER = "other", _("other")

    ref = ref_field()
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), related_name="agreements"
    )
    danang_signatory = models.CharField(
        _("Da Nang-side signatory"),
        max_length=200,
        blank=True,
        help_text=_("The signing body on the Da Nang side."),
    )
    responsible_unit = models.CharField(
        _("responsible unit"),
        max_length=200,
        blank=True,
        help_text=_("The unit that follows the agreement up and receives its reminders."),
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Blank: still being negotiated.")
    )
    signed_at = models.CharField(_("signed at"), max_length=200, blank=True)
    effective_on = models.DateField(
        _("effective from"), null=True, blank=True, help_text=_("Blank: from the signing date.")
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Blank: no end date.")
    )
    terminated_on = models.DateField(
        _("terminated on"), null=True, blank=True, help_text=_("Ended before its expiry.")
    )
    fields = models.ManyToManyField(
        CooperationField,
        verbose_name=_("fields of cooperation"),
        blank=True,
        related_name="agreements",
    )
    summary = models.TextField(_("summary"), blank=True)
    renews = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews or replaces"),
    )
    left_to_lapse = models.BooleanField(
        _("left to lapse"),
        default=False,
        help_text=_(
            "It will not be renewed: no more expiry reminders, and not listed as needing attention."
        ),
    )
    scan = models.FileField(
        _("signed scan"),
        upload_to="agreements/scans/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg", "tif", "tiff"])],
        help_text=_("PDF or image of the signed text."),
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Names and texts without accents, for search (danang_intl/search.py)."),
    )
    # Kept from the partners (agreements/partner_columns.py) so that the list's filter by
    # partners' country and a search that matches a partner are one index lookup, not a join of
    # every agreement to its partners.
    partners_search_text = models.TextField(
        _("partners' search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("The search texts of its partners (agreements/partner_columns.py)."),
    )
    partner_countries = models.TextField(
        _("partners' countries"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Its partners' country codes, as ,KR,JP, (agreements/partner_columns.py)."),
    )
    history = HistoricalRecords(
        m2m_fields=[partners, fields],
        excluded_fields=["search_text", "partners_search_text", "partner_countries"],
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "ref"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            not_before_constraint(
                later="effective_on",
                earlier="signed_on",
                name="agreement_effective_not_before_signed",
            ),
            not_before_constraint(
                later="expires_on", earlier="signed_on", name="agreement_expires_not_before_signed"
            ),
            not_before_constraint(
                later="expires_on",
                earlier="effective_on",
                name="agreement_expires_not_before_effective",
            ),
            not_before_constraint(
                later="terminated_on",
                earlier="signed_on",
                name="agreement_terminated_not_before_signed",
            ),
            models.CheckConstraint(
                condition=~Q(renews=models.F("pk")), name="agreement_does_not_renew_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["signed_on"]),
            models.Index(fields=["expires_on"]),
        ]

    def __str__(self):
        return f"{self.ref} · {self.title}"

    def save(self, **kwargs):
        super().save(**keep_search_text(self, kwargs))

    def clean(self):
        errors = {}
        require_not_before(
            errors,
            later=self.effective_on,
            earlier=self.signed_on,
            field="effective_on",
            message=_("An agreement cannot take effect before it is signed."),
        )
        require_not_before(
            errors,
            later=self.expires_on,
            earlier=self.effective_on or self.signed_on,
            field="expires_on",
            message=_("An agreement cannot expire before it takes effect."),
        )
        require_not_before(
            errors,
            later=self.terminated_on,
            earlier=self.signed_on,
            field="terminated_on",
            message=_("An agreement cannot be terminated before it is signed."),
        )
        if self.terminated_on and not self.signed_on:
            errors.setdefault("terminated_on", []).append(
                ValidationError(_("An agreement that was never signed cannot be terminated."))
            )
        if self.renews_id is not None and self.pk is not None:
            # Walk the chain upwards: a renewal may not (indirectly) renew itself.
            seen, current = {self.pk}, self.renews
            while current is not None:
                if current.pk in seen:
                    errors.setdefault("renews", []).append(
                        ValidationError(_("Renewals cannot form a loop."))
                    )
                    break
                seen.add(current.pk)
                current = current.renews
        if errors:
            raise ValidationError(errors)

    @property
    def starts_on(self):
        return self.effective_on or self.signed_on

    def is_in_force_on(self, day):
        return (
            self.starts_on is not None
            and self.starts_on <= day
            and (self.expires_on is None or self.expires_on >= day)
            and (self.terminated_on is None or self.terminated_on > day)
        )


class ImplementationEntry(models.Model):
    """Something done to carry an agreement out (a meeting, an exchange, a project)."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="implementation_entries",
        verbose_name=_("agreement"),
    )
    done_on = models.DateField(_("date"))
    text = models.TextField(_("what was done"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-done_on"]
        verbose_name = _("implementation entry")
        verbose_name_plural = _("implementation entries")

    def __str__(self):
        return f"{self.done_on:%Y-%m-%d} · {self.text[:60]}"


class SentReminder(models.Model):
    """One expiry reminder e-mailed about an agreement to one person (`send_reminders`).

    The unique constraint makes each reminder go out once: a second run on the same day, or two
    runs at the same time, find the row and send nothing. The expiry date is part of the key, so
    an agreement whose expiry is moved gets its reminders again for the new date.
    """

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
        verbose_name=_("agreement"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agreement_reminders",
        verbose_name=_("recipient"),
    )
    expires_on = models.DateField(_("expires on"))
    milestone = models.CharField(
        _("milestone"),
        max_length=20,
        help_text=_("before-180, before-90, before-30, then expired-1, expired-2, ... weekly."),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "recipient", "expires_on", "milestone"],
                name="reminder_sent_once",
            ),
        ]

    def __str__(self):
        return f"{self.agreement.ref} · {self.milestone} · {self.recipient}"
