"""Editors may see and delete the site rules they teach the importer."""

from django.db import migrations

from accounts.role_grants import grant_roles

EDITOR = "编辑"
CODENAMES = ["view_siterule", "delete_siterule"]


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_site_rules_and_source_texts")]

    operations = [grant_roles("articles", {EDITOR: CODENAMES})]
