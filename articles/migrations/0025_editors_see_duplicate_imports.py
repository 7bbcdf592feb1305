"""Editors may see which imported articles were linked to an existing near-duplicate."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑"
CODENAMES = ["view_duplicateimport"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_editors_site_rules")]

    operations = [migrations.RunPython(grant, revoke)]
