"""Image permissions for the two roles: 作者 uploads and edits their own images and may use
any image; 编辑 manages the whole library. Frozen here; a later change is a new migration."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "作者": ["add_image", "change_image", "view_image"],
    "编辑": ["add_image", "change_image", "delete_image", "view_image", "change_any_image"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("media")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="media", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="media", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
        ("articles", "0004_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
