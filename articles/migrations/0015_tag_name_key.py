"""Tags get a folded identity key, unique: names differing only in case, width or
traditional/simplified characters are one tag. Existing look-alikes are merged into the
oldest, their articles moved over and their addresses kept as redirects."""

import unicodedata

import zhconv
from django.db import migrations, models


def fold(name):
    return zhconv.convert(unicodedata.normalize("NFKC", name), "zh-cn").casefold().strip()


def fill_keys(apps, schema_editor):
    Tag = apps.get_model("articles", "Tag")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    TagAlias = apps.get_model("articles", "TagAlias")
    survivors = {}
    for tag in Tag.objects.order_by("pk"):
        key = fold(tag.name)
        survivor = survivors.setdefault(key, tag)
        if survivor.pk == tag.pk:
            tag.name_key = key
            tag.save(update_fields=["name_key"])
            continue
        have = set(
            TaggedArticle.objects.filter(tag=survivor).values_list("content_object_id", flat=True)
        )
        for link in TaggedArticle.objects.filter(tag=tag):
            if link.content_object_id in have:
                link.delete()
            else:
                link.tag = survivor
                link.save(update_fields=["tag"])
        TagAlias.objects.filter(tag=tag).update(tag=survivor)
        TagAlias.objects.get_or_create(old_slug=tag.slug, defaults={"tag": survivor})
        tag.delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_related_articles_featured_index")]

    operations = [
        migrations.AddField(
            model_name="tag",
            name="name_key",
            field=models.CharField(
                default="",
                editable=False,
                help_text="忽略大小写、全/半角与繁简后的名称，用于查重。",
                max_length=100,
                verbose_name="查重键",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(fields=["name_key"], name="tag_unique_name_key"),
        ),
    ]
