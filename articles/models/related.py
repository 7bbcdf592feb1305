"""Related articles, stored per article so the article page reads them by index."""

from django.db import models

from .article import Article


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
