"""Glossaries written as runs of `术语:定义。` sentences inside a body.

A term sentence starts at a sentence boundary with a short term (no punctuation or
spaces, not ending in a lead-in word such as 在于/包括) and a colon. A run in which a term
comes back is a dialogue, not a glossary. Only a run of at
least `TERM_MIN_RUN` consecutive term sentences is a glossary; a lone `挑战在于:` or
`数据:` in prose is not. Each definition runs to the next term of the run, and is at most
`DEFINITION_SENTENCES_MAX` sentences without a numbered heading: a colon before a longer
stretch of prose (`一句话概括:…`) opens no glossary.
"""

import re
from dataclasses import dataclass

from . import boilerplate as bp


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    colon: str  # the colon as printed, `:` or `：`


def extract_glossary(text: str) -> tuple[str, tuple[Entry, ...]]:
    """The text without its glossary runs, and the entries of those runs in order."""
    entries: list[Entry] = []
    kept: list[str] = []
    cursor = 0
    for run in _runs(text):
        ends = [match.start() for match in run[1:]] + [_last_definition_end(text, run[-1].end())]
        for match, end in zip(run, ends, strict=True):
            definition = text[match.end() : end].replace(bp.HINT, "").strip()
            entries.append(Entry(match["term"], definition, text[match.end() - 1]))
        kept.append(text[cursor : run[0].start()])
        cursor = ends[-1]
    kept.append(text[cursor:])
    remaining = bp.HINT.join(part.strip(bp.HINT) for part in kept if part.strip(bp.HINT))
    return remaining, tuple(entries)


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of term sentences, each definition short and within one paragraph."""
    runs: list[list[re.Match[str]]] = []
    for match in bp.TERM.finditer(text):
        term = match["term"]
        if term.isdigit() or bp.TERM_BAD_ENDINGS.search(term):
            continue
        definition = text[runs[-1][-1].end() : match.start()] if runs else ""
        if (
            runs
            and len(definition) <= bp.DEFINITION_MAX
            and bp.HINT not in definition.rstrip(bp.HINT)
            and _sentence_count(definition) <= bp.DEFINITION_SENTENCES_MAX
            and not bp.HEADING_AFTER_SENTENCE.search(definition)
        ):
            runs[-1].append(match)
        else:
            runs.append([match])
    return [run for run in runs if len(run) >= bp.TERM_MIN_RUN and _defines(run)]


def _sentence_count(text: str) -> int:
    return len(_SENTENCE_ENDS.findall(text))


_SENTENCE_ENDS = re.compile(f"[{bp.SENTENCE_END}]+")


def _defines(run: list[re.Match[str]]) -> bool:
    """A glossary names each term once; speakers of an interview (`李卫:` … `王珂:` …
    `李卫:`) come back, and credit labels (`编辑:`) are no terms."""
    terms = [match["term"] for match in run]
    return len(set(terms)) == len(terms) and not any(t in bp.CREDIT_ROLE_OF for t in terms)


def _last_definition_end(text: str, start: int) -> int:
    """The end of a run's last definition: its paragraph's end, or the body's, or its sentence's."""
    paragraph_end = text.find(bp.HINT, start)
    if 0 < paragraph_end - start <= bp.DEFINITION_MAX:
        return paragraph_end
    if paragraph_end < 0 and len(text) - start <= bp.DEFINITION_MAX:
        return len(text)
    sentence_end = min(
        (i for i in (text.find(char, start) for char in bp.SENTENCE_END) if i >= 0),
        default=len(text) - 1,
    )
    return sentence_end + 1
