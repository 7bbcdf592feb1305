"""Articles: their text, workflow state and what is derived from the text on save."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from taggit.managers import TaggableManager

from .. import roles, text
from ..addresses import slug_url
from ..rendering import lead_text, render_markdown
from ..slugs import PinyinSlugged
from .authors import Author
from .sections import Section
from .tags import TaggedArticle

SCHEDULED_LABEL = "已排期"  # a published article whose time is still ahead


def new_preview_key() -> str:
    """A fresh secret for preview share links; replacing it revokes the old links."""
    return secrets.token_urlsafe(16)[:22]


def published_q(prefix: str = "") -> models.Q:
    """The one definition of what readers may see, for the article at `prefix` of a query
    (`"tagged_articles__content_object__"` counts a tag's published articles)."""
    return models.Q(**{f"{prefix}status": "published", f"{prefix}published_at__lte": Now()})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and its publication time has come."""
        return self.filter(published_q())

    def with_public_flag(self):
        """Annotate `is_public`: whether readers may see each article."""
        return self.annotate(
            is_public=models.ExpressionWrapper(published_q(), output_field=models.BooleanField())
        )

    def visible_to(self, user):
        """What `user` may read on the site: published articles, every article for editors
        and, for anyone else signed in, the unpublished articles they created."""
        if not user.is_authenticated:
            return self.published()
        if roles.can_change_any(user):
            return self.all()
        return self.published() | self.filter(created_by=user)

    def for_listing(self):
        """Newest first, with what a teaser shows: author, portrait, cover and section."""
        return self.select_related("author__portrait", "cover", "section").order_by(
            "-published_at", "-id"
        )

    def tagged(self, tag):
        """The articles tagged `tag`, newest first, in the order of the tag links' own copy
        of the date (`TaggedArticle.published_at`): a page reads the tag's first links from
        their index instead of sorting all of the tag's articles."""
        return self.filter(tagged_items__tag=tag).order_by(
            "-tagged_items__published_at", "-tagged_items__content_object_id"
        )

    def with_tags(self):
        """Also read each article's tags in one query, for pages and feeds that show them
        (listings do not: building a tag queryset per teaser costs more than the teaser)."""
        return self.prefetch_related("tags")


class Article(PinyinSlugged):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审"
        PUBLISHED = "published", "已发布"
        ARCHIVED = "archived", "已归档"

    slug_source = "title"
    slug_length = 40  # pinyin runs long: keep addresses short enough to read

    title = models.CharField("标题", max_length=200)
    slug = models.SlugField(
        "网址别名",
        max_length=80,
        db_index=False,
        help_text="由标题拼音生成，发布后请勿随意修改。",
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="articles", verbose_name="作者"
    )
    standfirst = models.TextField("导语", blank=True, help_text="列表和分享时显示的一段摘要。")
    body = models.TextField("正文", help_text="Markdown：空行分段，“## ”开头为小标题。")
    cover = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cover_of",
        verbose_name="封面图",
        help_text="列表缩略图、文章页顶部和分享卡片上显示；从图库中选择。",
    )
    credit = models.CharField(
        "署名",
        max_length=200,
        blank=True,
        help_text="原文署名的作者、出品方、专栏或引文出处，一行文字；"
        "下面四项都为空时，文章页显示这一行。",
    )
    original_author = models.CharField(
        "原作者", max_length=200, blank=True, help_text="原文的作者；多人用顿号分隔。"
    )
    original_source = models.CharField(
        "来源", max_length=200, blank=True, help_text="原文的出品方、公众号或媒体。"
    )
    original_title = models.CharField(
        "原标题", max_length=200, blank=True, help_text="转载时改了标题，这里写原文的标题。"
    )
    editors = models.CharField(
        "责任编辑", max_length=200, blank=True, help_text="原文的编辑、审核、校对；多人用顿号分隔。"
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name="栏目",
        help_text="文章所属的栏目；可以不选。",
    )
    featured = models.BooleanField(
        "首页推荐", default=False, help_text="在首页头条位置展示；多篇推荐时取最新发布的一篇。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    tags = TaggableManager("标签", through=TaggedArticle, blank=True)

    body_html = models.TextField("正文 HTML", blank=True, editable=False)
    summary = models.TextField(
        "摘要", blank=True, editable=False, help_text="导语；没有导语时取正文开头。"
    )
    char_count = models.PositiveIntegerField("字数", default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField("阅读分钟", default=1, editable=False)

    # NULL, not "", for articles written here: NULLs never collide in the unique index.
    import_ref = models.CharField(  # noqa: DJ001
        "导入标识",
        max_length=64,
        null=True,
        editable=False,
        help_text="导入文章的标题与作者的指纹；重新导入时据此找到同一篇文章。",
    )
    source_document = models.CharField("来源文件", max_length=255, blank=True, editable=False)
    source_position = models.PositiveIntegerField("文件中的序号", null=True, editable=False)
    source_hash = models.CharField("导入内容摘要", max_length=64, blank=True, editable=False)

    preview_key = models.CharField(
        "预览密钥",
        max_length=32,
        default=new_preview_key,
        editable=False,
        help_text="预览分享链接的密钥；更换后，此前分享的链接全部失效。",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="创建人",
        help_text="在编辑部后台创建这篇文章的账号；作者角色只能修改自己创建的草稿。",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "文章"
        verbose_name_plural = "文章"
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_visible_idx"),
            models.Index(
                fields=["featured", "status", "published_at"], name="article_featured_idx"
            ),
        ]
        permissions = [
            ("publish_article", "可以发布、退回和归档文章"),
            ("change_any_article", "可以修改任何人的文章"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="article_unique_slug"),
            models.UniqueConstraint(fields=["import_ref"], name="article_unique_import_ref"),
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

    def save(self, *args, update_fields=None, **kwargs):
        """Derived text (HTML, summary, counts) is made again only when the text is saved."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            update_fields = _with(update_fields, ["published_at"])
        if update_fields is None or TEXT_FIELDS & set(update_fields):
            self._derive()
            update_fields = _with(update_fields, DERIVED_FIELDS)
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def content_hash(self) -> str:
        """Digest of the editable text, compared with `source_hash` to spot editors' changes."""
        return content_hash(*(getattr(self, name) for name in HASHED_FIELDS))

    @property
    def credits(self) -> list[tuple[str, str]]:
        """The structured credits that are set, as (label, value) in reading order."""
        return [
            (self._meta.get_field(name).verbose_name, value)
            for name in CREDIT_FIELDS
            if (value := getattr(self, name))
        ]

    def _derive(self):
        self.standfirst = text.unix_newlines(self.standfirst)
        self.body = text.unix_newlines(self.body)
        full = f"{self.standfirst}\n{self.body}"
        self.char_count = text.char_count(full)
        self.reading_minutes = text.reading_minutes(full)
        self.body_html = render_markdown(self.body)
        self.summary = self.standfirst or lead_text(self.body_html)

    @property
    def is_scheduled(self) -> bool:
        """Published with a time still ahead: it goes live by itself then."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_visible(self) -> bool:
        """`ArticleQuerySet.published()` for an article in hand: readers may see it now."""
        return self.status == self.Status.PUBLISHED and not self.is_scheduled

    @property
    def state_label(self) -> str:
        """The status as editors read it: 已排期 for a published article not yet live."""
        return SCHEDULED_LABEL if self.is_scheduled else self.get_status_display()


CREDIT_FIELDS = ("original_author", "original_source", "original_title", "editors")
# What an import writes and `content_hash` digests, in this order.
HASHED_FIELDS = ("title", "standfirst", "body", "credit", *CREDIT_FIELDS)
TEXT_FIELDS = frozenset({"standfirst", "body"})
DERIVED_FIELDS = ("standfirst", "body", "char_count", "reading_minutes", "body_html", "summary")


def _with(update_fields, names):
    """`update_fields` plus `names`; None (every field) stays None."""
    return None if update_fields is None else [*update_fields, *names]


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
