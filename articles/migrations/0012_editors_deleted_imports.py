"""Editors may see the deleted imports and let the next import re-create them."""

from django.db import migrations

from accounts.role_grants import grant_roles

EDITOR = "编辑"
CODENAMES = ["view_deletedimport", "delete_deletedimport"]


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_old_address_base")]

    operations = [grant_roles("articles", {EDITOR: CODENAMES})]
