"""What readers type, turned into search terms.

Text in double quotes ("产业 互联网", “智慧零售”, 「…」) is a phrase; everything else
becomes single tokens. Every term must match. Terms are plain token sequences and the
backends quote them, so operators, quotes and SQL in the input are only ever text.
"""

from dataclasses import dataclass

from . import documents

MAX_LENGTH = 100
_QUOTES = str.maketrans(dict.fromkeys("“”「」『』＂", '"'))


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[tuple[str, ...], ...]

    def __bool__(self):
        return bool(self.terms)

    @property
    def words(self) -> list[str]:
        """Tokens to highlight, longest first: 智慧零售 but not its parts 智慧 and 零售."""
        tokens = {token for term in self.terms for token in term}
        whole = {t for t in tokens if not any(t != other and t in other for other in tokens)}
        return sorted(whole, key=lambda word: (-len(word), word))


def clean(raw: str) -> str:
    """`raw` with control characters and runs of spaces made single spaces, cut to length."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())[:MAX_LENGTH]


def parse(raw: str) -> Query:
    """Split `raw` into terms, after teaching the segmenter the glossary's words."""
    text = clean(raw)
    if not text:
        return Query("", ())
    documents.learn_glossary_words()
    pieces = text.translate(_QUOTES).split('"')
    terms = []
    for i, piece in enumerate(pieces):
        tokens = documents.tokens(piece)
        closed_phrase = i % 2 == 1 and i < len(pieces) - 1
        if closed_phrase and tokens:
            terms.append(tuple(tokens))
        else:
            terms.extend((token,) for token in tokens)
    return Query(text, tuple(dict.fromkeys(terms)))
