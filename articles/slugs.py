"""Unique slugs for any model with a `slug` field, free of check-then-insert races."""

from django.db import IntegrityError, models, transaction
from django.db.models import Q

from . import text


def unique_slug(model, base: str, exclude=None) -> str:
    """`base`, or `base-2`, `base-3`… whichever is free now (ignoring the row `exclude`).

    Only `base` and the slugs after `base-` in the slug index are read: a range both
    databases look up in their index, where `startswith` (SQLite's `LIKE`) reads every row.
    """
    rows = model._default_manager.filter(
        Q(slug=base) | Q(slug__gt=f"{base}-", slug__lt=f"{base}-\U0010ffff")
    ).order_by()
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    taken = set(rows.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_with_unique_slug(instance, base: str, save) -> None:
    """Call `save()` with `instance.slug` set to the first free of `base`, `base-2`, …

    Each attempt runs in a savepoint: when another connection took the same slug between
    the look-up and the insert, the clash is caught and the next free slug tried, as
    django-taggit does for tags. Other integrity errors are raised.
    """
    model = type(instance)
    while True:
        instance.slug = unique_slug(model, base, exclude=instance.pk)
        try:
            with transaction.atomic():
                save()
            return
        except IntegrityError:
            clash = model._default_manager.filter(slug=instance.slug)
            if instance.pk is not None:
                clash = clash.exclude(pk=instance.pk)
            if not clash.exists():
                raise


class PinyinSlugged(models.Model):
    """A model whose `slug` is made once, on the first save, from the pinyin of the field
    `slug_source`, cut to `slug_length` and made unique; after that it never changes."""

    slug_source = "name"
    slug_length = 60

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.slug:
            super().save(*args, **kwargs)
            return
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [*kwargs["update_fields"], "slug"]
        save_with_unique_slug(
            self, self.slug_base(), lambda: super(PinyinSlugged, self).save(*args, **kwargs)
        )

    def slug_base(self) -> str:
        return text.pinyin_slug(getattr(self, self.slug_source), self.slug_length)
