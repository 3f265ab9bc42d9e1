from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_reference_lists(sender, **kwargs):
    from partners.models import CooperationField
    from partners.reference import ensure_cooperation_fields

    ensure_cooperation_fields(CooperationField)


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        post_migrate.connect(
            _ensure_reference_lists, sender=self, dispatch_uid="partners_reference_lists"
        )
