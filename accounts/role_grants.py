"""Role permissions written by data migrations: one operation serves every app's.

Migrations freeze the codenames they grant; a later change is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_roles(app_label: str, roles: dict[str, list[str]]) -> migrations.RunPython:
    """An operation giving each role (a group, made if missing) the named permissions of
    `app_label`, after creating that app's permissions; reversed, it takes them back."""

    def grant(apps, schema_editor):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # create_permissions skips apps without models
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        for name, codenames in roles.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(*_permissions(apps, codenames))

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for name, codenames in roles.items():
            for group in Group.objects.filter(name=name):
                group.permissions.remove(*_permissions(apps, codenames))

    def _permissions(apps, codenames):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    return migrations.RunPython(grant, revoke)
