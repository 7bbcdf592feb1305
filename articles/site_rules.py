"""Editors' rules per source site: recorded from the import preview, handed to the parser,
re-applied on request to the site's imported articles that no editor has changed (an
import job of the kept documents: `import_jobs.start_reapply`).

The rules themselves are data for the parser (`articles.importer.rules`); this module
reads and writes them (`SiteRule`) and keeps each imported document's text
(`SourceText`), without which a rule could not be applied again.
"""

from collections.abc import Iterable

from django.utils import timezone

from .importer.decode import decode
from .importer.rules import Rules, normalise, site_key
from .importer.structure import split_document
from .models import SiteRule, SourceText
from .text import unix_newlines

KEY_MAX = SiteRule._meta.get_field("key").max_length


def current() -> Rules:
    """Every site's rules as they stand, for the parser."""
    return Rules.from_rows(SiteRule.objects.values_list("site", "key", "action"))


def record(site: str, text: str, action: str, user) -> SiteRule:
    """Keep (or remove) segments with `text`'s words in every import from `site`, from now on.

    An earlier rule about the same words is replaced. ValueError if there is no site or the
    text has no words (decorations alone) or too many to be one segment.
    """
    key = normalise(text)
    if not site:
        raise ValueError("这份文件没有可识别的站点信息，不能记为站点规则")
    if not key or len(key) > KEY_MAX:
        raise ValueError(f"片段“{text[:20]}”不能记为站点规则：没有文字或过长")
    rule, _ = SiteRule.objects.update_or_create(
        site=site,
        key=key,
        defaults={
            "text": text,
            "action": SiteRule.Action(action),
            "created_by": user,
            "created_at": timezone.now(),
        },
    )
    return rule


def remember(files: Iterable[tuple[str, bytes]]) -> None:
    """Keep the text of each imported file (name, bytes), with its site, for `reapply`."""
    for source, data in files:
        text = decode(data, source)
        chrome, _ = split_document(unix_newlines(text), source)
        SourceText.objects.update_or_create(
            source=source,
            defaults={"site": site_key(chrome), "text": text, "imported_at": timezone.now()},
        )
