"""A web worker serving reader pages never loads the segmenter's or pinyin's tables.

Pinyin is made where a name is saved (slugs, sort keys), never where it is listed.

Run in a fresh interpreter, since this test process has long imported them all. The
rows are written without signals, whose search indexing would load the segmenter.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("jieba", "jieba.posseg", "jieba.analyse", "pypinyin")

WORKER = """
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
            term.get_absolute_url(), "/feed/rss/", "/sitemap.xml"):
    assert client.get(url).status_code == 200, url
print(" ".join(name for name in HEAVY if name in sys.modules))
"""


def test_reader_pages_leave_segmenter_and_pinyin_unloaded(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    script = f"HEAVY = {HEAVY!r}\n{WORKER}"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == ""
