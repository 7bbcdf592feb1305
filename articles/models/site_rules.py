"""What editors taught the importer: rules per source site, and the documents imported."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SiteRule(models.Model):
    """An editor's decision about one segment of a source site's pages, for every import."""

    class Action(models.TextChoices):
        KEEP = "keep", "保留"
        REMOVE = "remove", "删除"

    site = models.CharField(
        "站点", max_length=64, help_text="由页面顶部的站点信息（站名、导航）识别。"
    )
    text = models.TextField("片段", help_text="编辑选中时的原文。")
    key = models.CharField(
        "规范化片段",
        max_length=500,
        help_text="去掉标点、空格并统一全角半角后的文字，导入时据此比对。",
    )
    action = models.CharField("处理", max_length=6, choices=Action.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="设定人",
    )
    created_at = models.DateTimeField("设定时间", default=timezone.now)

    class Meta:
        ordering = ["site", "-created_at", "-id"]
        verbose_name = "站点规则"
        verbose_name_plural = "站点规则"
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="siterule_unique_site_key"),
            models.CheckConstraint(
                condition=models.Q(action__in=["keep", "remove"]), name="siterule_action_valid"
            ),
        ]

    def __str__(self):
        return f"{self.site}：{self.get_action_display()}“{self.text[:30]}”"


class SourceText(models.Model):
    """The text of a source document as last imported, so editors' rules can be re-applied."""

    source = models.CharField("来源文件", max_length=255, unique=True)
    site = models.CharField("站点", max_length=64, blank=True, db_index=True)
    text = models.TextField("原文")
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        ordering = ["source"]
        verbose_name = "导入的原文"
        verbose_name_plural = "导入的原文"

    def __str__(self):
        return self.source
