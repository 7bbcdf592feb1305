"""Sections (栏目): the site's editor-ordered divisions."""

from django.db import models

from ..addresses import slug_url
from ..slugs import PinyinSlugged


class Section(PinyinSlugged):
    """A 栏目: editors create and order sections; each has its page, feed and nav place."""

    slug_length = 40

    name = models.CharField("名称", max_length=40, help_text="导航和栏目页上显示的名称。")
    slug = models.SlugField(
        "网址别名",
        max_length=60,
        db_index=False,
        blank=True,
        help_text="留空则由名称拼音生成；保存后请勿随意修改，以免旧链接失效。",
    )
    description = models.TextField("简介", blank=True, help_text="栏目页顶部的一两句话。")
    position = models.PositiveSmallIntegerField(
        "排序", default=0, help_text="数字小的排在导航和首页的前面。"
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        constraints = [
            models.UniqueConstraint(fields=["name"], name="section_unique_name"),
            models.UniqueConstraint(fields=["slug"], name="section_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:section", self.slug)
