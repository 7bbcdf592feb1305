"""Search segmentation over the stored word frequencies equals jieba's over its dictionary."""

import json
import os
import subprocess
import sys
import tempfile
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
segmenter.set_search_words({"产业互联网生态", "c2b"})
before = [segmenter.search_tokens(t) for t in texts] + [segmenter.words(t) for t in texts]
assert not segmenter._held
segmenter.hold_dictionary()
assert type(segmenter.search().FREQ) is dict and type(segmenter.plain().FREQ) is dict
after = [segmenter.search_tokens(t) for t in texts] + [segmenter.words(t) for t in texts]
segmenter.set_search_words({"c2b"})  # still taught and forgotten as before
forgot = segmenter.search_tokens("产业互联网生态")
print(json.dumps([before == after, forgot]))
"""


def test_holding_the_dictionary_segments_alike_and_keeps_taught_words():
    """In a fresh process: the shared tokenizers, moved from the store to the whole
    dictionary in memory, cut the corpus as before and still know what they were taught."""
    texts = [text[:3000] for text in corpus_texts()[:6]] + ["产业互联网生态与c2b模式"]
    result = subprocess.run(
        [sys.executable, "-c", HOLDING, str(ROOT)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    same, forgot = json.loads(result.stdout)
    assert same
    assert "产业互联网生态" not in forgot
