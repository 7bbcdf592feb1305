"""Search segmentation over the stored word frequencies equals jieba's over its dictionary."""

import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import jieba
import pytest

from articles import segmenter, word_frequencies
from articles.search import documents

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """The test's own directory, where the stores of its small dictionaries go too."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_store_holds_what_jieba_builds_from_a_dictionary(scratch):
    dictionary = scratch / "dict.txt"
    dictionary.write_text("产业互联网 5 n\n产业 40 n\n互联 3 v\n产业 30 n\n", encoding="utf-8")
    frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary.open("rb"))

    stored = word_frequencies.StoredFrequencies(word_frequencies.ensure_store(dictionary))

    assert stored.total == total == 78
    for word, freq in frequencies.items():
        assert word in stored and stored[word] == stored.get(word) == freq
    assert "产业互" in stored and stored["产业互"] == 0  # a prefix, not a word
    assert "联网" not in stored and stored.get("联网", 7) == 7


def test_a_changed_dictionary_gets_a_new_store(scratch):
    dictionary = scratch / "dict.txt"
    dictionary.write_text("产业 40 n\n", encoding="utf-8")
    first = word_frequencies.ensure_store(dictionary)
    dictionary.write_text("产业 40 n\n数字化 9 n\n", encoding="utf-8")

    assert word_frequencies.ensure_store(dictionary) != first


def test_an_unreadable_line_is_named(scratch):
    dictionary = scratch / "dict.txt"
    dictionary.write_text("产业 40 n\n数字化 多 n\n", encoding="utf-8")

    with pytest.raises(ValueError, match="line 2"):
        word_frequencies.ensure_store(dictionary)


def corpus_texts() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "corpus").rglob("*.txt")
    )
    return [documents.normalise(path.read_bytes().decode("utf-8", "replace")) for path in paths]


def test_search_tokens_of_the_corpus_are_jiebas_own():
    taught = ["产业互联网生态", "智慧零售", "c2b", "数字化转型"]
    stored = segmenter._stored_tokenizer("search")
    loaded = segmenter._new_tokenizer()
    for tokenizer in (stored, loaded):
        for word in taught:
            tokenizer.add_word(word, freq=segmenter.GLOSSARY_FREQ)
        tokenizer.del_word("互联网")  # forgetting a word, as set_search_words may

    texts = corpus_texts()
    assert sum(len(text) for text in texts) > 50_000
    for text in texts:
        assert list(stored.cut_for_search(text)) == list(loaded.cut_for_search(text))
        assert stored.lcut(text) == loaded.lcut(text)
    assert stored.total == loaded.total


HOLDING = """
import json, sys
sys.path.insert(0, sys.argv[1])
from articles import segmenter

texts = json.loads(sys.stdin.read())
cuts = (segmenter.search_tokens, segmenter.words, segmenter.dictionary_words)
segmenter.set_search_words({"产业互联网生态", "c2b"})
before = [cut(t) for cut in cuts for t in texts]
assert not segmenter._held and not segmenter._compiled
segmenter.hold_dictionary()
assert type(segmenter.search().FREQ) is dict and type(segmenter.plain().FREQ) is dict
assert set(segmenter._compiled) == {"plain", "search"}
after = [cut(t) for cut in cuts for t in texts]
segmenter.set_search_words({"c2b", "数实融合"})  # forgetting one word, learning another
forgot = segmenter.search_tokens("产业互联网生态与数实融合")
print(json.dumps([before, after, forgot]))
"""

LATIN = "电话010-6852-1234，邮箱gydata_obs@example.com，Wi-Fi 6、3.5%的增长、C++与C#、T-shirt"


def test_holding_the_dictionary_segments_alike_and_keeps_taught_words():
    """In a fresh process: the shared cuts, moved from jieba over the stored frequencies
    to rjieba (compiled, over the whole dictionary), cut the seeds and the corpus exactly
    as before and still know what they were taught."""
    texts = corpus_texts() + ["产业互联网生态与c2b模式", LATIN, LATIN.upper()]
    result = subprocess.run(
        [sys.executable, "-c", HOLDING, str(ROOT)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    before, after, forgot = json.loads(result.stdout)
    for old, new in zip(before, after, strict=True):
        assert only_ties_differ(old, new)
    assert sum(old == new for old, new in zip(before, after, strict=True)) > len(before) * 0.9
    assert "产业互联网生态" not in forgot and "数实融合" in forgot


def only_ties_differ(old: list[str], new: list[str]) -> bool:
    """Do two cuts of one text differ only where two cuts are equally likely, that is,
    the same words in another order (`叮|叮叮` and `叮叮|叮`)? jieba and rjieba break
    such exact ties differently. Compared piece by piece between the places both cut."""
    shared = sorted(
        set(itertools.accumulate(map(len, old))) & set(itertools.accumulate(map(len, new)))
    )
    pieces = []
    for cut in (old, new):
        ends, piece, words = iter(shared), [], []
        end, position = next(ends, None), 0
        for word in cut:
            piece.append(word)
            position += len(word)
            if position == end:
                words.append(Counter(piece))
                piece, end = [], next(ends, None)
        pieces.append(words)
    return pieces[0] == pieces[1]


def test_the_compiled_tagger_tags_as_jiebas_tagger_without_its_hmm():
    """Tag suggestion's part-of-speech tags (rjieba) equal jieba's `POSTokenizer` without
    its HMM, taught words included, on the seeds, the corpus and Latin runs."""
    import jieba.posseg

    from articles.importer.tagging import DictionaryPOS
    from articles.importer.vocabulary import DOMAIN_WORDS

    known = frozenset(DOMAIN_WORDS) | {"产业互联网生态", "c2b"}
    tokenizer = segmenter._new_tokenizer()
    for word in sorted(known):
        tokenizer.add_word(word, freq=segmenter.GLOSSARY_FREQ)
    jiebas = jieba.posseg.POSTokenizer(tokenizer)
    compiled = DictionaryPOS(known)
    for text in corpus_texts() + [LATIN, "5G基站、ABC123与２０２６年的c2b"]:
        old = [(pair.word, pair.flag) for pair in jiebas.cut(text, HMM=False)]
        new = [(pair.word, pair.flag) for pair in compiled.cut(text)]
        assert only_ties_differ([word for word, _ in old], [word for word, _ in new])
        old_tags, new_tags = dict(_at_offsets(old)), dict(_at_offsets(new))
        shared = old_tags.keys() & new_tags.keys()
        assert len(shared) > 0.99 * len(old_tags)
        assert {at: old_tags[at] for at in shared} == {at: new_tags[at] for at in shared}


def _at_offsets(tagged):
    """((offset, word), flag) of each tagged word."""
    offset = 0
    for word, flag in tagged:
        yield (offset, word), flag
        offset += len(word)
