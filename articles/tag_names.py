"""Tag names: the tag field's text, and finding tags by name whatever the case or width.

One identity rule: two names are the same tag when `text.fold` makes them equal (case,
full/half width, traditional/simplified), which `Tag.name_key` holds under a unique
constraint. Text form: names are separated by `,`, `，` or `、`; a name holding a
separator, a quote or a space is written in straight quotes, with a quote inside doubled
as in CSV, and may be typed in curly quotes (“研发、设计”). Whatever a form shows
reads back as the same names (`TAGGIT_TAGS_FROM_STRING` / `TAGGIT_STRING_FROM_TAGS`).
"""

from django.db import IntegrityError, transaction

from . import text
from .models import Tag

SEPARATORS = ",，、"
_NEEDS_QUOTES = set(SEPARATORS) | {'"', "“", "”"}


def parse_tags(tagstring: str) -> list[str]:
    """The distinct names in a tag field's text, sorted.

    Without any separator, spaces separate names, as in taggit.
    """
    tokens, current = [], []  # characters of each token; None for a space outside quotes
    quote = None
    has_separator = False
    i = 0
    while i < len(tagstring):
        ch = tagstring[i]
        if quote == '"':
            if ch == '"' and tagstring[i + 1 : i + 2] == '"':
                current.append('"')
                i += 1
            elif ch == '"':
                quote = None
            else:
                current.append(ch)
        elif quote == "“":
            if ch == "”":
                quote = None
            else:
                current.append(ch)
        elif ch in ('"', "“"):
            quote = ch
        elif ch in SEPARATORS:
            has_separator = True
            tokens.append(current)
            current = []
        elif ch.isspace():
            current.append(None)
        else:
            current.append(ch)
        i += 1
    tokens.append(current)
    if has_separator:
        names = ["".join(ch or " " for ch in token) for token in tokens]
    else:  # one token: its unquoted spaces separate names
        names, word = [], []
        for ch in current:
            if ch is None:
                names.append("".join(word))
                word = []
            else:
                word.append(ch)
        names.append("".join(word))
    return _distinct(names)


def _distinct(names) -> list[str]:
    seen = {}
    for name in names:
        name = name.strip()
        if name:
            seen.setdefault(text.fold(name), name)
    return sorted(seen.values())


def names_to_string(names) -> str:
    """Names as the tag field shows them: joined by `、`, quoted where need be."""
    return "、".join(_quoted(name) for name in sorted(names))


def tags_to_string(tags) -> str:
    """`TAGGIT_STRING_FROM_TAGS`: the tag field's text for `tags`."""
    return names_to_string(tag.name for tag in tags)


def _quoted(name: str) -> str:
    if any(ch in _NEEDS_QUOTES or ch.isspace() for ch in name):
        return '"' + name.replace('"', '""') + '"'
    return name


def existing(names) -> dict[str, Tag]:
    """The tags named by `names`, by folded key; one query."""
    keys = {text.fold(name) for name in names}
    return {tag.name_key: tag for tag in Tag.objects.filter(name_key__in=keys)}


def unknown(names) -> list[str]:
    """The names among `names` that match no existing tag."""
    found = existing(names)
    return [name for name in names if text.fold(name) not in found]


def get_or_create(name: str) -> Tag:
    """The tag named `name` (any case or width), created if there is none; race-free:
    a concurrent creation of the same name is found instead of failing."""
    key = text.fold(name)
    tag = Tag.objects.filter(name_key=key).first()
    if tag is not None:
        return tag
    try:
        with transaction.atomic():
            return Tag.objects.create(name=name.strip())
    except IntegrityError:
        tag = Tag.objects.filter(name_key=key).first()
        if tag is None:
            raise
        return tag


def resolve(items) -> list[Tag]:
    """Tags for `items` (names or tags): existing ones reused, missing ones created."""
    tags = [item for item in items if isinstance(item, Tag)]
    names = [item for item in items if not isinstance(item, Tag)]
    found = existing(names)
    return tags + [found.get(text.fold(name)) or get_or_create(name) for name in _distinct(names)]
