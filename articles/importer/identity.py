"""The identity of an imported article: a fingerprint of its title and author.

Two files holding the same article (renamed, reordered, re-scraped) give it the same
fingerprint, so a re-import updates the article instead of creating it again. The title
and the author's name are folded (`text.fold`: width, case, traditional characters) and
lose their spaces and punctuation before they are hashed.
"""

import hashlib
import unicodedata

from articles import text


def normalise(value: str) -> str:
    """`value` folded, without spaces, punctuation or symbols."""
    return "".join(ch for ch in text.fold(value) if unicodedata.category(ch)[0] not in "PSZC")


def fingerprint(title: str, author: str) -> str:
    """64 hex digits naming the article `title` by `author`, whichever file holds it."""
    key = f"{normalise(title)}\x1f{normalise(author)}"
    return hashlib.sha256(key.encode()).hexdigest()
