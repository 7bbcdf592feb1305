"""Glossary identity keys now also fold traditional characters into simplified ones."""

import unicodedata

import zhconv
from django.db import IntegrityError, migrations, transaction


def refold(apps, schema_editor):
    GlossaryEntry = apps.get_model("glossary", "GlossaryEntry")
    seen = set()
    for entry in GlossaryEntry.objects.order_by("pk"):
        key = zhconv.convert(unicodedata.normalize("NFKC", entry.term), "zh-cn").casefold().strip()
        if key in seen:  # a look-alike of an older entry keeps its old key; editors merge
            continue
        seen.add(key)
        if key == entry.term_key:
            continue
        try:
            with transaction.atomic():
                GlossaryEntry.objects.filter(pk=entry.pk).update(term_key=key)
        except IntegrityError:
            continue  # a look-alike holds the key: both stay, for editors to merge


class Migration(migrations.Migration):
    dependencies = [("glossary", "0005_link_exceptions")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
