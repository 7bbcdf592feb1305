"""Authors: the pen names articles are signed with."""

from django.db import models

from ..addresses import slug_url
from ..slugs import PinyinSlugged


class Author(PinyinSlugged):
    name = models.CharField("笔名", max_length=100, help_text="署名，与原文一致。")
    slug = models.SlugField("网址别名", max_length=80, db_index=False, help_text="由笔名拼音生成。")
    bio = models.TextField("简介", blank=True)
    portrait = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
        verbose_name="头像",
        help_text="作者页和文章末尾的作者卡片上显示；从图库中选择。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="author_unique_name"),
            models.UniqueConstraint(fields=["slug"], name="author_unique_slug"),
        ]
        verbose_name = "作者"
        verbose_name_plural = "作者"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:author", self.slug)
