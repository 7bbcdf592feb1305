"""Glossary terms in article text: links with a CSS tooltip, and the sentences that use them.

All published terms and aliases are compiled into one pattern, longest first, so that
“智慧零售” wins over “零售”. The pattern is rebuilt when the glossary stamp changes; the
linked HTML of each article is cached under its pk, `updated_at` and that stamp.
"""

import html
import re
from dataclasses import dataclass

from django.core.cache import caches
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.cache import GLOSSARY, version

from .models import GlossaryEntry

SKIPPED_ELEMENTS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
TOOLTIP_CHARS = 120
CONTEXT_CHARS = 60
LINKED_TIMEOUT = 24 * 60 * 60

_MARKUP = re.compile(r"(<[^>]*>)")
_ELEMENT_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n+")
_MARKDOWN_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+")
_MARKDOWN_EMPHASIS = re.compile(r"\*+|`+")


def term_pattern(names, *, escaped: bool = False, exceptions=()) -> re.Pattern | None:
    """One case-insensitive pattern for `names`, longest first.

    Names that begin or end with a Latin letter or digit match only as whole words, so
    “C2B” is not found inside “C2B2C”. A name does not match inside one of the
    `exceptions`, longer words that contain it (智慧产业 inside 智慧产业事业群). With
    `escaped`, names are matched in HTML text.
    """

    def as_text(value: str) -> str:
        return html.escape(value, quote=False) if escaped else value

    phrases = [as_text(phrase) for phrase in exceptions if phrase]
    alternatives = []
    for name in sorted({n for n in names if n}, key=lambda n: (-len(n), n)):
        body = "".join(_guards(as_text(name), phrases)) + re.escape(as_text(name))
        if name[0].isascii() and name[0].isalnum():
            body = r"(?<![A-Za-z0-9&#])" + body
        if name[-1].isascii() and name[-1].isalnum():
            body += r"(?![A-Za-z0-9])"
        alternatives.append(body)
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _guards(name: str, phrases: list[str]):
    """Zero-width assertions keeping `name` from matching where it is part of a phrase."""
    lowered = name.lower()
    for phrase in phrases:
        start = phrase.lower().find(lowered)
        while start != -1:
            before, after = phrase[:start], phrase[start + len(name) :]
            if before or after:
                behind = f"(?<={re.escape(before)})" if before else ""
                yield f"(?!{behind}{re.escape(name)}{re.escape(after)})"
            start = phrase.lower().find(lowered, start + 1)


@dataclass(frozen=True)
class _Term:
    pk: int
    slug: str
    url: str
    definition: str


class Matcher:
    """Links the first occurrence of each term, outside headings, links and code."""

    def __init__(self, entries):
        self.terms, names, exceptions = {}, [], []
        for entry in entries:
            exceptions.extend(entry.exception_list)
            term = _Term(
                entry.pk,
                entry.slug,
                entry.get_absolute_url(),
                Truncator(entry.definition).chars(TOOLTIP_CHARS),
            )
            for name in [entry.term, *entry.alias_list]:
                names.append(name)
                self.terms.setdefault(html.escape(name, quote=False).casefold(), term)
        self.pattern = term_pattern(names, escaped=True, exceptions=exceptions)

    def link(self, body_html: str) -> str:
        if self.pattern is None:
            return body_html
        linked = set()

        def replace(match):
            term = self.terms.get(match.group(0).casefold())
            if term is None or term.pk in linked:
                return match.group(0)
            linked.add(term.pk)
            return format_html(
                '<span class="term-wrap"><a class="term" href="{}" aria-describedby="def-{}">'
                '{}</a><span role="tooltip" id="def-{}" class="term-def">{}</span></span>',
                term.url,
                term.slug,
                mark_safe(match.group(0)),  # already-escaped text from the sanitised body
                term.slug,
                term.definition,
            )

        out, skipped = [], 0
        for part in _MARKUP.split(body_html):
            if part.startswith("<"):
                name = _ELEMENT_NAME.match(part)
                if name and name.group(1).lower() in SKIPPED_ELEMENTS:
                    skipped += -1 if part.startswith("</") else 1
            elif part and skipped == 0:
                part = self.pattern.sub(replace, part)
            out.append(part)
        return "".join(out)


_current: dict[int, Matcher] = {}


def current_matcher() -> Matcher:
    """The matcher for all published entries, rebuilt when the glossary stamp changes."""
    stamp = version(GLOSSARY)
    matcher = _current.get(stamp)
    if matcher is None:
        entries = GlossaryEntry.objects.published().only(
            "term", "slug", "definition", "aliases", "link_exceptions"
        )
        matcher = Matcher(entries)
        _current.clear()
        _current[stamp] = matcher
    return matcher


def linked_body(article) -> str:
    """The article's body HTML with glossary terms linked, cached until either changes."""
    key = f"glossary:linked:{article.pk}:{article.updated_at.timestamp()}:{version(GLOSSARY)}"
    bodies = caches["bodies"]
    linked = bodies.get(key)
    if linked is None:
        linked = current_matcher().link(article.body_html)
        bodies.set(key, linked, LINKED_TIMEOUT)
    return linked


def sentence_with(body: str, pattern: re.Pattern) -> tuple[str, str, str] | None:
    """The first sentence of Markdown `body` matching `pattern`, as (before, match, after).

    Sentences of running text are preferred to headings; Markdown markers are dropped, and
    long sentences are cut to the words around the match.
    """
    heading = None
    for sentence in _SENTENCE_END.split(body):
        is_heading = sentence.lstrip().startswith("#")
        sentence = _MARKDOWN_EMPHASIS.sub("", _MARKDOWN_LEAD.sub("", sentence)).strip()
        found = pattern.search(sentence)
        if found and not is_heading:
            return _excerpt(sentence, found)
        if found and heading is None:
            heading = _excerpt(sentence, found)
    return heading


def _excerpt(sentence: str, found: re.Match) -> tuple[str, str, str]:
    before, after = sentence[: found.start()], sentence[found.end() :]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return before, found.group(0), after
