"""Any change to a record the dashboard counts gives the data a new version (dashboard/cache.py).

Connected in `DashboardConfig.ready()`. Bulk writes send no signals: the import and `load_demo` bump
the version themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from dashboard.cache import bump_data_version

LINK_ACTIONS = {"post_add", "post_remove", "post_clear"}


def record_models():
    """The models whose rows feed the figures (data contract, section 2) and their links."""
    from agreements.models import Agreement, ImplementationEntry
    from dashboard.models import StatisticsEntry
    from delegations.models import Delegation, HostedEvent
    from investment.models import CapitalChange, CapitalContribution, FdiProject
    from partners.models import Partner

    return (
        Partner,
        Agreement,
        ImplementationEntry,
        Delegation,
        HostedEvent,
        FdiProject,
        CapitalChange,
        CapitalContribution,
        StatisticsEntry,
    )


def record_changed(sender, using=None, **kwargs):
    bump_data_version(using=using)


def links_changed(sender, action, using=None, **kwargs):
    if action in LINK_ACTIONS:
        bump_data_version(using=using)


def connect_record_signals():
    for model in record_models():
        uid = f"dashboard-data-version-{model._meta.label_lower}"
        post_save.connect(record_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(record_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                links_changed,
                sender=through,
                dispatch_uid=f"dashboard-data-version-{through._meta.label_lower}",
            )
