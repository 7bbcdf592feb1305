"""Body clean-up: boilerplate, stray PDF spaces, credits, standfirsts and closing citations."""

import re
from dataclasses import dataclass

from . import boilerplate as bp
from .paragraphs import split_sentences

_SPACE_BETWEEN = re.compile(rf"(?<=[{bp.CJK}{bp.PUNCT}])[{bp.SPACE}]+(?=[{bp.CJK}{bp.PUNCT}])")
_SPACE_BEFORE_CLOSE = re.compile(rf"[{bp.SPACE}]+(?=[,，。、;；:：!?！？)）》”])")
_SPACES = re.compile(rf"[{bp.SPACE}]+")
_HINTS = re.compile(rf"{bp.HINT}+")
_AFTER_SENTENCE = bp.SENTENCE_END + bp.CLOSING_QUOTES + bp.HINT
_BLANK = bp.HINT + bp.SPACE


@dataclass(frozen=True)
class Cleaned:
    text: str  # running text; `bp.HINT` marks the source's paragraph breaks
    credit: str  # names from credit lines, bios, column tags and citations, " / "-separated
    standfirst: str
    citation: str  # "——《…》" attributing a closing quotation, or ""


def clean_body(raw: str) -> Cleaned:
    """Strip boilerplate from one body and take out its credit, standfirst and citation."""
    text = bp.BREAK_HINT.sub(lambda m: m.group(1) + bp.HINT, raw)
    text, tail = _cut_tail(text)
    credits = [
        m["name"]
        for pattern in (bp.COLUMNIST, bp.COLUMN_TAG, bp.PUBLISHER)
        for m in pattern.finditer(tail)
    ]
    text, front_credits, standfirst = _front_matter(strip_boilerplate(text))
    text, citation = _citation(text)
    names = front_credits + credits + ([citation.lstrip("—")] if citation else [])
    return Cleaned(text, " / ".join(dict.fromkeys(names)), standfirst, citation)


def strip_boilerplate(text: str) -> str:
    """Remove calls to action, copyright and image notices wherever they occur."""
    for pattern in bp.INLINE_BOILERPLATE:
        text = pattern.sub("", text)
    return _HINTS.sub(bp.HINT, text).strip(_BLANK)


def fix_spaces(text: str) -> str:
    """Drop spaces a PDF left inside Chinese text; keep those next to Latin words and digits."""
    text = _SPACE_BEFORE_CLOSE.sub("", _SPACE_BETWEEN.sub("", text))
    return _SPACES.sub(" ", text)


def _cut_tail(text: str) -> tuple[str, str]:
    """Split off a trailing sign-off/bio/notice block: (text, tail)."""
    region = min(int(len(text) * bp.TAIL_REGION), max(0, len(text) - bp.TAIL_SPAN))
    starts = [m.start() for p in bp.TAIL_MARKERS if (m := p.search(text, region))]
    if not starts:
        return text, ""
    return text[: min(starts)], text[min(starts) :]


def _front_matter(text: str) -> tuple[str, list[str], str]:
    """Glued credits and the standfirst at the start: (text, credit names, standfirst).

    Credits are read before PDF spaces are removed, since a space may end a name.
    """
    names: list[str] = []
    lead = ""
    run = bp.CREDIT_RUN.search(text, 0, bp.CREDIT_REACH)
    if run and (run.start() == 0 or text[run.start() - 1] in _AFTER_SENTENCE):
        names = [field["name"] for field in bp.CREDIT_FIELD.finditer(run.group())]
        lead, text = text[: run.start()].strip(_BLANK), text[run.end() :].strip(_BLANK)
        if len(lead) > bp.STANDFIRST_MAX:
            lead, text = "", lead + bp.HINT + text
    text = fix_spaces(text)
    if lead:
        standfirst = fix_spaces(lead).replace(bp.HINT, "")
    else:
        text, standfirst = _standfirst(text)
    if not text:  # all of it is the standfirst: keep it as the body
        return standfirst, names, ""
    return text, names, standfirst


def _standfirst(text: str) -> tuple[str, str]:
    """A marked standfirst (`编辑导语:` …) or an editor's opening sentence: (text, standfirst)."""
    intro = bp.EDITOR_INTRO.match(text)
    if intro:
        return text[intro.end() :].lstrip(bp.HINT), intro.group()
    marker = bp.STANDFIRST_MARKER.match(text)
    if not marker:
        return text, ""
    taken: list[str] = []
    consumed = marker.end()
    for sentence in split_sentences(text[marker.end() :]):
        length = sum(map(len, taken))
        if taken and (sentence.after_break or length >= bp.STANDFIRST_MIN):
            break
        if taken and length + len(sentence.text) > bp.STANDFIRST_MAX:
            break
        taken.append(sentence.text)
        consumed = text.index(sentence.text, consumed) + len(sentence.text)
    return text[consumed:].lstrip(bp.HINT), "".join(taken)


def _citation(text: str) -> tuple[str, str]:
    """A closing `——《书名》` attribution: (text without it, "——《书名》")."""
    match = bp.CITATION.search(text)
    if not match:
        return text, ""
    return text[: match.start()].rstrip(bp.HINT), "——" + match["work"]
