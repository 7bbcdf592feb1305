"""Tag links keep their article's publication time, indexed by tag and time, newest first."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_dates(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    TaggedArticle.objects.update(
        published_at=Subquery(
            Article.objects.filter(pk=OuterRef("content_object_id")).values("published_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0026_search_rowid_ranges"),
    ]

    operations = [
        migrations.AddField(
            model_name="taggedarticle",
            name="published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="文章发布时间"
            ),
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(
                fields=["tag", "-published_at", "-content_object"], name="tag_link_newest_first"
            ),
        ),
    ]
