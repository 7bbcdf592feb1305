"""Editorial workflow: preview keys, creators, status history, revisions, slug redirects."""

import articles.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def distinct_preview_keys(apps, schema_editor):
    """AddField gives every existing row the same default; give each article its own key."""
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk").iterator():
        Article.objects.filter(pk=article.pk).update(preview_key=articles.models.new_preview_key())


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_search_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['-published_at', '-id'], 'permissions': [('publish_article', '可以发布、退回和归档文章'), ('change_any_article', '可以修改任何人的文章')], 'verbose_name': '文章', 'verbose_name_plural': '文章'},
        ),
        migrations.AddField(
            model_name='article',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='在编辑部后台创建这篇文章的账号;作者角色只能修改自己创建的草稿。', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='创建人'),
        ),
        migrations.AddField(
            model_name='article',
            name='preview_key',
            field=models.CharField(default=articles.models.new_preview_key, editable=False, help_text='预览分享链接的密钥;更换后,此前分享的链接全部失效。', max_length=32, verbose_name='预览密钥'),
        ),
        migrations.RunPython(distinct_preview_keys, migrations.RunPython.noop),
        migrations.CreateModel(
            name='SlugRedirect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_slug', models.SlugField(help_text='文章发布后改过的旧别名。', max_length=80, unique=True, verbose_name='旧网址别名')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='slug_redirects', to='articles.article', verbose_name='文章')),
            ],
            options={
                'verbose_name': '旧网址跳转',
                'verbose_name_plural': '旧网址跳转',
                'ordering': ['old_slug'],
            },
        ),
        migrations.CreateModel(
            name='ArticleRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='版本号')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, help_text='等于文章这一版的“更新时间”。', verbose_name='保存时间')),
                ('comment', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                ('title', models.CharField(max_length=200, verbose_name='标题')),
                ('standfirst', models.TextField(blank=True, verbose_name='导语')),
                ('body', models.TextField(verbose_name='正文')),
                ('credit', models.CharField(blank=True, max_length=200, verbose_name='原作者/来源')),
                ('status', models.CharField(choices=[('draft', '草稿'), ('review', '待审'), ('published', '已发布'), ('archived', '已归档')], max_length=10, verbose_name='状态')),
                ('tags', models.JSONField(blank=True, default=list, verbose_name='标签')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='articles.article', verbose_name='文章')),
                ('created_by', models.ForeignKey(blank=True, help_text='为空表示导入或后台以外的修改。', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='保存人')),
            ],
            options={
                'verbose_name': '文章版本',
                'verbose_name_plural': '文章版本',
                'ordering': ['article', '-number'],
                'constraints': [models.UniqueConstraint(fields=('article', 'number'), name='articlerevision_unique')],
            },
        ),
        migrations.CreateModel(
            name='StatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('draft', '草稿'), ('review', '待审'), ('published', '已发布'), ('archived', '已归档')], help_text='新建时为空。', max_length=10, verbose_name='原状态')),
                ('to_status', models.CharField(choices=[('draft', '草稿'), ('review', '待审'), ('published', '已发布'), ('archived', '已归档')], max_length=10, verbose_name='新状态')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='时间')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='articles.article', verbose_name='文章')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
            ],
            options={
                'verbose_name': '状态变更',
                'verbose_name_plural': '状态变更',
                'ordering': ['-changed_at', '-id'],
                'indexes': [models.Index(fields=['article', '-changed_at'], name='statuschange_article_idx')],
            },
        ),
    ]
