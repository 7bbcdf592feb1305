"""Near-duplicate tag names (近似标签): names that are probably an existing tag written
another way, so that editors are warned before the tag list splits in two.

Identity is `tag_names`' rule (same `text.fold` key, refused outright); this module only
finds neighbours, and nobody is stopped by them. A name is near an existing tag when:

- both sound the same: equal pinyin (智慧零售 / 智惠零售), case and punctuation aside;
- both have at least `MIN_EDIT_LENGTH` and at most `SHORT` characters and differ by one
  character added, dropped or changed (数字化转型 / 数字化转形, SaaS / SaaSs);
- one contains the other and the shorter is at least half as long (SaaS / SaaS平台,
  零售 / 智慧零售), so a short common word does not flag every tag that uses it.

The names, keys and pinyin of all tags are worked out once per content stamp.
"""

import re
from dataclasses import dataclass

from django.core.cache import caches

from . import text
from .cache import PAGE_TIMEOUT, content_version
from .models import Tag

SHORT = 8
MIN_EDIT_LENGTH = 3
LIMIT = 5
SAME_SOUND, ONE_EDIT, CONTAINS = "拼音相同", "只差一个字", "互相包含"
_RANK = {SAME_SOUND: 0, ONE_EDIT: 1, CONTAINS: 2}
_NOT_LETTERS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Neighbour:
    pk: int
    name: str
    reason: str


def _sound(name: str) -> str:
    return _NOT_LETTERS.sub("", text.sort_key(name))


def _known() -> list[tuple[int, str, str, str]]:
    """`(pk, name, key, pinyin)` of every tag, cached under the content stamp."""
    cache_key = f"tag-neighbour-keys:{content_version()}"
    known = caches["pages"].get(cache_key)
    if known is None:
        known = [
            (pk, name, key, _sound(name))
            for pk, name, key in Tag.objects.values_list("pk", "name", "name_key")
        ]
        caches["pages"].set(cache_key, known, PAGE_TIMEOUT)
    return known


def one_edit_apart(a: str, b: str) -> bool:
    """Whether `b` is `a` with exactly one character added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _reason(key: str, sound: str, other_key: str, other_sound: str) -> str | None:
    if sound and sound == other_sound:
        return SAME_SOUND
    lengths = sorted((len(key), len(other_key)))
    if lengths[0] >= MIN_EDIT_LENGTH and lengths[1] <= SHORT and one_edit_apart(key, other_key):
        return ONE_EDIT
    shorter, longer = sorted((key, other_key), key=len)
    if len(shorter) >= 2 and 2 * len(shorter) >= len(longer) and shorter in longer:
        return CONTAINS
    return None


def near(name: str, *, exclude=(), limit: int = LIMIT) -> list[Neighbour]:
    """Existing tags close to `name` but not the same tag (nor one of the ids in `exclude`,
    such as the tag being renamed), closest first."""
    key, sound = text.fold(name), _sound(name)
    if not key:
        return []
    found = []
    for pk, other, other_key, other_sound in _known():
        if other_key == key or pk in exclude:
            continue
        reason = _reason(key, sound, other_key, other_sound)
        if reason is not None:
            found.append(Neighbour(pk, other, reason))
    found.sort(key=lambda n: (_RANK[n.reason], text.sort_key(n.name)))
    return found[:limit]
