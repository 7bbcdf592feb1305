"""Tags for imported articles: glossary terms they mention plus corpus keywords."""

import re
from collections import Counter

from articles import segmenter, text

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
    suggester = TagSuggester()
    suggester.learn(glossary_terms)
    return suggester.suggest(texts)


class TagSuggester:
    """Tag suggestion for one import: its tokenizer, part-of-speech tagger and TF-IDF table
    (seconds to load) are made once, on the first `suggest`, and serve every document.

    `learn` adds glossary terms as the import meets them; each `suggest` call is one batch
    (a document), within which words found in several texts weigh more.
    """

    def __init__(self):
        self.terms: list[str] = []
        self._known = set(DOMAIN_WORDS)
        self._extractor = None

    def learn(self, terms) -> None:
        for term in terms:
            if term in self.terms:
                continue
            self.terms.append(term)
            if term not in self._known:
                self._known.add(term)
                if self._extractor is not None:
                    self._extractor.postokenizer.learn(term)

    def suggest(self, texts: dict) -> dict:
        if not texts:
            return {}
        known = frozenset(self._known)
        if self._extractor is None:
            self._extractor = _keyword_extractor(known)
        candidates = {key: _candidates(self._extractor, body, known) for key, body in texts.items()}
        spread = Counter(word for words in candidates.values() for word in words)
        return {key: _choose(texts[key], candidates[key], spread, self.terms) for key in texts}


def _keyword_extractor(known: frozenset[str]):
    """jieba's TF-IDF keyword extractor over a part-of-speech tagger that knows `known`."""
    import jieba.analyse

    extractor = jieba.analyse.TFIDF()
    extractor.postokenizer = DictionaryPOS(known)
    return extractor


class DictionaryPOS:
    """Part-of-speech tags of dictionary words, as jieba's tagger gives them without its
    HMM (`POSTokenizer.cut(text, HMM=False)`), from rjieba, jieba compiled: the same words
    and tags (rjieba tags a digit run `m` and a word without a tag `""`, jieba `eng` and
    `x`), several times faster. The HMM, which guesses the part of speech of unknown
    character runs, is left out: it was nine tenths of an import's work, and tags are made
    of dictionary words and the known words anyway."""

    def __init__(self, known=()):
        import rjieba

        self.compiled = rjieba.Jieba()
        for word in sorted(known):
            self.learn(word)

    def learn(self, word: str) -> None:
        self.compiled.add_word(word, segmenter.GLOSSARY_FREQ, None)

    def cut(self, sentence: str):
        from jieba.posseg import pair

        for word, flag in self.compiled.tag(sentence, False):
            if flag == "m" and word.isascii() and word.isalnum():
                flag = "eng"
            yield pair(word, flag or "x")


def _candidates(extractor, body: str, known: frozenset[str]) -> dict[str, float]:
    body = _BOOK_TITLE.sub("", body)  # a cited book's title is no topic of the article
    ranked = extractor.extract_tags(
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
