"""A web worker serving reader pages never loads the segmenter's or pinyin's tables, and
search reads jieba's word frequencies from their file instead of loading its dictionary.

Pinyin is made where a name is saved (slugs, sort keys), never where it is listed.

Run in a fresh interpreter, since this test process has long imported them all. The
rows are written without signals, whose search indexing would load the segmenter.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("jieba", "jieba.posseg", "jieba.analyse", "pypinyin")

WORKER = """
import json
import sys
import django
from django.core.management import call_command

django.setup()
call_command("migrate", verbosity=0)

from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from articles.models import Article, Author, Tag, TaggedArticle
from glossary.models import GlossaryEntry

get_resolver().check()
author = Author.objects.create(name="作者", slug="zuo-zhe")
tag = Tag.objects.bulk_create([Tag(
    name="产业互联网", name_key="产业互联网", slug="chan-ye-hu-lian-wang",
    sort_key="chanyehulianwang",
)])[0]
term = GlossaryEntry.objects.bulk_create([GlossaryEntry(
    term="数字化", term_key="数字化", slug="shu-zi-hua", sort_key="shuzihua",
    definition="用数字技术改造业务。", status=GlossaryEntry.Status.PUBLISHED,
)])[0]
articles = Article.objects.bulk_create(
    Article(
        title=f"文章{n}", slug=f"wen-zhang-{n}", author=author, body="正文。",
        body_html="<p>正文。</p>", status=Article.Status.PUBLISHED,
        published_at=timezone.now(), featured=n == 0,
    )
    for n in range(3)
)
TaggedArticle.objects.bulk_create(TaggedArticle(content_object=a, tag=tag) for a in articles)
article = articles[0]
assert not any(name in sys.modules for name in HEAVY), "loaded before any page"
client = Client()
for url in ("/", article.get_absolute_url(), "/articles/", "/articles/?page=last",
            tag.get_absolute_url(), "/tags/", author.get_absolute_url(), "/glossary/",
            term.get_absolute_url(), "/feed/rss/", "/sitemap.xml", "/sitemap-articles.xml"):
    assert client.get(url).status_code == 200, url
pages_loaded = [name for name in HEAVY if name in sys.modules]


def rss_mib():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


before = rss_mib()
for query in ("产业互联网", "区块链技术的落地", "SaaS 企业服务"):
    assert client.get("/search/", {"q": query}).status_code == 200, query
print(json.dumps({
    "pages_loaded": pages_loaded,
    "search_loaded": [name for name in HEAVY if name in sys.modules and name != "jieba"],
    "search_growth_mib": rss_mib() - before,
}))
"""
SEARCH_GROWTH_MIB = 25  # jieba's whole dictionary takes 55-70 MiB


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """What a fresh worker process loaded serving every reader page, then searches."""
    database = tmp_path_factory.mktemp("worker") / "worker.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    script = f"HEAVY = {HEAVY!r}\n{WORKER}"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_reader_pages_leave_segmenter_and_pinyin_unloaded(worker):
    assert worker["pages_loaded"] == []


def test_search_reads_word_frequencies_without_loading_the_dictionary(worker):
    assert worker["search_loaded"] == []
    assert worker["search_growth_mib"] < SEARCH_GROWTH_MIB
