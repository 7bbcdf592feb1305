"""Authors, articles and their tags."""

import hashlib

from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from . import text
from .slugs import unique_slug


class Author(models.Model):
    name = models.CharField("笔名", max_length=100, unique=True, help_text="署名,与原文一致。")
    slug = models.SlugField("网址别名", max_length=80, unique=True, help_text="由笔名拼音生成。")
    bio = models.TextField("简介", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "作者"
        verbose_name_plural = "作者"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, text.pinyin_slug(self.name, 60))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class Tag(TagBase):
    """A taggit tag whose slug is pinyin, so its URL is plain ASCII."""

    class Meta:
        ordering = ["name"]
        verbose_name = "标签"
        verbose_name_plural = "标签"

    def slugify(self, tag, i=None):
        slug = text.pinyin_slug(tag, 90)
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("articles:tag", args=[self.slug])


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


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=Now())

    def for_listing(self):
        return self.select_related("author").prefetch_related("tags").order_by(
            "-published_at", "-id"
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审"
        PUBLISHED = "published", "已发布"
        ARCHIVED = "archived", "已归档"

    title = models.CharField("标题", max_length=200)
    slug = models.SlugField(
        "网址别名", max_length=80, unique=True, help_text="由标题拼音生成,发布后请勿随意修改。"
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="articles", verbose_name="作者"
    )
    standfirst = models.TextField("导语", blank=True, help_text="列表和分享时显示的一段摘要。")
    body = models.TextField("正文", help_text="Markdown:空行分段,“## ”开头为小标题。")
    credit = models.CharField(
        "原作者/来源", max_length=200, blank=True, help_text="原文署名的作者、出品方或专栏。"
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    tags = TaggableManager("标签", through=TaggedArticle, blank=True)

    body_html = models.TextField("正文 HTML", blank=True, editable=False)
    char_count = models.PositiveIntegerField("字数", default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField("阅读分钟", default=1, editable=False)

    source_document = models.CharField("来源文件", max_length=255, blank=True, editable=False)
    source_position = models.PositiveIntegerField("文件中的序号", null=True, editable=False)
    source_hash = models.CharField("导入内容摘要", max_length=64, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "文章"
        verbose_name_plural = "文章"
        indexes = [models.Index(fields=["status", "published_at"], name="article_visible_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_document", "source_position"],
                condition=~models.Q(source_document=""),
                name="article_unique_source_position",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "review", "published", "archived"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, text.pinyin_slug(self.title, 60), exclude=self.pk)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        full = f"{self.standfirst}\n{self.body}"
        self.char_count = text.char_count(full)
        self.reading_minutes = text.reading_minutes(full)
        super().save(*args, **kwargs)

    def content_hash(self) -> str:
        """Digest of the editable text, compared with `source_hash` to spot editors' changes."""
        return content_hash(self.title, self.standfirst, self.body, self.credit)

    @property
    def is_visible(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

