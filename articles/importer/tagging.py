"""Tags for imported articles: glossary terms they mention plus corpus keywords."""

import re
from collections import Counter

from articles import text

from .vocabulary import DOMAIN_WORDS, STOPWORDS

MIN_TAGS, MAX_TAGS = 3, 8
MAX_GLOSSARY_TAGS = 3
CANDIDATES = 30
SHORT_TEXT = 600  # characters; below this one mention of a known word is enough
ALLOWED_POS = ("n", "nz", "vn", "nt", "ns", "eng")
_LATIN_TERM = re.compile(r"^(?=.*[A-Z0-9])[A-Za-z0-9]{2,10}$")
_HAS_DIGIT = re.compile(r"\d")
_BOOK_TITLE = re.compile(r"《[^》]*》")


def is_meaningful(word: str, known: frozenset[str]) -> bool:
    """No numbers, no function words, no one-character fragments."""
    if word in known:
        return True
    if len(word) < 2 or word in STOPWORDS or word.lower() in STOPWORDS:
        return False
    if text.cjk_count(word) == 0:
        return bool(_LATIN_TERM.match(word)) and not word.isdigit()
    return not _HAS_DIGIT.search(word) and text.cjk_count(word) == len(word)


def suggest_tags(texts: dict, glossary_terms: list[str]) -> dict:
    """Map each key of `texts` to 3–8 tag names, deterministic for the same input."""
    known = frozenset([*DOMAIN_WORDS, *glossary_terms])
    earlier = text.add_words(known)
    try:
        candidates = {key: _candidates(body, known) for key, body in texts.items()}
    finally:
        text.forget_words(earlier)  # searches segment with the published glossary alone
    spread = Counter(word for words in candidates.values() for word in words)
    return {key: _choose(texts[key], candidates[key], spread, glossary_terms) for key in texts}


def _candidates(body: str, known: frozenset[str]) -> dict[str, float]:
    import jieba.analyse  # the TF-IDF and part-of-speech tables: for imports only

    body = _BOOK_TITLE.sub("", body)  # a cited book's title is no topic of the article
    ranked = jieba.analyse.extract_tags(
        body, topK=CANDIDATES * 2, withWeight=True, allowPOS=ALLOWED_POS
    )
    words = {w: weight for w, weight in ranked if is_meaningful(w, known)}
    needed = 1 if len(body) < SHORT_TEXT else 2
    for word in known:  # jieba's POS tagger may not know the field's compounds
        if word not in words and body.count(word) >= needed and is_meaningful(word, known):
            words[word] = 0.05 * body.count(word)
    return dict(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES])


def _choose(body: str, candidates: dict[str, float], spread: Counter, glossary: list[str]):
    mentioned = sorted((t for t in glossary if t in body), key=lambda t: (-body.count(t), t))[
        :MAX_GLOSSARY_TAGS
    ]
    scored = sorted(
        candidates,
        key=lambda w: (-candidates[w] * (1 + 0.3 * min(spread[w] - 1, 3)), w),
    )
    chosen = list(mentioned)
    for word in scored:
        if len(chosen) >= MAX_TAGS:
            break
        if any(word in c or c in word for c in chosen):
            continue
        chosen.append(word)
    for word in scored:  # a short article: relax the overlap rule rather than go under 3
        if len(chosen) >= MIN_TAGS:
            break
        if word not in chosen:
            chosen.append(word)
    return chosen
