"""Body clean-up: boilerplate, stray PDF spaces, credits, standfirsts and closing citations."""

import re
from dataclasses import dataclass

from . import boilerplate as bp
from .credits import Credits, credits_of, take_credit_lines
from .judge import MARK, Removal, remove_boilerplate
from .paragraphs import split_sentences
from .rules import NO_SITE_RULES, SiteRules

_SPACE_BETWEEN = re.compile(rf"(?<=[{bp.CJK}{bp.PUNCT}])[{bp.SPACE}]+(?=[{bp.CJK}{bp.PUNCT}])")
_SPACE_BEFORE_CLOSE = re.compile(rf"[{bp.SPACE}]+(?=[,，。、;；:：!?！？)）》”])")
_SPACES = re.compile(rf"[{bp.SPACE}]+")
_HINTS = re.compile(rf"{bp.HINT}+")
_EMPTY_BRACKETS = re.compile(rf"[(（【\[][{bp.SPACE}]*{MARK}[{bp.SPACE}{MARK}]*[)）】\]]")
_AFTER_SENTENCE = bp.SENTENCE_END + bp.CLOSING_QUOTES + bp.HINT
_BLANK = bp.HINT + bp.SPACE


@dataclass(frozen=True)
class Cleaned:
    text: str  # running text; `bp.HINT` marks the source's paragraph breaks
    credit: str  # names from credit lines, bios, column tags and citations, " / "-separated
    credits: Credits
    standfirst: str
    citation: str  # "——《…》" attributing a closing quotation, or ""
    removed: tuple[Removal, ...]


def break_hints(raw: str) -> str:
    """The body with `bp.HINT` where the source shows a paragraph break."""
    return bp.BREAK_HINT.sub(lambda m: m.group(1) + bp.HINT, raw.replace(MARK, " "))


def clean_body(
    raw: str,
    repeated: frozenset[str] = frozenset(),
    rules: SiteRules = NO_SITE_RULES,
    header: re.Pattern[str] | None = None,
) -> Cleaned:
    """Strip boilerplate from one body and take out its credits, standfirst and citation.

    `repeated` are segments found at the edges of several bodies of the same document;
    `rules` are the editors' rules for the document's site; `header` its PDF running
    header (`running_header`), if any.
    """
    figures: list[Removal] = []
    text = bp.FIGURE_NOTE.sub(  # first: a chart's `来源:` line is not the article's credit
        lambda m: _record(m, figures, "图表标题或数据来源", rules, bp.HINT), break_hints(raw)
    )
    if header:
        text = header.sub(
            lambda m: _record(m, figures, bp.RUNNING_HEADER_REASON, rules, bp.HINT), text
        )
    text, lines = take_credit_lines(text, lambda line: rules.keeps(line.text))
    text = _EMPTY_BRACKETS.sub("", text)  # `(来源:… 记者 …)` once its fields are out
    removed = [Removal(line.text, "credit", _CREDIT_REASONS[line.role]) for line in lines]
    removed += figures
    text, tail = _cut_tail(text)
    pieces = [piece for piece in tail.split(MARK) if piece.strip(_BLANK)]
    kept_tail = [piece.strip(_BLANK) for piece in pieces if rules.keeps(piece)]
    removed += [  # pieces as printed: credit fields inside the tail are recorded already
        Removal(piece, "tail", _TAIL_REASON)
        for piece in pieces
        if piece.strip(_BLANK) not in kept_tail
    ]
    legacy = [
        m["name"]
        for pattern in (bp.COLUMNIST, bp.COLUMN_TAG, bp.PUBLISHER)
        for m in pattern.finditer(tail)
    ]
    text, judged = remove_boilerplate(strip_boilerplate(text, removed, rules), repeated, rules)
    removed += judged
    text = bp.HINT.join([text, *kept_tail])  # after the judge, which would take them again
    text, standfirst, label = _front_matter(text)
    if label:
        removed.append(Removal(label, "label", "导语标签"))
    text, citation = _citation(text)
    names = [line.value for line in lines if line.role in ("author", "source")]
    names += legacy + ([citation.lstrip("—")] if citation else [])
    return Cleaned(
        text=text,
        credit=" / ".join(dict.fromkeys(names)),
        credits=credits_of(lines),
        standfirst=standfirst,
        citation=citation,
        removed=tuple(removed),
    )


_CREDIT_REASONS = {
    "author": "署名（作者）",
    "editor": "署名（编辑、审核、校对）",
    "source": "来源",
    "title": "原标题",
    "bio": "作者简介",
}


_TAIL_REASON = "文末署名、简介或转载说明"


def running_header(chrome: tuple[str, ...]) -> re.Pattern[str] | None:
    """A PDF's running header: the site's name (the first chrome line, when it is a bare
    name), alone or with the report's title after a space or a bar, standing between
    breaks or spaces."""
    name = next((line.strip() for line in chrome if line.strip()), "")
    if not bp.SITE_NAME.fullmatch(name):
        return None
    return re.compile(
        rf"(?:^|(?<=[{bp.SPACE}{bp.HINT}{bp.SENTENCE_END}])){re.escape(name)}"
        rf"(?:[{bp.SPACE}{bp.BAR}]+{bp.RUNNING_TITLE})?(?=[{bp.SPACE}{bp.HINT}(（]|$)"
    )


