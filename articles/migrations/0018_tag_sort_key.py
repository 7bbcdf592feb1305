from django.db import migrations, models


def fill_sort_keys(apps, schema_editor):
    from articles import text

    Tag = apps.get_model("articles", "Tag")
    tags = list(Tag.objects.only("name"))
    for tag in tags:
        tag.sort_key = text.sort_key(tag.name)
    Tag.objects.bulk_update(tags, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_sections"),
    ]

    operations = [
        migrations.AddField(
            model_name="tag",
            name="sort_key",
            field=models.CharField(
                default="",
                editable=False,
                help_text="名称的拼音，标签列表按它排序；保存时生成。",
                max_length=600,
                verbose_name="拼音排序键",
            ),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]
