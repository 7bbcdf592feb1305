"""Unique slugs for any model with a `slug` field."""


def unique_slug(model, base: str, exclude=None) -> str:
    """`base`, or `base-2`, `base-3`… whichever is free (ignoring the row `exclude`)."""
    rows = model._default_manager.filter(slug__startswith=base)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    taken = set(rows.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
