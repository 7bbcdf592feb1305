"""Authors, articles and their tags, and the imported articles editors deleted."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from . import roles, text
from .rendering import lead_text, render_markdown
from .slugs import save_with_unique_slug

ARTICLE_SLUG_LENGTH = 40  # pinyin runs long: keep addresses short enough to read
SCHEDULED_LABEL = "已排期"  # a published article whose time is still ahead


class Author(models.Model):
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

    def save(self, *args, **kwargs):
        if self.slug:
            super().save(*args, **kwargs)
        else:
            base = text.pinyin_slug(self.name, 60)
            save_with_unique_slug(self, base, lambda: super(Author, self).save(*args, **kwargs))

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class Tag(TagBase):
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

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.name_key = text.fold(self.name)
        self.sort_key = text.sort_key(self.name)
        if self.slug:
            super().save(*args, **kwargs)
        else:
            base = self.slugify(self.name)
            save_with_unique_slug(self, base, lambda: super(Tag, self).save(*args, **kwargs))

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


class Section(models.Model):
    """A 栏目: editors create and order sections; each has its page, feed and nav place."""

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

    def save(self, *args, **kwargs):
        if self.slug:
            super().save(*args, **kwargs)
        else:
            base = text.pinyin_slug(self.name, 40)
            save_with_unique_slug(self, base, lambda: super(Section, self).save(*args, **kwargs))

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])


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
        return (
            self.select_related("author__portrait", "cover", "section")
            .prefetch_related("tags")
            .order_by("-published_at", "-id")
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审"
        PUBLISHED = "published", "已发布"
        ARCHIVED = "archived", "已归档"

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
        "原作者/来源", max_length=200, blank=True, help_text="原文署名的作者、出品方或专栏。"
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

    def save(self, *args, update_fields=None, **kwargs):
        """Derived text (HTML, summary, counts) is made again only when the text is saved."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            update_fields = _with(update_fields, ["published_at"])
        if update_fields is None or TEXT_FIELDS & set(update_fields):
            self._derive()
            update_fields = _with(update_fields, DERIVED_FIELDS)
        if self.slug:
            super().save(*args, update_fields=update_fields, **kwargs)
            return
        base = text.pinyin_slug(self.title, ARTICLE_SLUG_LENGTH)
        save_with_unique_slug(
            self,
            base,
            lambda: super(Article, self).save(
                *args, update_fields=_with(update_fields, ["slug"]), **kwargs
            ),
        )

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def content_hash(self) -> str:
        """Digest of the editable text, compared with `source_hash` to spot editors' changes."""
        return content_hash(self.title, self.standfirst, self.body, self.credit)

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


TEXT_FIELDS = frozenset({"standfirst", "body"})
DERIVED_FIELDS = ("standfirst", "body", "char_count", "reading_minutes", "body_html", "summary")


def _with(update_fields, names):
    """`update_fields` plus `names`; None (every field) stays None."""
    return None if update_fields is None else [*update_fields, *names]


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


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
    credit = models.CharField("原作者/来源", max_length=200, blank=True)
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
    """An imported article an editor deleted: the importer leaves its place in the file alone."""

    source_document = models.CharField("来源文件", max_length=255)
    source_position = models.PositiveIntegerField("文件中的序号")
    title = models.CharField("标题", max_length=200, help_text="删除时的标题。")
    deleted_at = models.DateTimeField("删除时间", default=timezone.now)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = "已删除的导入文章"
        verbose_name_plural = "已删除的导入文章"
        constraints = [
            models.UniqueConstraint(
                fields=["source_document", "source_position"],
                name="deletedimport_unique_source_position",
            )
        ]

    def __str__(self):
        return f"{self.source_document} #{self.source_position} {self.title}"


class RelatedArticle(models.Model):
    """Another article sharing tags with `article`, kept by `articles.related` when tags or
    publication change, so the article page reads its related articles by index."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links", verbose_name="文章"
    )
    other = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name="相关文章"
    )
    shared = models.PositiveSmallIntegerField("共同标签数")

    class Meta:
        ordering = ["article", "-shared"]
        verbose_name = "相关文章"
        verbose_name_plural = "相关文章"
        constraints = [
            models.UniqueConstraint(fields=["article", "other"], name="relatedarticle_unique")
        ]

    def __str__(self):
        return f"{self.article_id} → {self.other_id} ({self.shared})"