def strip_boilerplate(text: str, removed: list[Removal], rules: SiteRules = NO_SITE_RULES) -> str:
    """Remove calls to action, copyright and image notices wherever they occur."""
    for pattern in (*bp.INLINE_BOILERPLATE, bp.PAGE_WIDGET):
        text = pattern.sub(lambda m: _record(m, removed, "已知的平台提示语", rules), text)
    return text


def _record(
    match: re.Match[str], removed: list[Removal], reason: str, rules: SiteRules, gap: str = ""
) -> str:
    """Record the removal of what `match` found and leave `gap`, unless the site's editors
    said to keep it."""
    found = match.group()
    if rules.keeps(found):
        return found
    if found:
        removed.append(Removal(found, "pattern", reason))
    return gap


_MARKER = "|".join(  # every heading family, without its named groups
    re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in bp.HEADING_FAMILIES.values()
)
_SPACED_HEADING = re.compile(
    rf"(?:^|(?<=[{bp.MARKER_AFTER}{bp.SPACE}]))(?P<heading>(?:{_MARKER})[{bp.SPACE}]*"
    rf"[^{bp.PUNCT}{bp.SENTENCE_END}{bp.SPACE}{bp.HINT}]{{{bp.HEADING_MIN},{bp.HEADING_MAX}}})"
    rf"[{bp.SPACE}]+(?=[^{bp.SPACE}{bp.HINT}])"
)


def fix_spaces(text: str) -> str:
    """Drop spaces a PDF left inside Chinese text; keep those next to Latin words and digits.

    A space right after a numbered heading (`第一部分 市场概况 经过…`) is the heading's end:
    it becomes a paragraph break.
    """
    text = _SPACED_HEADING.sub(lambda m: m["heading"] + bp.HINT, text)
    text = _SPACE_BEFORE_CLOSE.sub("", _SPACE_BETWEEN.sub("", text))
    return _SPACES.sub(" ", text)


def _cut_tail(text: str) -> tuple[str, str]:
    """Split off a trailing sign-off/bio/notice block: (text, tail)."""
    region = min(int(len(text) * bp.TAIL_REGION), max(0, len(text) - bp.TAIL_SPAN))
    starts = [m.start() for p in bp.TAIL_MARKERS if (m := p.search(text, region))]
    if not starts:
        return text, ""
    cut = min(starts)
    # A marker inside a sentence ("本文为…原创稿件,未经授权禁止转载。") takes its sentence along.
    sentence_start = max(text.rfind(char, 0, cut) for char in _AFTER_SENTENCE + MARK) + 1
    if cut - sentence_start <= bp.TAIL_LEAD_MAX:
        cut = sentence_start
    return text[:cut], text[cut:]


def _front_matter(text: str) -> tuple[str, str, str]:
    """The standfirst at the start: (text, standfirst, its label as printed or "").

    A standfirst is labelled (`导语:`, `【导读】` …), or is the lead printed before the
    credit line, or an editor's opening sentence. `MARK`s still show where credit lines were.
    """
    label = bp.STANDFIRST_MARKER.match(text.lstrip(_BLANK + MARK))
    first_mark = text.find(MARK, 0, bp.CREDIT_REACH)
    lead = text[:first_mark].strip(_BLANK) if first_mark >= 0 and not label else ""
    if lead and (len(lead) > bp.STANDFIRST_MAX or lead[-1] not in _AFTER_SENTENCE):
        lead = ""
    text = fix_spaces(text[first_mark:] if lead else text)
    text = _HINTS.sub(bp.HINT, text.replace(MARK, bp.HINT)).strip(_BLANK)
    if lead:
        return text, fix_spaces(lead).replace(bp.HINT, ""), ""
    text, standfirst, printed = _standfirst(text)
    if not text:  # all of it is the standfirst: keep it as the body
        return standfirst, "", ""
    return text, standfirst, printed


def _standfirst(text: str) -> tuple[str, str, str]:
    """A labelled standfirst or an editor's opening sentence: (text, standfirst, label)."""
    intro = bp.EDITOR_INTRO.match(text)
    if intro:
        return text[intro.end() :].lstrip(_BLANK), intro.group(), ""
    marker = bp.STANDFIRST_MARKER.match(text)
    if not marker:
        return text, "", ""
    taken: list[str] = []
    consumed = marker.end()
    for sentence in split_sentences(text[marker.end() :]):
        length = sum(map(len, taken))
        if taken and (sentence.after_break or length >= bp.STANDFIRST_MIN):
            break
        if taken and any(p.match(sentence.text) for p in bp.HEADING_FAMILIES.values()):
            break  # the first section's heading
        if taken and length + len(sentence.text) > bp.STANDFIRST_MAX:
            break
        if taken and not _joins_standfirst(sentence.text):
            break
        taken.append(sentence.text)
        consumed = text.index(sentence.text, consumed) + len(sentence.text)
    return text[consumed:].lstrip(_BLANK), "".join(taken), marker.group()


def _joins_standfirst(sentence: str) -> bool:
    """Does a sentence after the first still belong to the standfirst? A short one, one about
    the article (`本文梳理了…`) or one going on about its subject (`它是…`); another long one
    opens the body (`近日,…`)."""
    return len(sentence) <= bp.STANDFIRST_FOLLOW_MAX or bool(
        bp.STANDFIRST_CONTINUES.match(sentence)
    )


def _citation(text: str) -> tuple[str, str]:
    """A closing `——《书名》` attribution: (text without it, "——《书名》")."""
    match = bp.CITATION.search(text)
    if not match:
        return text, ""
    return text[: match.start()].rstrip(bp.HINT), "——" + match["work"]
