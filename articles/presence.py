"""Who has an article open in the admin: a notice for the others, not a lock.

Opening the change form, and a heartbeat from it every `HEARTBEAT` seconds, records the
user under the article in the cache; leaving the page or saving removes the entry, and
an entry not renewed for `STALE` seconds (a closed laptop) no longer counts. Two people
may still both save: the second save is refused with a diff (`articles.forms`).
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import caches

from .roles import display_name

HEARTBEAT = 60
STALE = 2 * HEARTBEAT + 30


@dataclass(frozen=True)
class Editor:
    name: str
    since: datetime


def _key(article_pk) -> str:
    return f"editing:{article_pk}"


def _current(article_pk) -> dict:
    """`{user pk: (name, opened, last seen)}`, without the stale entries."""
    now = time.time()
    entries = caches["presence"].get(_key(article_pk)) or {}
    return {pk: entry for pk, entry in entries.items() if now - entry[2] < STALE}


def touch(article_pk, user) -> None:
    """Record that `user` has the article open now."""
    entries, now = _current(article_pk), time.time()
    opened = entries[user.pk][1] if user.pk in entries else now
    entries[user.pk] = (display_name(user), opened, now)
    caches["presence"].set(_key(article_pk), entries, STALE)


def leave(article_pk, user) -> None:
    entries = _current(article_pk)
    if entries.pop(user.pk, None) is not None:
        caches["presence"].set(_key(article_pk), entries, STALE)


def others(article_pk, user) -> list[Editor]:
    """Everyone but `user` who has the article open, longest first."""
    entries = _current(article_pk)
    return [
        Editor(name, datetime.fromtimestamp(opened, UTC))
        for pk, (name, opened, _) in sorted(entries.items(), key=lambda item: item[1][1])
        if pk != user.pk
    ]
