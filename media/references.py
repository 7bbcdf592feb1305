"""Image references in Markdown text: `![alt](src "title")`, and library ids `media:42`.

Plain text tools with no Django imports, so the importer's parser can use them too.
"""

import re

MEDIA_SRC = re.compile(r"^media:(\d+)$")
MEDIA_REFERENCE = r"media:{id}([^0-9]|$)"  # as a database regex: id 4 must not match 42
IMAGE_REFERENCE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+(?:\"(?P<title>[^\"]*)\"|'[^']*'))?\s*\)"
)


def references(body: str) -> list[re.Match]:
    """Every `![…](…)` image reference in Markdown `body`, in order."""
    return list(IMAGE_REFERENCE.finditer(body or ""))


def library_id(src: str) -> int | None:
    """42 for `media:42`; None for anything else (an external address, say)."""
    match = MEDIA_SRC.match(src.strip())
    return int(match[1]) if match else None
