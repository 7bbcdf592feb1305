"""The article list's tag filter: the most used tags in pinyin order, not every tag."""

from django.contrib import admin
from django.db.models import Count

from articles import text
from articles.models import Tag

SHOWN = 20


class PopularTagFilter(admin.RelatedFieldListFilter):
    """The `SHOWN` most used tags (and any tag already chosen), sorted by pinyin; other
    tags are found with the search box, which searches tags too."""

    def field_choices(self, field, request, model_admin):
        chosen = [value for value in (self.lookup_val or []) if str(value).isdigit()]
        top = list(Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n", "slug")[:SHOWN])
        extra = Tag.objects.filter(pk__in=chosen).exclude(pk__in=[tag.pk for tag in top])
        tags = sorted([*top, *extra], key=lambda tag: text.sort_key(tag.name))
        return [(tag.pk, tag.name) for tag in tags]
