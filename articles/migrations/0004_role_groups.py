"""The two editorial roles as groups: 作者 (writers) and 编辑 (editors).

The permission lists are frozen here; a later change to a role is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")

ROLES = {
    "作者": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "view_author"),
        ("articles", "view_tag"),
        ("glossary", "view_glossaryentry"),
    ],
    "编辑": [
        *(
            (app, f"{action}_{model}")
            for app, model in [
                ("articles", "article"),
                ("articles", "author"),
                ("articles", "tag"),
                ("articles", "slugredirect"),
                ("glossary", "glossaryentry"),
            ]
            for action in CRUD
        ),
        ("articles", "publish_article"),
        ("articles", "change_any_article"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial"),
        ("glossary", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
