"""Glossary entries: the curated terms linked into article text."""

import re

from django.core.exceptions import ValidationError
from django.db import models

from articles import text
from articles.addresses import slug_url
from articles.slugs import PinyinSlugged

ALIAS_SEPARATORS = re.compile(r"[,，、;；\n]+")


class GlossaryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=GlossaryEntry.Status.PUBLISHED)


class GlossaryEntry(PinyinSlugged):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", "待审"
        PUBLISHED = "published", "已发布"
        REJECTED = "rejected", "已驳回"

    slug_source = "term"

    term = models.CharField("术语", max_length=100)
    term_key = models.CharField(
        "查重键",
        max_length=100,
        editable=False,
        help_text="忽略大小写与全/半角后的术语，用于查重。",
    )
    slug = models.SlugField("网址别名", max_length=80, db_index=False, help_text="由术语拼音生成。")
    definition = models.TextField("定义")
    aliases = models.CharField(
        "别名",
        max_length=300,
        blank=True,
        help_text="同义写法，用逗号或顿号分隔，正文中同样会被链接。",
    )
    link_exceptions = models.TextField(
        "不链接的词语",
        blank=True,
        help_text="含有本术语或别名、但在正文中不应链接的较长词语，用逗号、顿号或换行分隔，"
        "例如机构名“智慧产业事业群”。",
    )
    status = models.CharField(
        "状态",
        max_length=10,
        choices=Status.choices,
        default=Status.SUGGESTED,
        db_index=True,
        help_text="只有已发布的术语对读者可见；已驳回的术语保留下来，再次导入时不会重新出现。",
    )
    source_article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="defined_terms",
        verbose_name="出处文章",
    )
    sort_key = models.CharField("拼音排序键", max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = GlossaryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "term"]
        verbose_name = "术语"
        verbose_name_plural = "术语表"
        constraints = [
            models.UniqueConstraint(fields=["term_key"], name="glossary_unique_term_key"),
            models.UniqueConstraint(fields=["slug"], name="glossary_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=["suggested", "published", "rejected"]),
                name="glossary_status_valid",
            ),
        ]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = self.term.strip()
        self.term_key = text.fold(self.term)
        self.sort_key = text.sort_key(self.term)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("glossary:detail", self.slug)

    def clean(self):
        self.term = self.term.strip()
        key = text.fold(self.term)
        clash = GlossaryEntry.objects.filter(term_key=key).exclude(pk=self.pk).first()
        if clash:
            raise ValidationError({"term": f"术语“{clash.term}”已存在（忽略大小写与全/半角）。"})
        names = [name.casefold() for name in [self.term, *self.alias_list] if name]
        pointless = [
            phrase
            for phrase in self.exception_list
            if not any(name in phrase.casefold() for name in names)
        ]
        if pointless:
            raise ValidationError(
                {"link_exceptions": f"“{'、'.join(pointless)}”不含术语或别名，无需列出。"}
            )

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in ALIAS_SEPARATORS.split(self.aliases) if a.strip()]

    @property
    def exception_list(self) -> list[str]:
        """Longer words containing the term or an alias, inside which it is not linked."""
        return [p.strip() for p in ALIAS_SEPARATORS.split(self.link_exceptions) if p.strip()]

    @property
    def initial(self) -> str:
        """The letter the term is filed under, read from the stored pinyin sort key."""
        return text.key_initial(self.sort_key)
