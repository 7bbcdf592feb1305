"""Special topics (专题): an editor's ordered selection of articles with its own page."""

from django.db import models
from django.utils import timezone

from articles.addresses import slug_url
from articles.models import Article
from articles.slugs import PinyinSlugged


class TopicQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published topics."""
        return self.filter(status=Topic.Status.PUBLISHED)

    def visible_to(self, user):
        """Published topics; every topic for those who may edit them (a preview)."""
        if user.is_authenticated and user.has_perm("topics.change_topic"):
            return self.all()
        return self.published()


class Topic(PinyinSlugged):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        ARCHIVED = "archived", "已归档"

    slug_source = "title"

    title = models.CharField("标题", max_length=100, help_text="专题页和专题列表上的名称。")
    slug = models.SlugField(
        "网址别名",
        max_length=80,
        db_index=False,
        blank=True,
        help_text="留空则由标题拼音生成；保存后不再改变，以免旧链接失效。",
    )
    standfirst = models.TextField("导语", blank=True, help_text="专题列表和分享时显示的一两句话。")
    intro = models.TextField("介绍", blank=True, help_text="专题页导语下方的介绍；空行分段。")
    cover = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cover_of_topics",
        verbose_name="封面图",
        help_text="专题页顶部、专题列表和分享卡片上显示；从图库中选择。",
    )
    status = models.CharField(
        "状态",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="只有已发布的专题对读者可见。",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    articles = models.ManyToManyField(
        Article, through="TopicArticle", related_name="topics", verbose_name="文章"
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "专题"
        verbose_name_plural = "专题"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="topic_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published", "archived"]),
                name="topic_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="topic_visible_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("topics:detail", self.slug)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class TopicArticle(models.Model):
    """An article's place in a topic: editors order them by `position`."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="links", verbose_name="专题"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="topic_links", verbose_name="文章"
    )
    position = models.PositiveIntegerField(
        "排序", default=0, help_text="数字小的排在前面；留空或为 0 则排到最后。"
    )

    class Meta:
        ordering = ["topic", "position", "id"]
        verbose_name = "专题文章"
        verbose_name_plural = "专题文章"
        constraints = [
            models.UniqueConstraint(fields=["topic", "article"], name="topicarticle_unique")
        ]
        indexes = [models.Index(fields=["topic", "position"], name="topicarticle_order_idx")]

    def __str__(self):
        return f"{self.topic_id} #{self.position}: {self.article_id}"
