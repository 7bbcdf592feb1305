"""What happened to articles: status changes, revisions, old addresses, deleted imports."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .article import Article
from .tags import Tag


class StatusChange(models.Model):
    """One step of an article through the workflow: who moved it, from what, to what, when."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="status_changes", verbose_name="文章"
    )
    from_status = models.CharField(
        "原状态",
        max_length=10,
        choices=Article.Status.choices,
        blank=True,
        help_text="新建时为空。",
    )
    to_status = models.CharField("新状态", max_length=10, choices=Article.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    changed_at = models.DateTimeField("时间", default=timezone.now)
    note = models.CharField(
        "说明", max_length=300, blank=True, help_text="改变状态的人写下的话，例如退回的理由。"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = "状态变更"
        verbose_name_plural = "状态变更"
        indexes = [models.Index(fields=["article", "-changed_at"], name="statuschange_article_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.from_status or '—'} → {self.to_status}"


class OldAddress(models.Model):
    """A slug something used to have; readers asking for it are sent on (301)."""

    old_slug = models.SlugField("旧网址别名", max_length=100, db_index=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["old_slug"]
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="%(class)s_unique_old_slug")
        ]

    def __str__(self):
        return self.old_slug


class SlugRedirect(OldAddress):
    """An address a published article used to have."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="slug_redirects", verbose_name="文章"
    )

    class Meta(OldAddress.Meta):
        verbose_name = "旧网址跳转"
        verbose_name_plural = "旧网址跳转"


class TagAlias(OldAddress):
    """The address of a tag merged into another."""

    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="aliases", verbose_name="标签"
    )

    class Meta(OldAddress.Meta):
        verbose_name = "合并标签跳转"
        verbose_name_plural = "合并标签跳转"


class ArticleRevision(models.Model):
    """The editable text of an article as saved at one moment, numbered per article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name="文章"
    )
    number = models.PositiveIntegerField("版本号")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="保存人",
        help_text="为空表示导入或后台以外的修改。",
    )
    created_at = models.DateTimeField(
        "保存时间", default=timezone.now, help_text="等于文章这一版的“更新时间”。"
    )
    comment = models.CharField("说明", max_length=200, blank=True)
    title = models.CharField("标题", max_length=200)
    standfirst = models.TextField("导语", blank=True)
    body = models.TextField("正文")
    credit = models.CharField("署名", max_length=200, blank=True)
    original_author = models.CharField("原作者", max_length=200, blank=True)
    original_source = models.CharField("来源", max_length=200, blank=True)
    original_title = models.CharField("原标题", max_length=200, blank=True)
    editors = models.CharField("责任编辑", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=Article.Status.choices)
    tags = models.JSONField("标签", default=list, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = "文章版本"
        verbose_name_plural = "文章版本"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="articlerevision_unique")
        ]

    def __str__(self):
        return f"{self.article_id} 第 {self.number} 版"


class DeletedImport(models.Model):
    """An imported article an editor deleted: the importer leaves it alone, whichever file
    holds it. Known by the article's `import_ref`; rows older than it have none and are
    recognised by their title (`articles.importer.load`)."""

    import_ref = models.CharField(  # noqa: DJ001 (NULL for old rows: NULLs never collide)
        "导入标识", max_length=64, null=True, editable=False
    )
    source_document = models.CharField("来源文件", max_length=255, blank=True)
    source_position = models.PositiveIntegerField("文件中的序号", null=True)
    title = models.CharField("标题", max_length=200, help_text="删除时的标题。")
    deleted_at = models.DateTimeField("删除时间", default=timezone.now)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = "已删除的导入文章"
        verbose_name_plural = "已删除的导入文章"
        constraints = [
            models.UniqueConstraint(fields=["import_ref"], name="deletedimport_unique_import_ref")
        ]

    def __str__(self):
        return f"{self.source_document} #{self.source_position} {self.title}"
