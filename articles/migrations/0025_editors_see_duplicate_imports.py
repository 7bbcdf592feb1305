"""Editors may see which imported articles were linked to an existing near-duplicate."""

from django.db import migrations

from accounts.role_grants import grant_roles

EDITOR = "编辑"
CODENAMES = ["view_duplicateimport"]


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_editors_site_rules")]

    operations = [grant_roles("articles", {EDITOR: CODENAMES})]
