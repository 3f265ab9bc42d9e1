"""The three roles of the product, as groups (DEVELOPERS.md: leadership, staff, administrators).

A migration creates the groups; `sync_role_permissions` runs after every `migrate` as well, so a
model added later is covered by the roles without a hand-written migration.
"""

LEADERSHIP = "leadership"
STAFF = "staff"
ADMINISTRATORS = "administrators"
ROLES = (LEADERSHIP, STAFF, ADMINISTRATORS)

RECORD_APPS = ("partners", "agreements", "delegations", "investment", "dashboard")

# What staff keep current. Reference lists (fields of cooperation) and deleting are for
# administrators, who also manage users and groups.
STAFF_EDITABLE_MODELS = (
    "partner",
    "partnercontact",
    "agreement",
    "implementationentry",
    "delegation",
    "hostedevent",
    "fdiproject",
    "capitalchange",
    "capitalcontribution",
    "statisticsentry",
)
STAFF_EXTRA_PERMISSIONS = ("import_workbook",)


def role_permissions(permission_model, role):
    """The queryset of permissions a role's group holds."""
    if role == ADMINISTRATORS:
        return permission_model.objects.all()
    records = permission_model.objects.filter(content_type__app_label__in=RECORD_APPS)
    views = records.filter(codename__startswith="view_")
    if role == LEADERSHIP:
        return views
    edits = records.filter(
        content_type__model__in=STAFF_EDITABLE_MODELS,
        codename__regex=r"^(add|change)_",
    )
    extras = records.filter(codename__in=STAFF_EXTRA_PERMISSIONS)
    return views | edits | extras


def sync_role_permissions(group_model, permission_model):
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(permission_model, role))
