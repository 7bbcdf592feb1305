"""What imports remember: documents as last imported, body signatures, linked duplicates."""

from django.db import models
from django.utils import timezone

from .article import Article


class ImportedDocument(models.Model):
    """A source document as last imported, known by the digest of its bytes (and of the
    parser's code): a re-import of the same bytes is checked against what it held instead
    of being parsed again."""

    digest = models.CharField("内容摘要", max_length=64)
    source = models.CharField("文件名", max_length=255, help_text="最近一次导入时的文件名。")
    articles = models.JSONField(
        "文章", default=dict, help_text="文件中每篇文章的导入标识及其作者。"
    )
    terms = models.JSONField("术语", default=dict, help_text="文件定义的术语（折叠后）及其定义。")
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = "已导入的文件"
        verbose_name_plural = "已导入的文件"
        constraints = [
            models.UniqueConstraint(fields=["digest"], name="importeddocument_unique_digest")
        ]

    def __str__(self):
        return f"{self.source} ({self.digest[:8]})"


class BodySignature(models.Model):
    """The SimHash of an imported article's body, with its four 16-bit bands indexed: a
    near-duplicate (at most 3 bits apart) shares at least one band with it."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="body_signature",
        verbose_name="文章",
    )
    simhash = models.BigIntegerField("SimHash")  # the 64 bits, stored signed
    band0 = models.PositiveIntegerField()
    band1 = models.PositiveIntegerField()
    band2 = models.PositiveIntegerField()
    band3 = models.PositiveIntegerField()

    class Meta:
        ordering = ["article"]
        verbose_name = "正文指纹"
        verbose_name_plural = "正文指纹"
        indexes = [
            models.Index(fields=[f"band{n}"], name=f"bodysignature_band{n}_idx") for n in range(4)
        ]

    def __str__(self):
        return f"{self.article_id}: {self.simhash & (2**64 - 1):016x}"


class DuplicateImport(models.Model):
    """An article of a source document found to be a near-duplicate of an existing article
    (the same text from another site) and linked to it instead of being created."""

    import_ref = models.CharField("导入标识", max_length=64, editable=False)
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="duplicate_imports",
        verbose_name="已有文章",
    )
    title = models.CharField("标题", max_length=200)
    source_document = models.CharField("来源文件", max_length=255)
    source_position = models.PositiveIntegerField("文件中的序号")
    distance = models.PositiveSmallIntegerField(
        "差异位数", help_text="两篇正文 SimHash 不同的位数。"
    )
    linked_at = models.DateTimeField("链接时间", default=timezone.now)

    class Meta:
        ordering = ["-linked_at", "-id"]
        verbose_name = "近似重复的导入文章"
        verbose_name_plural = "近似重复的导入文章"
        constraints = [
            models.UniqueConstraint(fields=["import_ref"], name="duplicateimport_unique_import_ref")
        ]

    def __str__(self):
        return f"{self.source_document} #{self.source_position} {self.title} → {self.article_id}"
