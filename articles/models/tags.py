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
    """A tag on an article. `published_at` repeats the article's, so that a tag's articles
    are read newest first from the links' index instead of sorting all of them; a new link
    takes it from its article, and the write path keeps it when the article's changes."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    published_at = models.DateTimeField("文章发布时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "文章标签"
        verbose_name_plural = "文章标签"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="articles_taggedarticle_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["tag", "-published_at", "-content_object"], name="tag_link_newest_first"
            )
        ]

    def save(self, *args, **kwargs):
        if self._state.adding and self.published_at is None:
            self.published_at = self._article_published_at()
        super().save(*args, **kwargs)

    @classmethod
    def follow_article(cls, article) -> None:
        """Give `article`'s links its current publication time (only those that differ)."""
        cls.objects.filter(content_object_id=article.pk).exclude(
            published_at=article.published_at
        ).update(published_at=article.published_at)

    def _article_published_at(self):
        if TaggedArticle.content_object.is_cached(self):
            return self.content_object.published_at
        article = TaggedArticle.content_object.field.related_model.objects.filter(
            pk=self.content_object_id
        )
        return article.values_list("published_at", flat=True).first()
