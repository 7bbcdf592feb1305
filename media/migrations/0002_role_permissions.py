"""Image permissions for the two roles: 作者 uploads and edits their own images and may use
any image; 编辑 manages the whole library. Frozen here; a later change is a new migration."""

from django.db import migrations

from accounts.role_grants import grant_roles

ROLES = {
    "作者": ["add_image", "change_image", "view_image"],
    "编辑": ["add_image", "change_image", "delete_image", "view_image", "change_any_image"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
        ("articles", "0004_role_groups"),
    ]

    operations = [grant_roles("media", ROLES)]
