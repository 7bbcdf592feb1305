"""Tags with pinyin slugs, and the links between tags and articles."""

from django.db import models
from taggit.models import ItemBase, TagBase

from .. import text
from ..addresses import slug_url
from ..slugs import PinyinSlugged


class Tag(PinyinSlugged, TagBase):
    """A taggit tag whose slug is pinyin, so its URL is plain ASCII.

    `name_key` is the folded name (`text.fold`): `ＳａａＳ` and `saas` are one tag.
    `sort_key` is the name's pinyin, made on save so that listing tags needs no pinyin.
    """

    name_key = models.CharField(
        "查重键",
        max_length=100,
        editable=False,
        help_text="忽略大小写、全/半角与繁简后的名称，用于查重。",
    )
    sort_key = models.CharField(
        "拼音排序键",
        max_length=600,
        editable=False,
        default="",
        help_text="名称的拼音，标签列表按它排序；保存时生成。",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "标签"
        verbose_name_plural = "标签"
        constraints = [models.UniqueConstraint(fields=["name_key"], name="tag_unique_name_key")]

    slug_length = 90

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.name_key = text.fold(self.name)
        self.sort_key = text.sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("articles:tag", self.slug)


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "文章标签"
        verbose_name_plural = "文章标签"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="articles_taggedarticle_unique"
            )
        ]
