"""Editors' rules: per source site, segments to keep although judged boilerplate, or to remove.

Rules are data handed to the parser (`parse_text(..., rules=...)`), read from the
`SiteRule` model by `articles.site_rules`; the parser stays pure. A site is recognised by
its chrome (`site_key`), a segment by its normalised text (`normalise`), so the same words
match whatever their punctuation width, spacing or Markdown escaping. The rules act in one
place, right after the boilerplate judge's verdict on each segment (`SiteRules.decide`).
"""

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

KEEP, REMOVE = "keep", "remove"
REASON = "编辑规则"
SITE_KEY_MAX = 64

_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """The words of `text` alone: compatibility-folded, lower case, without punctuation,
    symbols, spaces or Markdown escapes."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def site_key(chrome: tuple[str, ...]) -> str:
    """A stable key for the site whose chrome this is, "" if the document has none.

    The first chrome line with words in it is the site's masthead; numbers (an issue, a
    date) are dropped, since they change from page to page.
    """
    for line in chrome:
        key = normalise(_DIGITS.sub("", line))
        if key:
            return key[:SITE_KEY_MAX]
    return ""


@dataclass(frozen=True)
class SiteRules:
    """One site's rules: normalised segment texts to keep and to remove."""

    keep: frozenset[str] = frozenset()
    remove: frozenset[str] = frozenset()

    def keeps(self, text: str) -> bool:
        """Whether the site's editors keep `text` where the importer would take it out."""
        return normalise(text) in self.keep

    def decide(self, segment: str, verdict: tuple[str, int] | None) -> tuple[str, int] | None:
        """The judge's `verdict` on `segment` ((reason, length removed) or None), overruled
        where an editor said otherwise."""
        if verdict is not None:
            return None if self.keeps(segment[: verdict[1]]) else verdict
        if self.remove and normalise(segment) in self.remove:
            return REASON, len(segment)
        return None


NO_SITE_RULES = SiteRules()


@dataclass(frozen=True)
class Rules:
    """Every site's rules, by site key."""

    sites: Mapping[str, SiteRules] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def version(self) -> str:
        """A digest of every rule, "" for none: what was read under other rules is read again."""
        if not self.sites:
            return ""
        digest = hashlib.sha256()
        for site in sorted(self.sites):
            rules = self.sites[site]
            digest.update(f"{site}\0{sorted(rules.keep)}\0{sorted(rules.remove)}\n".encode())
        return digest.hexdigest()

    def for_site(self, site: str) -> SiteRules:
        return self.sites.get(site, NO_SITE_RULES) if site else NO_SITE_RULES

    @classmethod
    def from_rows(cls, rows) -> "Rules":
        """From (site, normalised text, action) rows."""
        keep: dict[str, set[str]] = {}
        remove: dict[str, set[str]] = {}
        for site, key, action in rows:
            (keep if action == KEEP else remove).setdefault(site, set()).add(key)
        sites = {
            site: SiteRules(frozenset(keep.get(site, ())), frozenset(remove.get(site, ())))
            for site in keep.keys() | remove.keys()
        }
        return cls(MappingProxyType(sites))


NO_RULES = Rules()
