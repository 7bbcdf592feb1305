"""The media library: one row per distinct picture, its files kept in `default_storage`."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.utils import timezone

from . import renditions
from .renditions import Spec

UNIT = [MinValueValidator(0.0), MaxValueValidator(1.0)]
RENDERED_KEPT = 4096  # answers of `Image.rendered` a process keeps


@dataclass(frozen=True)
class Rendered:
    """What a template needs to show one image at one use: URLs, srcsets and 1× size."""

    alt: str
    width: int
    height: int
    src: str
    srcset: str
    sizes: str
    mime_type: str
    sources: tuple[tuple[str, str], ...]  # (MIME type, srcset) of the modern formats


class Image(models.Model):
    file = models.FileField("原图", max_length=200, editable=False)
    alt_text = models.CharField(
        "替代文字",
        max_length=200,
        blank=True,
        help_text="给看不到图片的读者（读屏软件）的描述，写出图中要紧的内容；"
        "图片在文章中发布前必须填写。",
    )
    caption = models.CharField(
        "图注", max_length=300, blank=True, help_text="显示在图片下方；插图可在正文里另写图注。"
    )
    credit = models.CharField(
        "图片来源", max_length=200, blank=True, help_text="摄影者、机构或出处，显示在图注后。"
    )
    focal_x = models.FloatField(
        "焦点横坐标",
        default=0.5,
        validators=UNIT,
        help_text="0 为最左，1 为最右；裁成缩略图和分享图时尽量保留焦点附近。",
    )
    focal_y = models.FloatField(
        "焦点纵坐标", default=0.5, validators=UNIT, help_text="0 为最上，1 为最下。"
    )
    width = models.PositiveIntegerField("宽度", editable=False)
    height = models.PositiveIntegerField("高度", editable=False)
    has_alpha = models.BooleanField("有透明部分", default=False, editable=False)
    file_size = models.PositiveIntegerField("文件大小", editable=False)
    sha256 = models.CharField("内容摘要", max_length=64, editable=False)
    rendition_bytes = models.JSONField("各尺寸文件大小", default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "图片"
        verbose_name_plural = "图片"
        permissions = [("change_any_image", "可以修改任何人上传的图片")]
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="image_unique_sha256"),
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_in_picture",
            ),
        ]

    def __str__(self):
        label = self.alt_text or self.caption or "（未填替代文字）"
        return f"{label}（#{self.pk}，{self.width}×{self.height}）"

    def get_absolute_url(self):
        return self.article.src

    @property
    def directory(self) -> str:
        return f"images/{self.sha256[:2]}/{self.sha256}"

    @property
    def focal_tag(self) -> str:
        """Part of cropped renditions' names: a moved focal point gives new names (and URLs)."""
        return f"f{round(self.focal_x * 100)}-{round(self.focal_y * 100)}"

    def formats(self, spec: Spec) -> tuple[str, ...]:
        fallback = renditions.fallback_format(self.has_alpha)
        return (*renditions.modern_formats(), fallback) if spec.modern else (fallback,)

    def rendition_files(self, spec: Spec):
        """`(density, format, name, (width, height))` of every file of `spec`; a density
        that would only repeat a smaller one (the original is not large enough) is left out."""
        seen = set()
        for density in spec.densities:
            size = renditions.box_size(spec, density, self.width, self.height)
            if size in seen:
                continue
            seen.add(size)
            for fmt in self.formats(spec):
                name = renditions.file_name(self.directory, spec, size, fmt, self.focal_tag)
                yield density, fmt, name, size

    def rendered(self, spec: Spec) -> Rendered:
        """URLs, srcsets and size of the picture at the use `spec`. A listing asks this of
        every card, so each process keeps the answers, keyed on everything they depend on."""
        key = (spec, self.sha256, self.width, self.height, self.has_alpha)
        key += (self.focal_x, self.focal_y, self.alt_text)
        found = _rendered.get(key)
        if found is None:
            if len(_rendered) >= RENDERED_KEPT:
                _rendered.clear()
            found = _rendered[key] = self._render(spec)
        return found

    def _render(self, spec: Spec) -> Rendered:
        by_format: dict[str, list[str]] = {}
        for _, fmt, name, size in self.rendition_files(spec):
            by_format.setdefault(fmt, []).append(f"{default_storage.url(name)} {size[0]}w")
        width, height = renditions.box_size(spec, 1, self.width, self.height)
        fallback = renditions.fallback_format(self.has_alpha)
        srcset = by_format.pop(fallback)
        return Rendered(
            alt=self.alt_text,
            width=width,
            height=height,
            src=srcset[0].rsplit(" ", 1)[0],
            srcset=", ".join(srcset),
            sizes=spec.sizes,
            mime_type=renditions.MIME_TYPES[fallback],
            sources=tuple(
                (renditions.MIME_TYPES[fmt], ", ".join(urls)) for fmt, urls in by_format.items()
            ),
        )

    @property
    def thumb(self) -> Rendered:
        return self.rendered(renditions.THUMB)

    @property
    def article(self) -> Rendered:
        return self.rendered(renditions.ARTICLE)

    @property
    def social(self) -> Rendered:
        return self.rendered(renditions.SOCIAL)

    @property
    def portrait(self) -> Rendered:
        return self.rendered(renditions.PORTRAIT)

    def social_bytes(self) -> int:
        """Size of the social card's fallback file (RSS enclosures state a length)."""
        fallback = renditions.fallback_format(self.has_alpha)
        for _, fmt, name, _ in self.rendition_files(renditions.SOCIAL):
            if fmt == fallback:
                return self.rendition_bytes.get(name.rsplit("/", 1)[-1], 0)
        return 0


_rendered: dict[tuple, Rendered] = {}


@receiver(setting_changed)
def _forget_rendered(setting, **kwargs):
    """Storage settings make the URLs: a test overriding them gets answers of its own."""
    if setting in ("STORAGES", "MEDIA_URL", "MEDIA_ROOT"):
        _rendered.clear()
